package io.lakesh.command.table;

import io.lakesh.LakeshException;
import io.lakesh.command.LakeCommand;
import io.lakesh.iceberg.IcebergTables;
import io.lakesh.iceberg.IcebergTree;
import io.lakesh.output.Bytes;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.catalog.TableIdentifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "drop", description = "Drop a catalog table (its files stay unless --purge); shows what goes and asks, or needs --force.")
public class Drop extends LakeCommand {
    @Parameters(index = "0", paramLabel = "table", description = "The word 'table'.")
    String what;
    @Parameters(index = "1", paramLabel = "TABLE", description = "Catalog path of the table.")
    String table;
    @Option(names = "--purge", description = "Delete the table's data and metadata files too.")
    boolean purge;
    @Option(names = {"-f", "--force"}, description = "Do not ask (needed in scripts).")
    boolean force;

    @Override
    public Object call() throws Exception {
        if (!"table".equalsIgnoreCase(what)) {
            throw new io.lakesh.UsageException("drop removes tables: drop table PATH [--purge]");
        }
        IcebergTables.Ref ref = IcebergTables.resolve(ctx.namespace(), table);
        ref.requireCatalog("drop");
        Snapshot s = ref.table().currentSnapshot();
        String files = s == null ? "no data" : s.summary().getOrDefault("total-data-files", "?") + " data files, "
                + new Bytes(Long.parseLong(s.summary().getOrDefault("total-files-size", "0"))).human();
        String what = "'" + ref.path() + "' (" + files + ", at " + ref.table().location() + ")"
                + (purge ? " and delete its files" : "; its files stay");
        if (!force) {
            if (!ctx.interactive()) {
                throw new LakeshException("would drop " + what + "; add --force to drop without asking");
            }
            if (!ctx.confirm("drop: drop " + what + "?")) {
                return "kept " + ref.path();
            }
        }
        IcebergTables.drop(ctx.namespace(), ref.path(), purge);
        return "dropped " + ref.path() + (purge ? " and its files" : "");
    }
}
