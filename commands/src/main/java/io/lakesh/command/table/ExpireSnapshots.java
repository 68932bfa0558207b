package io.lakesh.command.table;

import io.lakesh.iceberg.IcebergTables;
import io.lakesh.iceberg.MaintenancePlan;
import io.lakesh.iceberg.OlderThan;
import io.lakesh.iceberg.SnapshotExpiry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "expire-snapshots", description = "Expire old snapshots and delete the files only they reach (Iceberg's ExpireSnapshots); shows the plan, then asks or needs --force.")
public class ExpireSnapshots extends MaintenanceCommand {
    @Option(names = "--older-than", paramLabel = "AGE", description = "Expire snapshots committed before this age (7d, 12h) or time (default: the table's history.expire.max-snapshot-age-ms, 5 days).")
    String olderThan;
    @Option(names = "--retain-last", paramLabel = "N", description = "Keep at least the newest N snapshots (default: history.expire.min-snapshots-to-keep, 1).")
    Integer retainLast;

    @Override
    protected MaintenancePlan plan(IcebergTables.Ref ref) {
        long now = System.currentTimeMillis();
        return new SnapshotExpiry(ref.table(), ref.path(), olderThan == null ? null : OlderThan.cutoff(olderThan, now), retainLast, now);
    }
}
