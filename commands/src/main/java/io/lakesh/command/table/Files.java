package io.lakesh.command.table;

import io.lakesh.command.LakeCommand;
import io.lakesh.delta.DeltaFiles;
import io.lakesh.delta.DeltaTables;
import io.lakesh.iceberg.IcebergTables;
import io.lakesh.iceberg.MissingFiles;
import io.lakesh.output.Bytes;
import io.lakesh.output.Table;
import org.apache.iceberg.ContentFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "files", description = "Data and delete files of a table snapshot: content, partition, records, size; --check: the ones missing on disk (Delta: add files with deletion vectors and stats).")
public class Files extends LakeCommand {
    @Option(names = "-h", description = "Sizes as 12.4 MiB instead of bytes.")
    boolean human;
    @Option(names = "--check", description = "List only the files missing on disk; exit status 1 if any is.")
    boolean check;
    @Parameters(paramLabel = "TABLE", description = "A table, optionally at a snapshot or version: orders@<id|tag|version|time>.")
    String table;

    @Override
    protected boolean humanSizes() {
        return human;
    }

    @Override
    public Object call() throws Exception {
        if (DeltaTables.isDelta(ctx.namespace(), table)) {
            if (check) {
                throw new io.lakesh.UsageException("files --check checks Iceberg tables; a Delta table's missing file shows in count or head");
            }
            return deltaFiles(DeltaTables.resolve(ctx.namespace(), table));
        }
        IcebergTables.Ref ref = IcebergTables.resolve(ctx.namespace(), table);
        Table out = Table.of("content", "path", "partition", "records", "size");
        if (!check) {
            MissingFiles.files(ref).forEach(f -> add(out, f, ref));
            return out;
        }
        MissingFiles.Check found = MissingFiles.check(ref);
        found.missing().forEach(f -> add(out, f, ref));
        if (found.missing().isEmpty()) {
            return "all " + found.checked() + " data and delete files of " + ref.path() + " are on disk";
        }
        ctx.err().println(name() + ": " + found.missing().size() + " of " + found.checked() + " files of " + ref.path()
                + " are missing on disk; reads of them fail (restore them, or roll back to a snapshot without them)");
        ctx.err().flush();
        markFailed();
        return out;
    }

    /** Delta: the add files of the version, with their deletion vectors and stats. */
    private static Table deltaFiles(DeltaTables.Ref ref) {
        Table out = Table.of("path", "partition", "records", "deleted", "size", "deletion_vector", "stats").nullText("-");
        for (DeltaFiles.DataFile f : DeltaFiles.list(ref)) {
            out.add(f.path(), DeltaFiles.partitionText(f.partition()), f.records(), f.deleted(), new Bytes(f.size()),
                    DeltaFiles.describe(f.deletionVector()), f.stats());
        }
        return out;
    }

    private void add(Table out, ContentFile<?> f, IcebergTables.Ref ref) {
        String shown = io.lakesh.iceberg.TableFile.shown(f.location(), ref.table().location());
        String content = io.lakesh.iceberg.TableFile.kindOf(f);
        String partition = ref.table().specs().get(f.specId()).isUnpartitioned() ? ""
                : ref.table().specs().get(f.specId()).partitionToPath(f.partition());
        out.add(content, shown, partition, f.recordCount(), new Bytes(f.fileSizeInBytes()));
    }
}
