package io.lakesh.command.fs;

import io.lakesh.command.PathCommand;
import io.lakesh.namespace.Location;
import io.lakesh.store.FileEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

@Command(name = "head", description = "Print the first lines of files, or the first rows of a table (table@snapshot for an older one).")
public class Head extends PathCommand {
    @Option(names = "-n", paramLabel = "LINES", description = "Number of lines (default: 10).")
    int lines = 10;
    @Option(names = "-c", paramLabel = "BYTES", description = "Print the first BYTES bytes instead of lines.")
    Long bytes;
    @Option(names = "--where", paramLabel = "FILTER", description = "Tables: only rows matching, e.g. \"region = 'EU' and amount >= 10\".")
    String where;
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or globs.")
    List<String> paths;

    @Override
    protected List<String> paths() {
        if (lines < 0 || (bytes != null && bytes < 0)) {
            throw new io.lakesh.UsageException("-n and -c take a count of 0 or more");
        }
        return paths;
    }

    @Override
    protected boolean acceptsVersions() {
        return true;
    }

    @Override
    protected void processPath(Location item, FileEntry entry) throws Exception {
        if (entry.kind() == io.lakesh.store.Kind.ICEBERG) {
            var ref = io.lakesh.iceberg.IcebergTables.resolve(ctx.namespace(),
                    new io.lakesh.namespace.Versioned(item.display(), version).toString());
            ctx.print(io.lakesh.iceberg.TableRows.head(ref, bytes != null ? (int) Math.min(bytes, Integer.MAX_VALUE) : lines, where),
                    outputFormat(), false);
            return;
        }
        if (entry.kind() == io.lakesh.store.Kind.TABLE && io.lakesh.trino.TrinoTree.isTablePath(item.display())) {
            io.lakesh.trino.TrinoTree tree = (io.lakesh.trino.TrinoTree) ctx.namespace().tree(item.display());
            ctx.print(tree.head(item.display(), bytes != null ? (int) Math.min(bytes, Integer.MAX_VALUE) : lines, where), outputFormat(), false);
            return;
        }
        if (entry.kind() == io.lakesh.store.Kind.DELTA) {
            var ref = io.lakesh.delta.DeltaTables.resolve(ctx.namespace(), new io.lakesh.namespace.Versioned(item.display(), version).toString());
            ctx.print(io.lakesh.delta.DeltaRows.head(ref, bytes != null ? (int) Math.min(bytes, Integer.MAX_VALUE) : lines, where),
                    outputFormat(), false);
            return;
        }
        Cat.requireFile(item, entry);
        if (where != null) {
            throw fail("'" + item.display() + "' is a file; --where filters table rows");
        }
        try (InputStream in = item.store().open(item.storePath())) {
            if (bytes != null) {
                ctx.out().write(new String(in.readNBytes((int) Math.min(bytes, Integer.MAX_VALUE - 8)), StandardCharsets.UTF_8));
            } else {
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String line;
                for (int i = 0; i < lines && (line = r.readLine()) != null; i++) {
                    ctx.out().println(line);
                }
            }
        }
        ctx.out().flush();
    }
}
