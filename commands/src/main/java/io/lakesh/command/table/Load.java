package io.lakesh.command.table;

import io.lakesh.LakeshException;
import io.lakesh.command.LakeCommand;
import io.lakesh.iceberg.IcebergTables;
import io.lakesh.iceberg.TableLoader;
import io.lakesh.namespace.Location;
import io.lakesh.store.FileEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

@Command(name = "load", description = "Load CSV (with a header row), TSV, Parquet or JSON files into an Iceberg or Delta table in one atomic commit.")
public class Load extends LakeCommand {
    @Parameters(index = "0", paramLabel = "TABLE", description = "The table (catalog path, or the directory of a Delta table).")
    String table;
    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "Files or globs: namespace paths, or paths of your local file system.")
    List<String> files;

    @Override
    public Object call() throws Exception {
        boolean delta = io.lakesh.delta.DeltaTables.isDelta(ctx.namespace(), table);
        IcebergTables.Ref ref = delta ? null : IcebergTables.resolve(ctx.namespace(), table);
        if (ref != null) {
            ref.requireCatalog("load");
        }
        List<Location> sources = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (String f : files) {
            for (Location l : sourcesOf(f)) {
                FileEntry e = ctx.namespace().stat(l);
                if (e.isDirectory()) {
                    throw new LakeshException("'" + l.display() + "': Is a directory (name the files, e.g. dir/*.csv)");
                }
                sources.add(l);
                sizes.add(e.length());
            }
        }
        if (delta) {
            io.lakesh.delta.DeltaTables.Ref target = io.lakesh.delta.DeltaTables.resolveForWrite(ctx.namespace(), table, "load");
            return "loaded " + io.lakesh.sql.DuckLoad.load(ctx, target, sources, sizes) + " rows into " + target.path();
        }
        // DuckDB writes the Parquet files where it can (fast); Iceberg's own writer takes other partition transforms
        long rows = io.lakesh.sql.IcebergWrite.unsupported(ref.table()) == null
                ? io.lakesh.sql.DuckLoad.load(ctx, ref.table(), sources, sizes)
                : new TableLoader(ref.table(), ctx.progress()).load(sources, sizes);
        return "loaded " + rows + " rows into " + ref.path();
    }

    /** A namespace path if it is one, else a path of the local file system (as `put` takes them). */
    private List<Location> sourcesOf(String arg) throws Exception {
        try {
            return expand(arg);
        } catch (LakeshException notInNamespace) {
            Path local = Path.of(arg).toAbsolutePath().normalize();
            return expand("file://" + local);
        }
    }
}
