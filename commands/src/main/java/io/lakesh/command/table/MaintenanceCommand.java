package io.lakesh.command.table;

import io.lakesh.LakeshException;
import io.lakesh.UsageException;
import io.lakesh.command.LakeCommand;
import io.lakesh.iceberg.IcebergTables;
import io.lakesh.iceberg.MaintenancePlan;
import io.lakesh.iceberg.TableFile;
import io.lakesh.output.Bytes;
import io.lakesh.output.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Map;
import java.util.TreeMap;

/**
 * The shape every maintenance command shares: plan against the table's current state, show the plan
 * (files and bytes by kind; every file with --dry-run), then ask, or refuse in scripts without --force,
 * and apply. A commit that loses to a concurrent writer after Iceberg's retries is reported, never forced.
 */
public abstract class MaintenanceCommand extends LakeCommand {
    @Parameters(index = "0", paramLabel = "TABLE", description = "The table (catalog path).")
    String table;
    @Option(names = "--dry-run", description = "Show the plan and every file in it; change nothing.")
    boolean dryRun;
    @Option(names = {"-f", "--force"}, description = "Do not ask (needed in scripts).")
    boolean force;
    @Option(names = "-h", description = "Sizes as 12.4 MiB instead of bytes.")
    boolean human;

    /** Plans the step against the table as it is now. */
    protected abstract MaintenancePlan plan(IcebergTables.Ref ref) throws Exception;

    /** Whether applying the step on a Delta table runs DuckDB (then it starts while the log is replayed). */
    protected boolean deltaUsesDuckDb() {
        return false;
    }

    /** Plans the step against a Delta table's latest version; the steps that are Iceberg's only refuse it. */
    protected MaintenancePlan plan(io.lakesh.delta.DeltaTables.Ref ref) throws Exception {
        throw new LakeshException("'" + ref.path() + "' is a Delta table; " + name() + " is for Iceberg tables");
    }

    @Override
    protected boolean humanSizes() {
        return human;
    }

    @Override
    public Object call() throws Exception {
        if (io.lakesh.namespace.Versioned.parse(table).version() != null) {
            throw new UsageException("'" + table + "': " + name() + " works on the table as a whole; name it without '@'");
        }
        if (io.lakesh.delta.DeltaTables.isDelta(ctx.namespace(), table)) {
            if (deltaUsesDuckDb() && !dryRun) {
                io.lakesh.sql.DuckEngine.of(ctx.namespace()).startInBackground();
            }
            io.lakesh.delta.DeltaTables.Ref ref = io.lakesh.delta.DeltaTables.resolve(ctx.namespace(), table);
            return present(plan(ref), ref.path(), ref.snapshot().getPath());
        }
        IcebergTables.Ref ref = IcebergTables.resolve(ctx.namespace(), table);
        ref.requireCatalog(name());
        MaintenancePlan plan;
        try {
            plan = plan(ref);
        } catch (ValidationException e) {
            throw new LakeshException("'" + ref.path() + "': " + io.lakesh.command.Errors.firstLine(e));
        }
        return present(plan, ref.path(), ref.table().location());
    }

    /** Shows the plan, asks (or needs --force), applies it. */
    private Object present(MaintenancePlan plan, String path, String location) throws Exception {
        ctx.out().println(plan.headline());
        if (plan.isEmpty()) {
            return null;
        }
        ctx.print(totals(plan), outputFormat(), human);
        if (dryRun) {
            Table files = Table.of("kind", "path", "size");
            plan.files().forEach(f -> files.add(f.kind(), TableFile.shown(f.location(), location), new Bytes(f.bytes())));
            if (outputFormat() == io.lakesh.output.OutputFormat.TABLE) {
                ctx.out().println();
            }
            ctx.print(files, outputFormat(), human);
            return "dry run: nothing changed";
        }
        if (!force) {
            if (!ctx.interactive()) {
                throw new LakeshException("would " + plan.action() + "; add --force to do it without asking (--dry-run lists the files)");
            }
            if (!ctx.confirm(name() + ": " + plan.action() + "?")) {
                return "nothing changed in " + path;
            }
        }
        try {
            return plan.apply();
        } catch (CommitFailedException | ValidationException e) {
            throw new LakeshException("'" + path + "': another writer changed the table and the commit could not be retried ("
                    + io.lakesh.command.Errors.firstLine(e) + "); nothing was committed, run " + name() + " again", e);
        }
    }

    private static Table totals(MaintenancePlan plan) {
        Map<String, long[]> byKind = new TreeMap<>();
        for (TableFile f : plan.files()) {
            long[] t = byKind.computeIfAbsent(f.kind(), k -> new long[2]);
            t[0]++;
            t[1] += Math.max(0, f.bytes());
        }
        Table out = Table.of("kind", "files", "size");
        byKind.forEach((kind, t) -> out.add(kind, t[0], new Bytes(t[1])));
        out.add("total", (long) plan.files().size(), new Bytes(MaintenancePlan.bytes(plan.files())));
        return out;
    }
}
