package io.lakesh.command.table;

import io.lakesh.command.CancelledException;
import io.lakesh.command.LakeCommand;
import io.lakesh.delta.DeltaFiles;
import io.lakesh.delta.DeltaTables;
import io.lakesh.iceberg.IcebergTables;
import io.lakesh.output.Bytes;
import io.lakesh.output.Table;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.io.CloseableIterable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Map;
import java.util.TreeMap;

@Command(name = "partitions", description = "Partitions of a table snapshot or version: data files, rows and bytes in each.")
public class Partitions extends LakeCommand {
    @Option(names = "-h", description = "Sizes as 12.4 MiB instead of bytes.")
    boolean human;
    @Parameters(paramLabel = "TABLE", description = "A table, optionally at a snapshot or version: orders@<id|tag|version|time>.")
    String table;

    /** Totals of one partition; rows stay unknown (null) when a file's count is not exact from metadata. */
    private static final class Totals {
        long files;
        long bytes;
        Long rows = 0L;

        void add(long size, Long fileRows) {
            files++;
            bytes += size;
            rows = rows == null || fileRows == null ? null : rows + fileRows;
        }
    }

    @Override
    protected boolean humanSizes() {
        return human;
    }

    @Override
    public Object call() throws Exception {
        Map<String, Totals> partitions = new TreeMap<>();
        if (DeltaTables.isDelta(ctx.namespace(), table)) {
            for (DeltaFiles.DataFile f : DeltaFiles.list(DeltaTables.resolve(ctx.namespace(), table))) {
                partitions.computeIfAbsent(DeltaFiles.partitionText(f.partition()), k -> new Totals()).add(f.size(), f.liveRecords());
            }
        } else {
            IcebergTables.Ref ref = IcebergTables.resolve(ctx.namespace(), table);
            Snapshot s = ref.snapshot();
            if (s != null) {
                try (CloseableIterable<FileScanTask> tasks = ref.table().newScan().useSnapshot(s.snapshotId()).planFiles()) {
                    for (FileScanTask task : tasks) {
                        CancelledException.check();
                        var spec = ref.table().specs().get(task.file().specId());
                        // rows under delete files are known only by reading them
                        partitions.computeIfAbsent(spec.isUnpartitioned() ? "" : spec.partitionToPath(task.file().partition()), k -> new Totals())
                                .add(task.file().fileSizeInBytes(), task.deletes().isEmpty() ? task.file().recordCount() : null);
                    }
                }
            }
        }
        Table out = Table.of("partition", "data_files", "rows", "size").nullText("-");
        partitions.forEach((p, t) -> out.add(p, t.files, t.rows, new Bytes(t.bytes)));
        return out;
    }
}
