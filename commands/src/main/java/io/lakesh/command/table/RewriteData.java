package io.lakesh.command.table;

import io.lakesh.iceberg.IcebergTables;
import io.lakesh.iceberg.MaintenancePlan;
import io.lakesh.output.Bytes;
import io.lakesh.sql.DataRewrite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rewrite-data", aliases = "optimize", description = "Compact a table's small data files (and files with deletes) into files of the target size, per partition, optionally sorted or z-ordered — Delta's OPTIMIZE on a Delta table; shows the plan, then asks or needs --force.")
public class RewriteData extends MaintenanceCommand {
    @Option(names = "--target-size", paramLabel = "SIZE", description = "Size of the files written, e.g. 128M (default: the table's write.target-file-size-bytes, 512 MiB).")
    String targetSize;
    @Option(names = "--min-input-files", paramLabel = "N", description = "Rewrite a partition only when it has at least N small files (default: 2).")
    int minInputFiles = 2;
    @Option(names = "--sort-by", paramLabel = "COLUMNS", description = "Sort the rows written, e.g. 'region, ts desc'.")
    String sortBy;
    @Option(names = "--zorder-by", paramLabel = "COLUMNS", description = "Z-order the rows written by 2–4 columns, e.g. 'x, y' (rows near in all of them land in the same files).")
    String zorderBy;

    @Override
    protected MaintenancePlan plan(IcebergTables.Ref ref) throws Exception {
        return new DataRewrite(ctx, ref, targetSize == null ? null : Bytes.parse(targetSize), minInputFiles, order());
    }

    @Override
    protected boolean deltaUsesDuckDb() {
        return true;
    }

    @Override
    protected MaintenancePlan plan(io.lakesh.delta.DeltaTables.Ref ref) {
        return new io.lakesh.sql.DeltaCompaction(ctx, ref, targetSize == null ? null : Bytes.parse(targetSize), minInputFiles, order());
    }

    private DataRewrite.Order order() {
        if (zorderBy != null && sortBy != null) {
            throw new io.lakesh.UsageException("give --sort-by or --zorder-by, not both");
        }
        if (minInputFiles < 1) {
            throw new io.lakesh.UsageException("--min-input-files takes 1 or more");
        }
        return sortBy != null ? DataRewrite.Order.sorted(sortBy) : zorderBy != null ? DataRewrite.Order.zorder(zorderBy) : null;
    }
}
