package io.lakesh.command.table;

import io.lakesh.iceberg.IcebergTables;
import io.lakesh.iceberg.ManifestRewrite;
import io.lakesh.iceberg.MaintenancePlan;
import picocli.CommandLine.Command;

@Command(name = "rewrite-manifests", description = "Merge a table's small data manifests into few of the target size (Iceberg's RewriteManifests); shows the plan, then asks or needs --force.")
public class RewriteManifests extends MaintenanceCommand {
    @Override
    protected MaintenancePlan plan(IcebergTables.Ref ref) {
        return new ManifestRewrite(ref.table(), ref.path());
    }
}
