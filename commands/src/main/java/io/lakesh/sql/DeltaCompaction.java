package io.lakesh.sql;

import io.lakesh.command.CommandContext;
import io.lakesh.delta.DeltaFiles;
import io.lakesh.delta.DeltaTables;
import io.lakesh.iceberg.MaintenancePlan;
import io.lakesh.iceberg.TableFile;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `optimize T` (`rewrite-data` on a Delta table): per partition, the small files (under 3/4 of the target) and
 * the files with deletion vectors, when there are enough of them, rewritten into fewer files in one commit whose
 * actions say `dataChange: false` (readers of the change stream see no new rows), as Delta's OPTIMIZE commits it.
 */
public final class DeltaCompaction implements MaintenancePlan {
    private final CommandContext ctx;
    private final DeltaTables.Ref ref;
    private final long targetBytes;
    private final int minInputFiles;
    private final DataRewrite.Order order;
    private final List<List<DeltaFiles.DataFile>> groups = new ArrayList<>();
    private final List<TableFile> files = new ArrayList<>();

    public DeltaCompaction(CommandContext ctx, DeltaTables.Ref ref, Long targetSize, int minInputFiles, DataRewrite.Order order) {
        this.ctx = ctx;
        this.ref = ref;
        this.order = order;
        for (String column : order == null ? List.<String>of() : order.columns()) {
            String name = column.trim().replaceFirst("(?i)\\s+(asc|desc)(\\s+nulls\\s+(first|last))?$", "");
            if (ref.snapshot().getSchema().fieldNames().stream().noneMatch(n -> n.equalsIgnoreCase(name))) {
                throw new io.lakesh.UsageException("no column '" + name + "' in " + ref.path() + " to order by");
            }
        }
        this.targetBytes = targetSize == null ? DeltaWrite.targetFileSize(ref) : targetSize;
        this.minInputFiles = minInputFiles;
        Map<String, List<DeltaFiles.DataFile>> byPartition = new LinkedHashMap<>();
        for (DeltaFiles.DataFile f : DeltaFiles.list(ref, null, true)) {
            if (f.size() < targetBytes * 3 / 4 || f.deletionVector() != null) {
                byPartition.computeIfAbsent(DeltaFiles.partitionText(f.partition()), k -> new ArrayList<>()).add(f);
            }
        }
        for (List<DeltaFiles.DataFile> group : byPartition.values()) {
            if (group.size() >= minInputFiles || group.stream().anyMatch(f -> f.deletionVector() != null)) {
                groups.add(group);
                group.forEach(f -> files.add(new TableFile(TableFile.DATA, f.location(), f.size())));
            }
        }
    }

    @Override
    public String headline() {
        return DataRewrite.headline(files, groups.size(), ref.path(), targetBytes, minInputFiles, order, "files with deletion vectors",
                "older versions until vacuum");
    }

    @Override
    public boolean isEmpty() {
        return groups.isEmpty();
    }

    @Override
    public String action() {
        return MaintenancePlan.rewriteOf(files);
    }

    @Override
    public List<TableFile> files() {
        return files;
    }

    @Override
    public String apply() throws IOException {
        List<DeltaFiles.DataFile> all = new ArrayList<>();
        List<DeltaRewrite.Group> rewrites = new ArrayList<>();
        for (List<DeltaFiles.DataFile> g : groups) {
            all.addAll(g);
            rewrites.add(new DeltaRewrite.Group(g, null, order == null ? null : order.sql()));
        }
        // as Delta's OPTIMIZE records it: the z-order columns (a JSON list), none for compaction alone
        Map<String, String> parameters = order == null ? Map.of() : Map.of(order.zorder() ? "zOrderBy" : "sortBy", order.zorder()
                ? order.columns().stream().map(c -> "\"" + c + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]")) : String.join(", ", order.columns()));
        DeltaRewrite.Result r = DeltaRewrite.commit(ctx, ref, all, rewrites, targetBytes, false, "optimize", parameters);
        return "rewrote " + MaintenancePlan.count(all.size(), "data file") + " into " + r.filesWritten() + " (" + r.rows() + " rows) in "
                + ref.path() + " as version " + r.version();
    }
}
