package io.lakesh.delta;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakesh.command.CancelledException;
import io.lakesh.output.Table;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * `history` of a Delta table, as DESCRIBE HISTORY shows it: the commitInfo of each commit, newest first,
 * read from the log files. Commits whose files were cleaned up after a checkpoint are not listed.
 */
public final class DeltaHistory {
    private DeltaHistory() {
    }

    /** One commit as its commitInfo tells it; the time is the one time travel uses. */
    public record Commit(long version, Instant time, String operation, String parameters, String metrics, String engine) {
    }

    /** The newest {@code limit} commits at or before the snapshot's version, newest first (limit < 0: all). */
    public static List<Commit> commits(DeltaTables.Ref ref, int limit) throws IOException {
        DeltaLog log = new DeltaLog(ref.location());
        // newest first from the snapshot's version back, without listing the log (thousands of files on a busy
        // table), to the first commit that is not there; all of them only for --all
        List<Long> versions = new ArrayList<>();
        if (limit < 0) {
            versions.addAll(log.versions().stream().filter(v -> v <= ref.version()).toList());
        } else {
            for (long v = ref.version(); v >= 0 && versions.size() < limit; v--) {
                versions.add(v);
            }
        }
        List<Commit> out = new ArrayList<>();
        for (long v : versions) {
            CancelledException.check();
            List<JsonNode> actions = log.actionsIfPresent(v);
            if (actions == null) {
                break; // cleaned up after a checkpoint, with every older one
            }
            JsonNode info = actions.stream().filter(a -> a.has("commitInfo")).map(a -> a.get("commitInfo"))
                    .findFirst().orElse(JsonNodeFactory.instance.objectNode());
            out.add(new Commit(v, log.time(v, info), text(info.get("operation")), pairs(info.get("operationParameters")),
                    pairs(info.get("operationMetrics")), text(info.get("engineInfo"))));
        }
        return out;
    }

    public static Table history(DeltaTables.Ref ref, int limit) throws IOException {
        Table out = Table.of("version", "committed_at", "operation", "parameters", "metrics", "engine", "current").nullText("-");
        for (Commit c : commits(ref, limit)) {
            out.add(c.version(), c.time(), c.operation(), c.parameters(), c.metrics(), c.engine(), c.version() == ref.version() ? "*" : "");
        }
        return out;
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
