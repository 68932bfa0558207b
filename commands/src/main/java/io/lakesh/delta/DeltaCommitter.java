package io.lakesh.delta;

import io.delta.kernel.commit.CommitFailedException;
import io.delta.kernel.commit.CommitMetadata;
import io.delta.kernel.commit.CommitResponse;
import io.delta.kernel.commit.Committer;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.internal.json.JsonUtils;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.files.ParsedPublishedDeltaData;
import io.delta.kernel.utils.CloseableIterator;
import io.lakesh.namespace.Location;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.util.UUID;

/**
 * Every Delta commit lakesh makes, the kernel's and its own: the commit's JSON is written completely to a
 * temporary file in `_delta_log/`, then published as `<version>.json` only if no writer has that version yet
 * (a hard link locally, a rename in the NameNode on HDFS: atomic put-if-absent in both). A version that is
 * taken is a conflict: the kernel then checks the winning commits and retries an append at the next version;
 * lakesh's own commits re-plan or report it.
 */
public final class DeltaCommitter implements Committer {
    private final Location table;

    public DeltaCommitter(Location table) {
        this.table = table;
    }

    @Override
    public CommitResponse commit(Engine engine, CloseableIterator<Row> actions, CommitMetadata metadata) throws CommitFailedException {
        StringBuilder json = new StringBuilder();
        try (actions) {
            while (actions.hasNext()) {
                json.append(JsonUtils.rowToJson(actions.next())).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long version = metadata.getVersion();
        try {
            publish(table, version, json.toString());
        } catch (FileAlreadyExistsException e) {
            throw new CommitFailedException(true, true, "Delta log version " + version + " was committed by another writer");
        } catch (IOException e) {
            throw new CommitFailedException(false, false, "could not write Delta log version " + version + ": " + e.getMessage(), e);
        }
        String file = metadata.getDeltaLogDirPath().replaceFirst("/$", "") + "/" + commitName(version);
        try {
            return new CommitResponse(ParsedPublishedDeltaData.forFileStatus(engine.getFileSystemClient().getFileStatus(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code json} (one action per line) as version {@code version} of the table's log, only if that
     * version does not exist: {@link FileAlreadyExistsException} when another writer has it.
     */
    public static void publish(Location table, long version, String json) throws IOException {
        String log = table.storePath() + "/_delta_log";
        // not a name Delta readers take for a commit or checkpoint, so a crash leaves only an ignored file
        String temp = log + "/_lakesh-commit-" + version + "-" + UUID.randomUUID() + ".tmp";
        try (OutputStream out = table.store().create(temp, false)) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        }
        try {
            table.store().publish(temp, log + "/" + commitName(version));
        } finally {
            if (table.store().exists(temp)) {
                table.store().delete(temp, false);
            }
        }
    }

    static String commitName(long version) {
        return String.format("%020d.json", version);
    }
}
