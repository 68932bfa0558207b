package io.lakesh.delta;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakesh.command.CancelledException;
import io.lakesh.output.Table;

import java.io.IOException;
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

    /** The newest {@code limit} commits at or before the snapshot's version (limit < 0: all). */
    public static Table history(DeltaTables.Ref ref, int limit) throws IOException {
        DeltaLog log = new DeltaLog(ref.location());
        List<Long> versions = log.versions().stream().filter(v -> v <= ref.version()).toList();
        Table out = Table.of("version", "committed_at", "operation", "parameters", "metrics", "engine", "current").nullText("-");
        for (long v : limit < 0 ? versions : versions.subList(0, Math.min(limit, versions.size()))) {
            CancelledException.check();
            JsonNode info = log.actions(v).stream().filter(a -> a.has("commitInfo")).map(a -> a.get("commitInfo"))
                    .findFirst().orElse(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
            out.add(v, log.time(v, info), text(info.get("operation")), pairs(info.get("operationParameters")),
                    pairs(info.get("operationMetrics")), text(info.get("engineInfo")), v == ref.version() ? "*" : "");
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
