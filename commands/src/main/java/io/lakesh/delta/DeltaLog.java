package io.lakesh.delta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakesh.LakeshException;
import io.lakesh.command.Errors;
import io.lakesh.namespace.Location;
import io.lakesh.store.FileEntry;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commit files of a Delta log (`_delta_log/<version>.json`), read directly through the table's
 * store: for history (the kernel has no history API) and to name the commit a kernel failure was about.
 */
final class DeltaLog {
    private static final Pattern COMMIT = Pattern.compile("(\\d{20})\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Location table;

    DeltaLog(Location table) {
        this.table = table;
    }

    String file(long version) {
        return table.storePath() + "/_delta_log/" + String.format("%020d.json", version);
    }

    /** Versions that have a commit file, newest first. */
    List<Long> versions() throws IOException {
        List<Long> versions = new ArrayList<>();
        for (FileEntry f : table.store().list(table.storePath() + "/_delta_log")) {
            Matcher m = COMMIT.matcher(f.name());
            if (m.matches()) {
                versions.add(Long.parseLong(m.group(1)));
            }
        }
        versions.sort(Comparator.reverseOrder());
        return versions;
    }

    /** The actions of one commit, in order; a line that is not JSON fails naming the version. */
    List<JsonNode> actions(long version) throws IOException {
        List<JsonNode> actions = actionsIfPresent(version);
        if (actions == null) {
            throw new LakeshException("'" + table.display() + "': Delta log version " + version + " is missing (" + file(version) + ")");
        }
        return actions;
    }

    /** As {@link #actions(long)}, or null when the commit file is not there (cleaned up after a checkpoint). */
    List<JsonNode> actionsIfPresent(long version) throws IOException {
        List<JsonNode> actions = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(table.store().open(file(version)), StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    actions.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new LakeshException("'" + table.display() + "': Delta log version " + version + " is corrupt (line " + n
                            + " is not JSON: " + Errors.firstLine(e).replaceAll("\\s+at \\[Source.*", "") + ")");
                }
            }
        } catch (FileNotFoundException | java.nio.file.NoSuchFileException e) {
            return null;
        }
        return actions;
    }

    /**
     * When the commit was made as Delta time travel counts it: the in-commit timestamp where the table has
     * them, else the commit file's modification time (commitInfo.timestamp is the writer's clock, earlier).
     */
    Instant time(long version, JsonNode commitInfo) throws IOException {
        return commitInfo.hasNonNull("inCommitTimestamp") ? Instant.ofEpochMilli(commitInfo.get("inCommitTimestamp").asLong())
                : Instant.ofEpochMilli(table.store().stat(file(version)).modified().toEpochMilli()); // Delta counts in milliseconds
    }

    /** The failure reading the newest commit that is not JSON, or null if every commit file parses. */
    LakeshException corruptCommit() {
        try {
            for (long v : versions()) {
                actions(v);
            }
        } catch (LakeshException e) {
            return e;
        } catch (IOException e) {
            return null; // the log cannot be listed or read: the kernel's own failure says more
        }
        return null;
    }
}
