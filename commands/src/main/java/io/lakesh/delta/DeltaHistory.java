package io.lakesh.delta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakesh.LakeshException;
import io.lakesh.command.CancelledException;
import io.lakesh.output.Table;
import io.lakesh.store.FileEntry;
import io.lakesh.store.Store;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `history` of a Delta table, as DESCRIBE HISTORY shows it: the commitInfo of each commit file, newest
 * first, read from the log directly (the kernel has no history API). Commits whose files were cleaned
 * up after a checkpoint are not listed.
 */
public final class DeltaHistory {
    private static final Pattern COMMIT = Pattern.compile("(\\d{20})\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeltaHistory() {
    }

    /** The newest {@code limit} commits at or before the snapshot's version (limit < 0: all). */
    public static Table history(DeltaTables.Ref ref, int limit) throws IOException {
        Store store = ref.location().store();
        String log = ref.location().storePath() + "/_delta_log";
        List<Long> versions = new ArrayList<>();
        for (FileEntry f : store.list(log)) {
            Matcher m = COMMIT.matcher(f.name());
            if (m.matches() && Long.parseLong(m.group(1)) <= ref.version()) {
                versions.add(Long.parseLong(m.group(1)));
            }
        }
        versions.sort(java.util.Comparator.reverseOrder());
        Table out = Table.of("version", "committed_at", "operation", "parameters", "metrics", "engine", "current").nullText("-");
        for (long v : limit < 0 ? versions : versions.subList(0, Math.min(limit, versions.size()))) {
            CancelledException.check();
            String file = log + "/" + String.format("%020d.json", v);
            JsonNode info = commitInfo(ref, store, file, v);
            Instant time = info.hasNonNull("inCommitTimestamp") ? Instant.ofEpochMilli(info.get("inCommitTimestamp").asLong())
                    : info.hasNonNull("timestamp") ? Instant.ofEpochMilli(info.get("timestamp").asLong())
                    : store.stat(file).modified();
            out.add(v, time, text(info.get("operation")), pairs(info.get("operationParameters")),
                    pairs(info.get("operationMetrics")), text(info.get("engineInfo")), v == ref.version() ? "*" : "");
        }
        return out;
    }

    /** The commitInfo action of one commit file (an empty object when the writer left none). */
    private static JsonNode commitInfo(DeltaTables.Ref ref, Store store, String file, long version) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(store.open(file), StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode action;
                try {
                    action = JSON.readTree(line);
                } catch (IOException e) {
                    throw new LakeshException("'" + ref.path() + "': Delta log version " + version + " is corrupt (line " + n
                            + " is not JSON: " + io.lakesh.command.Errors.firstLine(e) + ")");
                }
                if (action.has("commitInfo")) {
                    return action.get("commitInfo");
                }
            }
        } catch (FileNotFoundException e) {
            throw new LakeshException("'" + ref.path() + "': Delta log version " + version + " is missing (" + file + ")");
        }
        return JSON.createObjectNode();
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.isTextual() ? n.asText() : n.toString();
    }

    /** `mode=Append, partitionBy=[]`: a map as one cell, in the writer's order. */
    private static String pairs(JsonNode n) {
        if (n == null || !n.isObject() || n.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            sb.append(sb.isEmpty() ? "" : ", ").append(e.getKey()).append('=').append(text(e.getValue()));
        }
        return sb.toString();
    }
}
