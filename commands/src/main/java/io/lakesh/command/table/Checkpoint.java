package io.lakesh.command.table;

import io.lakesh.LakeshException;
import io.lakesh.command.LakeCommand;
import io.lakesh.delta.DeltaChanges;
import io.lakesh.delta.DeltaTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "checkpoint", description = "Write a checkpoint of a Delta table's latest version (readers replay the log from it): checkpoint /local/orders.")
public class Checkpoint extends LakeCommand {
    @Parameters(paramLabel = "TABLE", description = "The Delta table (its directory).")
    String table;

    @Override
    public Object call() throws Exception {
        if (!DeltaTables.isDelta(ctx.namespace(), table)) {
            throw new LakeshException("'" + table + "' is not a Delta table; checkpoint is for Delta tables (Iceberg has none to write)");
        }
        return DeltaChanges.checkpoint(ctx.namespace(), table);
    }
}
