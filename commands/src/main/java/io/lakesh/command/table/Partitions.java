package io.lakesh.command.table;

import io.lakesh.command.CancelledException;
import io.lakesh.command.LakeCommand;
import io.lakesh.delta.DeltaFiles;
import io.lakesh.delta.DeltaTables;
import io.lakesh.iceberg.IcebergTables;
import io.lakesh.output.Bytes;
import io.lakesh.output.Table;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestReader;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Snapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Map;
import java.util.TreeMap;

@Command(name = "partitions", description = "Partitions of a table snapshot or version: records, data files, bytes (Iceberg: and delete files, from its manifests; Delta: rows with deletion vectors subtracted).")
public class Partitions extends LakeCommand {
    @Option(names = "-h", description = "Sizes as 12.4 MiB instead of bytes.")
    boolean human;
    @Parameters(paramLabel = "TABLE", description = "A table, optionally at a snapshot or version: orders@<id|tag|version|time>.")
    String table;

    /** Totals of one partition; files written under an older spec are their own partitions. */
    private static final class Totals {
        long records;
        long dataFiles;
        long bytes;
        long deleteFiles;
        long deleteRecords;
    }

    @Override
    protected boolean humanSizes() {
        return human;
    }

    @Override
    public Object call() throws Exception {
        if (DeltaTables.isDelta(ctx.namespace(), table)) {
            return deltaPartitions(DeltaTables.resolve(ctx.namespace(), table));
        }
        IcebergTables.Ref ref = IcebergTables.resolve(ctx.namespace(), table);
        Table out = Table.of("partition", "spec_id", "records", "data_files", "size", "delete_files", "deleted_records");
        Snapshot s = ref.snapshot();
        if (s == null) {
            return out;
        }
        org.apache.iceberg.Table t = ref.table();
        Map<String, Totals> byPartition = new TreeMap<>();
        for (ManifestFile m : s.allManifests(t.io())) {
            CancelledException.check();
            try (ManifestReader<? extends ContentFile<?>> reader = io.lakesh.iceberg.ReachableFiles.open(m, t.io(), t.specs())) {
                for (ContentFile<?> f : reader) {
                    PartitionSpec spec = t.specs().get(f.specId());
                    String key = (spec.isUnpartitioned() ? "" : spec.partitionToPath(f.partition())) + "\u0000" + f.specId();
                    Totals total = byPartition.computeIfAbsent(key, k -> new Totals());
                    if (f.content() == org.apache.iceberg.FileContent.DATA) {
                        total.records += f.recordCount();
                        total.dataFiles++;
                        total.bytes += f.fileSizeInBytes();
                    } else {
                        total.deleteFiles++;
                        total.deleteRecords += f.recordCount();
                    }
                }
            }
        }
        byPartition.forEach((key, total) -> {
            String[] parts = key.split("\u0000");
            out.add(parts[0].isEmpty() ? "(unpartitioned)" : parts[0], Integer.parseInt(parts[1]), total.records,
                    total.dataFiles, new Bytes(total.bytes), total.deleteFiles, total.deleteRecords);
        });
        return out;
    }

    /** Delta: the add files of the version by their partition values (from the log); rows unknown (-) without stats. */
    private static Table deltaPartitions(DeltaTables.Ref ref) {
        Map<String, long[]> byPartition = new TreeMap<>();
        Map<String, Boolean> rowsKnown = new TreeMap<>();
        for (DeltaFiles.DataFile f : DeltaFiles.list(ref)) {
            String key = DeltaFiles.partitionText(f.partition());
            long[] t = byPartition.computeIfAbsent(key, k -> new long[3]);
            t[0]++;
            t[2] += f.size();
            Long live = f.liveRecords();
            rowsKnown.merge(key, live != null, Boolean::logicalAnd);
            t[1] += live == null ? 0 : live;
        }
        Table out = Table.of("partition", "data_files", "rows", "size").nullText("-");
        byPartition.forEach((p, t) -> out.add(p, t[0], rowsKnown.get(p) ? t[1] : null, new Bytes(t[2])));
        return out;
    }
}
