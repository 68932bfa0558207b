package io.lakesh.command.table;

import io.lakesh.LakeshException;
import io.lakesh.command.LakeCommand;
import io.lakesh.iceberg.IcebergTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "rollback", aliases = {"set-current", "restore"}, description = "Make another snapshot current (an older one, or any of the table's): rollback orders@<snapshot-id|tag|time>; on a Delta table a new version with the files of an older one: rollback /local/orders@3.")
public class Rollback extends LakeCommand {
    @Parameters(paramLabel = "TABLE@SNAPSHOT", description = "The table and the snapshot to return to.")
    String target;

    @Override
    public Object call() throws Exception {
        if (io.lakesh.delta.DeltaTables.isDelta(ctx.namespace(), target)) {
            if (io.lakesh.namespace.Versioned.parse(target).version() == null) {
                throw new io.lakesh.UsageException("name the version to return to: rollback " + target + "@<version> (see 'history " + target + "')");
            }
            return io.lakesh.delta.DeltaChanges.restore(ctx.namespace(), target);
        }
        IcebergTables.Ref ref = IcebergTables.resolve(ctx.namespace(), target);
        if (ref.snapshotId() == null) {
            throw new io.lakesh.UsageException("name the snapshot to return to: rollback " + target + "@<snapshot-id> (see 'history " + target + "')");
        }
        ref.requireCatalog("rollback");
        long before = ref.table().currentSnapshot().snapshotId();
        ref.table().manageSnapshots().setCurrentSnapshot(ref.snapshotId()).commit();
        return "current snapshot of " + ref.path() + ": " + ref.snapshotId() + " (was " + before + ")";
    }
}
