package io.lakesh.command.fs;

import io.lakesh.command.PathCommand;
import io.lakesh.namespace.Location;
import io.lakesh.output.Bytes;
import io.lakesh.output.Table;
import io.lakesh.store.ContentSummary;
import io.lakesh.store.FileEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

@Command(name = "count", description = "Count directories, files and bytes below each path; rows, data files and bytes of a table.")
public class Count extends PathCommand {
    @Option(names = "-h", description = "Sizes as 12.4 MiB instead of bytes.")
    boolean human;
    @Option(names = "--where", paramLabel = "FILTER", description = "Tables: count only rows matching, e.g. \"region = 'EU'\".")
    String where;
    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Paths or globs (default: the current directory).")
    List<String> paths = new ArrayList<>();

    private final java.util.List<Object[]> rows = new java.util.ArrayList<>();
    private boolean anyTable;

    @Override
    protected List<String> paths() {
        return paths.isEmpty() ? List.of(ctx.namespace().cwd()) : paths;
    }

    @Override
    protected boolean humanSizes() {
        return human;
    }

    @Override
    protected void processPath(Location item, FileEntry entry) throws Exception {
        if (entry.kind() == io.lakesh.store.Kind.ICEBERG) {
            // a table counts its rows, and the data files and bytes of its snapshot
            var ref = io.lakesh.iceberg.IcebergTables.resolve(ctx.namespace(),
                    new io.lakesh.namespace.Versioned(item.display(), version).toString());
            var snapshot = ref.snapshot();
            var summary = snapshot == null ? java.util.Map.<String, String>of() : snapshot.summary();
            rows.add(new Object[] {null, Long.parseLong(summary.getOrDefault("total-data-files", "0")),
                    new Bytes(Long.parseLong(summary.getOrDefault("total-files-size", "0"))),
                    io.lakesh.iceberg.TableRows.count(ref, where), item.display()});
            anyTable = true;
            return;
        }
        if (entry.kind() == io.lakesh.store.Kind.DELTA) {
            var ref = io.lakesh.delta.DeltaTables.resolve(ctx.namespace(), new io.lakesh.namespace.Versioned(item.display(), version).toString());
            var files = io.lakesh.delta.DeltaFiles.list(ref);
            rows.add(new Object[] {null, (long) files.size(), new Bytes(io.lakesh.delta.DeltaFiles.bytes(files)),
                    io.lakesh.delta.DeltaRows.count(ref, files, where), item.display()});
            anyTable = true;
            return;
        }
        if (item.isVirtual()) {
            throw fail("'" + item.display() + "' is not a file system path or a table; count a path or a table");
        }
        if (where != null) {
            throw fail("'" + item.display() + "' is not a table; --where filters table rows");
        }
        ContentSummary s = item.store().summary(item.storePath());
        rows.add(new Object[] {s.directories(), s.files(), new Bytes(s.length()), null, item.display()});
    }

    @Override
    protected boolean acceptsVersions() {
        return true;
    }

    @Override
    protected Object finish() {
        Table table = anyTable ? Table.of("directories", "files", "size", "rows", "path").nullText("-")
                : Table.of("directories", "files", "size", "path");
        for (Object[] r : rows) {
            table.add(anyTable ? r : new Object[] {r[0], r[1], r[2], r[4]});
        }
        return table;
    }
}
