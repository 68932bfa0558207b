package io.lakesh.command.table;

import io.lakesh.LakeshException;
import io.lakesh.delta.DeltaTables;
import io.lakesh.iceberg.IcebergTables;
import io.lakesh.iceberg.MaintenancePlan;
import io.lakesh.sql.DeltaDelete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "delete", description = "Delete the rows of a Delta table that match --where in one commit: deletion vectors when the table has them on, else by rewriting the files that hold them; shows the plan, then asks or needs --force.")
public class Delete extends MaintenanceCommand {
    @Option(names = "--where", required = true, paramLabel = "FILTER", description = "Rows to delete: comparisons of columns with literals joined by and, e.g. \"region = 'EU' and amount < 5\".")
    String where;

    @Override
    protected MaintenancePlan plan(IcebergTables.Ref ref) {
        throw new LakeshException("'" + ref.path() + "' is an Iceberg table; delete --where is for Delta tables here");
    }

    @Override
    protected boolean deltaUsesDuckDb() {
        return true;
    }

    @Override
    protected MaintenancePlan plan(DeltaTables.Ref ref) throws Exception {
        return new DeltaDelete(ctx, ref, where);
    }
}
