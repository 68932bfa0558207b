package io.lakesh.sql;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.internal.deletionvectors.DeletionVectorUtils;
import io.lakesh.LakeshException;
import io.lakesh.command.CancelledException;
import io.lakesh.command.CommandContext;
import io.lakesh.delta.DeletionVectors;
import io.lakesh.delta.DeltaChanges;
import io.lakesh.delta.DeltaFiles;
import io.lakesh.delta.DeltaFilters;
import io.lakesh.delta.DeltaTables;
import io.lakesh.iceberg.MaintenancePlan;
import io.lakesh.iceberg.TableFile;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * `delete T --where "…"` on a Delta table: the kernel skips the files the condition cannot match (partition values,
 * stats), DuckDB counts the matching rows of each remaining file; a file whose rows all match is removed. A file with
 * some is rewritten without them (copy-on-write), or, when the table has deletion vectors on (the `deletionVectors`
 * feature and `delta.enableDeletionVectors=true`), keeps its data and gets a deletion vector of the matching rows'
 * positions merged with the one it had. All of it is one commit.
 */
public final class DeltaDelete implements MaintenancePlan {
    public static final String REMOVED = "removed";
    public static final String REWRITTEN = "rewritten";
    public static final String VECTOR = "deletion vector";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CommandContext ctx;
    private final DeltaTables.Ref ref;
    private final String where;
    private final boolean vectors;
    private final List<DeltaFiles.DataFile> removed = new ArrayList<>();
    private final List<DeltaFiles.DataFile> changed = new ArrayList<>();
    private final List<TableFile> files = new ArrayList<>();
    private long rows;

    public DeltaDelete(CommandContext ctx, DeltaTables.Ref ref, String where) throws IOException {
        this.ctx = ctx;
        this.ref = ref;
        this.where = where;
        DeltaChanges.requireOwnCommit(ref);
        if ("true".equalsIgnoreCase(ref.snapshot().getTableProperties().get("delta.appendOnly"))) {
            throw new LakeshException("'" + ref.path() + "' is append-only (delta.appendOnly=true); rows cannot be deleted");
        }
        this.vectors = writesDeletionVectors(ref);
        // parsed here so that a condition lakesh cannot push down is refused before anything is read
        var filter = DeltaFilters.predicate(where, ref.snapshot().getSchema());
        DuckEngine engine = DuckEngine.of(ctx.namespace());
        for (DeltaFiles.DataFile f : DeltaFiles.list(ref, filter, true)) {
            CancelledException.check();
            List<Object> counts = engine.run(build -> SqlQuery.plain("SELECT count(*) FILTER (WHERE " + where + "), count(*) FROM ("
                    + DeltaRelation.of(build, ref, List.of(f)) + ") lakesh_rows", ctx.namespace()), ctx, null).table().rows().get(0);
            long matching = ((Number) counts.get(0)).longValue();
            long total = ((Number) counts.get(1)).longValue();
            if (matching == 0) {
                continue;
            }
            rows += matching;
            (matching == total ? removed : changed).add(f);
            files.add(new TableFile(matching == total ? REMOVED : vectors ? VECTOR : REWRITTEN, f.location(), f.size()));
        }
    }

    /** Deletion vectors are written only where the protocol has the feature and the table's property asks for them. */
    static boolean writesDeletionVectors(DeltaTables.Ref ref) {
        return ref.snapshot().getProtocol().getWriterFeatures().contains("deletionVectors")
                && "true".equalsIgnoreCase(ref.snapshot().getTableProperties().get("delta.enableDeletionVectors"));
    }

    @Override
    public String headline() {
        if (files.isEmpty()) {
            return "no rows of " + ref.path() + " match " + where + "; nothing to delete";
        }
        return "delete " + count(rows, "row") + " of " + ref.path() + " where " + where + ": remove " + count(removed.size(), "data file")
                + (vectors ? ", mark them deleted in " + count(changed.size(), "data file") + " with deletion vectors"
                : ", rewrite " + count(changed.size(), "data file") + " without them");
    }

    private static String count(long n, String noun) {
        return MaintenancePlan.count(n, noun);
    }

    @Override
    public boolean isEmpty() {
        return files.isEmpty();
    }

    @Override
    public String action() {
        return "delete " + count(rows, "row") + " from " + ref.path();
    }

    @Override
    public List<TableFile> files() {
        return files;
    }

    @Override
    public String apply() throws IOException {
        if (vectors) {
            return applyWithDeletionVectors();
        }
        List<DeltaFiles.DataFile> all = new ArrayList<>(removed);
        all.addAll(changed);
        List<DeltaRewrite.Group> groups = changed.isEmpty() ? List.of() : List.of(new DeltaRewrite.Group(changed, where, null));
        DeltaRewrite.Result r = DeltaRewrite.commit(ctx, ref, all, groups, DeltaWrite.targetFileSize(ref), true, "delete", Map.of("predicate", where));
        return "deleted " + count(rows, "row") + " from " + ref.path() + " in version " + r.version() + " (removed " + count(all.size(), "data file")
                + ", wrote " + count(r.filesWritten(), "data file") + " with the " + count(r.rows(), "row") + " kept)";
    }

    /**
     * Each changed file is removed and added again with a deletion vector: its old one (if any) and the positions of
     * the rows that match now, in one new deletion vector file; the stats stay those of the file (numRecords counts
     * its physical rows, the vector's cardinality is subtracted), no longer tight for the rows left.
     */
    private String applyWithDeletionVectors() throws IOException {
        long time = System.currentTimeMillis();
        DuckEngine engine = DuckEngine.of(ctx.namespace());
        DeletionVectors.File dvFile = new DeletionVectors.File();
        List<String> adds = new ArrayList<>();
        Set<String> locations = new LinkedHashSet<>();
        List<String> removes = new ArrayList<>();
        for (DeltaFiles.DataFile f : removed) {
            removes.add(DeltaChanges.removeAction(DeltaRewrite.addAction(f), time, true));
            locations.add(f.location());
        }
        for (DeltaFiles.DataFile f : changed) {
            CancelledException.check();
            ObjectNode add = DeltaRewrite.addAction(f);
            long[] matching = engine.run(build -> SqlQuery.plain("SELECT " + DeltaRelation.POSITION + " FROM (" + DeltaRelation.of(build, ref, List.of(f), true)
                    + ") lakesh_rows WHERE " + where, ctx.namespace()), ctx, null).table().rows().stream()
                    .mapToLong(r -> ((Number) r.get(0)).longValue()).toArray();
            long[] before = f.deletionVector() == null ? new long[0]
                    : ref.read(() -> DeletionVectorUtils.loadNewDvAndBitmap(ref.engine(), ref.snapshot().getPath(), f.deletionVector())._2.toArray());
            ObjectNode next = add.deepCopy();
            next.set("deletionVector", dvFile.add(LongStream.concat(LongStream.of(before), LongStream.of(matching)).toArray()));
            next.put("dataChange", true);
            if (next.hasNonNull("stats")) {
                ObjectNode stats = (ObjectNode) JSON.readTree(next.get("stats").asText());
                stats.put("tightBounds", false);
                next.put("stats", stats.toString());
            }
            removes.add(DeltaChanges.removeAction(add, time, true));
            ObjectNode line = JSON.createObjectNode();
            line.set("add", next);
            adds.add(line.toString());
            locations.add(f.location());
        }
        Map<String, String> metrics = new LinkedHashMap<>();
        metrics.put("numDeletedRows", Long.toString(rows));
        metrics.put("numRemovedFiles", Integer.toString(removed.size()));
        metrics.put("numDeletionVectorsAdded", Integer.toString(changed.size()));
        List<String> lines = new ArrayList<>();
        lines.add(DeltaChanges.commitInfoAction("DELETE", ref.version(), Map.of("predicate", where), metrics));
        lines.addAll(removes);
        lines.addAll(adds);
        String dvPath = ref.location().storePath() + "/" + dvFile.name();
        boolean committed = false;
        try {
            if (!changed.isEmpty()) {
                try (OutputStream out = ref.location().store().create(dvPath, false)) {
                    out.write(dvFile.bytes());
                }
            }
            CancelledException.check();
            long version = DeltaChanges.commitRebased(ref, lines, locations, "delete");
            committed = true;
            return "deleted " + count(rows, "row") + " from " + ref.path() + " in version " + version + " (removed " + count(removed.size(), "data file")
                    + ", deletion vectors on " + count(changed.size(), "data file") + ")";
        } finally {
            if (!committed && !changed.isEmpty() && ref.location().store().exists(dvPath)) {
                ref.location().store().delete(dvPath, false); // a reader never saw it: nothing is left behind
            }
        }
    }
}
