package io.lakesh.command.table;

import io.lakesh.iceberg.IcebergTables;
import io.lakesh.iceberg.MaintenancePlan;
import io.lakesh.iceberg.OlderThan;
import io.lakesh.iceberg.OrphanFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "remove-orphans", description = "Delete files under a table's location that nothing references and that are older than --older-than; shows the plan, then asks or needs --force.")
public class RemoveOrphans extends MaintenanceCommand {
    @Option(names = "--older-than", paramLabel = "AGE", description = "Only files modified before this age or time (default: 3d); younger files may belong to a writer that has not committed yet.")
    String olderThan = io.lakesh.iceberg.OrphanFiles.DEFAULT_AGE;

    @Override
    protected MaintenancePlan plan(IcebergTables.Ref ref) throws Exception {
        return new OrphanFiles(ctx.namespace(), ref.table(), ref.path(), OlderThan.cutoff(olderThan, System.currentTimeMillis()));
    }
}
