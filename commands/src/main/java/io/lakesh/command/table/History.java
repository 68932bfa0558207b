package io.lakesh.command.table;

import io.lakesh.command.LakeCommand;
import io.lakesh.delta.DeltaHistory;
import io.lakesh.delta.DeltaTables;
import io.lakesh.iceberg.IcebergTables;
import io.lakesh.output.Table;
import org.apache.iceberg.Snapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

@Command(name = "history", aliases = "snapshots", description = "Snapshots of a table, newest first: id, parent, time, operation, summary (Delta: commits with operation, parameters, metrics).")
public class History extends LakeCommand {
    @Option(names = "-n", paramLabel = "N", description = "How many of the newest (default: 20).")
    int count = 20;
    @Option(names = "--all", description = "Every snapshot or commit.")
    boolean all;
    @Parameters(paramLabel = "TABLE", description = "The table.")
    String table;

    @Override
    public Object call() throws Exception {
        if (DeltaTables.isDelta(ctx.namespace(), table)) {
            return DeltaHistory.history(DeltaTables.resolve(ctx.namespace(), table), all ? -1 : count);
        }
        IcebergTables.Ref ref = IcebergTables.resolve(ctx.namespace(), table);
        Snapshot current = ref.table().currentSnapshot();
        List<Snapshot> snapshots = new ArrayList<>();
        ref.table().snapshots().forEach(snapshots::add);
        snapshots.sort(Comparator.comparingLong(Snapshot::sequenceNumber).thenComparingLong(Snapshot::timestampMillis).reversed());
        Table out = Table.of("snapshot_id", "parent_id", "committed_at", "operation", "added_records", "total_records",
                "added_files", "current").nullText("-");
        int n = 0;
        for (Snapshot s : snapshots) {
            if (!all && n++ >= count) {
                break;
            }
            Map<String, String> sum = s.summary();
            out.add(s.snapshotId(), s.parentId(), Instant.ofEpochMilli(s.timestampMillis()), s.operation(),
                    number(sum.get("added-records")), number(sum.get("total-records")), number(sum.get("added-data-files")),
                    current != null && current.snapshotId() == s.snapshotId() ? "*" : "");
        }
        return out;
    }

    private static Long number(String s) {
        return s == null ? null : Long.parseLong(s);
    }
}
