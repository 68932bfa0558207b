package io.lakesh.sql;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.Operation;
import io.delta.kernel.Transaction;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.internal.json.JsonUtils;
import io.lakesh.LakeshException;
import io.lakesh.command.CancelledException;
import io.lakesh.command.CommandContext;
import io.lakesh.delta.DeltaChanges;
import io.lakesh.delta.DeltaFiles;
import io.lakesh.delta.DeltaTables;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Data files of a Delta table replaced in one commit of lakesh's own (delete --where, optimize): the rows to keep
 * are read through {@link DeltaRelation} (deletion vectors applied) and written by {@link DeltaWrite} into the same
 * partitions, the old files removed; the commit is rebased over concurrent appends and fails on anything else.
 */
final class DeltaRewrite {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Files read together; {@code keep} a SQL condition on the rows kept (null: all rows), {@code order} an ORDER BY (null: none). */
    record Group(List<DeltaFiles.DataFile> files, String keep, String order) {
    }

    /** What was committed: the version, files written and rows written. */
    record Result(long version, int filesWritten, long rows) {
    }

    private DeltaRewrite() {
    }

    /** The add action of a file listed {@code withActions} ({@link DeltaFiles#list(DeltaTables.Ref, io.delta.kernel.expressions.Predicate, boolean)}). */
    static ObjectNode addAction(DeltaFiles.DataFile f) throws IOException {
        if (f.action() == null) {
            throw new IllegalStateException(f.path() + " was listed without its add action");
        }
        return (ObjectNode) JSON.readTree(f.action());
    }

    static Result commit(CommandContext ctx, DeltaTables.Ref ref, List<DeltaFiles.DataFile> removed, List<Group> rewrites, long targetSize,
                         boolean dataChange, String operation, Map<String, String> parameters) throws IOException {
        DeltaChanges.requireOwnCommit(ref);
        Transaction txn = ref.read(() -> ref.snapshot().buildUpdateTableTransaction("lakesh", Operation.WRITE).build(ref.engine()));
        try (ParquetBatch batch = DeltaWrite.batch(ctx, ref, operation)) {
            List<Row> adds = new ArrayList<>();
            long rows = 0;
            for (Group g : rewrites) {
                rows += DeltaWrite.write(ctx, ref, txn, batch, build -> SqlQuery.plain("SELECT * FROM (" + DeltaRelation.of(build, ref, g.files())
                        + ") lakesh_rows" + (g.keep() == null ? "" : " WHERE (" + g.keep() + ") IS NOT TRUE")
                        + (g.order() == null ? "" : " ORDER BY " + g.order()), ctx.namespace()), targetSize, adds);
            }
            long time = System.currentTimeMillis();
            List<String> lines = new ArrayList<>();
            lines.add(DeltaChanges.commitInfoAction(operation.toUpperCase(java.util.Locale.ROOT), ref.version(), parameters));
            Set<String> locations = new LinkedHashSet<>();
            for (DeltaFiles.DataFile f : removed) {
                lines.add(DeltaChanges.removeAction(addAction(f), time, dataChange));
                locations.add(f.location());
            }
            for (Row a : adds) {
                ObjectNode action = (ObjectNode) JSON.readTree(JsonUtils.rowToJson(a));
                ObjectNode add = (ObjectNode) action.get("add");
                add.put("dataChange", dataChange);
                ObjectNode line = JSON.createObjectNode();
                line.set("add", add);
                lines.add(line.toString());
            }
            CancelledException.check();
            long version = DeltaChanges.commitRebased(ref, lines, locations, operation);
            batch.committed();
            return new Result(version, adds.size(), rows);
        }
    }
}
