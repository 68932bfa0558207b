package io.lakesh.command.table;

import io.lakesh.command.LakeCommand;
import io.lakesh.iceberg.IcebergTables;
import io.lakesh.output.Table;
import org.apache.iceberg.SnapshotRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Map;
import java.util.TreeMap;

@Command(name = "refs", description = "Branches and tags of a table; --tag NAME or --branch NAME creates one at the table's snapshot (table@ref for another).")
public class Refs extends LakeCommand {
    @Parameters(paramLabel = "TABLE", description = "The table, optionally @snapshot for a new ref.")
    String table;
    @Option(names = "--tag", paramLabel = "NAME", description = "Create a tag.")
    String tag;
    @Option(names = "--branch", paramLabel = "NAME", description = "Create a branch.")
    String branch;

    @Override
    public Object call() throws Exception {
        IcebergTables.Ref ref = IcebergTables.resolve(ctx.namespace(), table);
        if (tag != null || branch != null) {
            ref.requireCatalog("a new ref");
            if (ref.snapshot() == null) {
                throw new io.lakesh.LakeshException("'" + ref.path() + "' has no snapshot to point a ref at");
            }
            var manage = ref.table().manageSnapshots();
            if (tag != null) {
                manage.createTag(tag, ref.snapshot().snapshotId());
            }
            if (branch != null) {
                manage.createBranch(branch, ref.snapshot().snapshotId());
            }
            try {
                manage.commit();
            } catch (IllegalArgumentException e) {
                throw new io.lakesh.LakeshException("'" + ref.path() + "': " + e.getMessage());
            }
            ref.table().refresh();
        }
        Table out = Table.of("name", "type", "snapshot_id", "max_ref_age_ms").nullText("-");
        Map<String, SnapshotRef> sorted = new TreeMap<>(ref.table().refs());
        sorted.forEach((name, r) -> out.add(name, r.isBranch() ? "branch" : "tag", r.snapshotId(), r.maxRefAgeMs()));
        return out;
    }
}
