package io.lakesh.command.table;

import io.lakesh.LakeshException;
import io.lakesh.UsageException;
import io.lakesh.command.LakeCommand;
import io.lakesh.iceberg.IcebergTables;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.exceptions.ValidationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "cherrypick", description = "Apply the changes of one snapshot (a staged one, or one of another branch) on top of the current: cherrypick orders@<snapshot-id>.")
public class Cherrypick extends LakeCommand {
    @Parameters(paramLabel = "TABLE@SNAPSHOT", description = "The table and the snapshot whose changes to apply.")
    String target;

    @Override
    public Object call() throws Exception {
        IcebergTables.Ref ref = IcebergTables.resolve(ctx.namespace(), target);
        if (ref.snapshotId() == null) {
            throw new UsageException("name the snapshot to apply: cherrypick " + target + "@<snapshot-id> (see 'history " + target + "')");
        }
        ref.requireCatalog("cherrypick");
        Snapshot before = ref.table().currentSnapshot();
        try {
            ref.table().manageSnapshots().cherrypick(ref.snapshotId()).commit();
        } catch (ValidationException | IllegalArgumentException e) {
            throw new LakeshException("'" + ref.path() + "': cannot cherry-pick " + ref.snapshotId() + ": "
                    + io.lakesh.command.Errors.firstLine(e) + "; the table is unchanged");
        }
        ref.table().refresh();
        Snapshot now = ref.table().currentSnapshot();
        return "current snapshot of " + ref.path() + ": " + now.snapshotId() + " ("
                + (now.snapshotId() == ref.snapshotId() ? "fast-forward" : "the changes of " + ref.snapshotId())
                + "; was " + (before == null ? "none" : before.snapshotId()) + ")";
    }
}
