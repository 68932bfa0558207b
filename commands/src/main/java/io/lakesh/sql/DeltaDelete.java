package io.lakesh.sql;

import io.lakesh.LakeshException;
import io.lakesh.command.CancelledException;
import io.lakesh.command.CommandContext;
import io.lakesh.delta.DeltaChanges;
import io.lakesh.delta.DeltaFiles;
import io.lakesh.delta.DeltaFilters;
import io.lakesh.delta.DeltaTables;
import io.lakesh.iceberg.MaintenancePlan;
import io.lakesh.iceberg.TableFile;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * `delete T --where "…"` on a Delta table, by rewriting files (copy-on-write): the kernel skips the files the
 * condition cannot match (partition values, stats), DuckDB counts the matching rows of each remaining file; a file
 * whose rows all match is removed, one with some is rewritten without them, and all of it is one commit.
 */
public final class DeltaDelete implements MaintenancePlan {
    public static final String REMOVED = "removed";
    public static final String REWRITTEN = "rewritten";

    private final CommandContext ctx;
    private final DeltaTables.Ref ref;
    private final String where;
    private final List<DeltaFiles.DataFile> removed = new ArrayList<>();
    private final List<DeltaFiles.DataFile> rewritten = new ArrayList<>();
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
        // parsed here so that a condition lakesh cannot push down is refused before anything is read
        var filter = DeltaFilters.predicate(where, ref.snapshot().getSchema());
        DuckEngine engine = DuckEngine.of(ctx.namespace());
        for (DeltaFiles.DataFile f : DeltaFiles.list(ref, filter)) {
            CancelledException.check();
            List<Object> counts = engine.run(build -> SqlQuery.plain("SELECT count(*) FILTER (WHERE " + where + "), count(*) FROM ("
                    + DeltaRelation.of(build, ref, List.of(f)) + ") lakesh_rows", ctx.namespace()), ctx, null).table().rows().get(0);
            long matching = ((Number) counts.get(0)).longValue();
            long total = ((Number) counts.get(1)).longValue();
            if (matching == 0) {
                continue;
            }
            rows += matching;
            (matching == total ? removed : rewritten).add(f);
            files.add(new TableFile(matching == total ? REMOVED : REWRITTEN, f.location(), f.size()));
        }
    }

    @Override
    public String headline() {
        return files.isEmpty() ? "no rows of " + ref.path() + " match " + where + "; nothing to delete"
                : "delete " + count(rows, "row") + " of " + ref.path() + " where " + where + ": remove " + count(removed.size(), "data file")
                + ", rewrite " + count(rewritten.size(), "data file") + " without them";
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
        List<DeltaFiles.DataFile> all = new ArrayList<>(removed);
        all.addAll(rewritten);
        List<DeltaRewrite.Group> groups = rewritten.isEmpty() ? List.of() : List.of(new DeltaRewrite.Group(rewritten, where));
        DeltaRewrite.Result r = DeltaRewrite.commit(ctx, ref, all, groups, DeltaWrite.targetFileSize(ref), true, "delete", Map.of("predicate", where));
        return "deleted " + count(rows, "row") + " from " + ref.path() + " in version " + r.version() + " (removed " + count(all.size(), "data file")
                + ", wrote " + count(r.filesWritten(), "data file") + " with the " + count(r.rows(), "row") + " kept)";
    }
}
