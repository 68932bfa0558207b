package io.lakesh.command.table;

import io.lakesh.command.LakeCommand;
import io.lakesh.iceberg.IcebergTables;
import io.lakesh.iceberg.TableFile;
import io.lakesh.output.Bytes;
import io.lakesh.output.Table;
import org.apache.iceberg.ManifestContent;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.Snapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "manifests", description = "Manifests of a table snapshot: content, path, size, spec, files added, existing and deleted, and the snapshot that wrote each.")
public class Manifests extends LakeCommand {
    @Option(names = "-h", description = "Sizes as 12.4 MiB instead of bytes.")
    boolean human;
    @Parameters(paramLabel = "TABLE", description = "A table, optionally at a snapshot: orders@<id|tag|time>.")
    String table;

    @Override
    protected boolean humanSizes() {
        return human;
    }

    @Override
    public Object call() throws Exception {
        IcebergTables.Ref ref = IcebergTables.resolve(ctx.namespace(), table);
        Table out = Table.of("content", "path", "size", "spec_id", "added_files", "existing_files", "deleted_files", "added_snapshot_id")
                .nullText("-");
        Snapshot s = ref.snapshot();
        if (s == null) {
            return out;
        }
        for (ManifestFile m : s.allManifests(ref.table().io())) {
            out.add(m.content() == ManifestContent.DATA ? "data" : "deletes", TableFile.shown(m.path(), ref.table().location()),
                    new Bytes(m.length()), m.partitionSpecId(), m.addedFilesCount(), m.existingFilesCount(), m.deletedFilesCount(),
                    m.snapshotId());
        }
        return out;
    }
}
