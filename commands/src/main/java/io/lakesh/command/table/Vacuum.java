package io.lakesh.command.table;

import io.lakesh.LakeshException;
import io.lakesh.UsageException;
import io.lakesh.delta.DeltaTables;
import io.lakesh.delta.DeltaVacuum;
import io.lakesh.iceberg.IcebergTables;
import io.lakesh.iceberg.MaintenancePlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;

@Command(name = "vacuum", description = "Delete the files of a Delta table that no version within the retention reaches (--retain 168h; default the table's delta.deletedFileRetentionDuration, 7 days); shows the plan, then asks or needs --force.")
public class Vacuum extends MaintenanceCommand {
    @Option(names = "--retain", paramLabel = "AGE", description = "Keep every file a version of this age reaches (168h, 7d, 30m); not less than delta.deletedFileRetentionDuration.")
    String retain;
    @Option(names = "--allow-short-retention", description = "Allow --retain below delta.deletedFileRetentionDuration (readers of older versions and running writers may lose files).")
    boolean allowShortRetention;

    @Override
    protected MaintenancePlan plan(IcebergTables.Ref ref) {
        throw new LakeshException("'" + ref.path() + "' is an Iceberg table; vacuum is for Delta tables (Iceberg: expire-snapshots, remove-orphans)");
    }

    @Override
    protected MaintenancePlan plan(DeltaTables.Ref ref) throws Exception {
        long now = System.currentTimeMillis();
        Duration retention = null;
        if (retain != null) {
            long cutoff;
            try {
                cutoff = io.lakesh.iceberg.OlderThan.cutoff(retain, now);
            } catch (UsageException e) {
                throw new UsageException("--retain takes an age such as 168h, 7d or 30m; not '" + retain + "'");
            }
            retention = Duration.ofMillis(now - cutoff);
        }
        return DeltaVacuum.plan(ctx.namespace(), ref, retention, allowShortRetention, now);
    }
}
