package io.lakesh.sql;

import io.lakesh.LakeshException;
import io.lakesh.command.CommandContext;
import io.lakesh.iceberg.IcebergTables;
import io.lakesh.iceberg.MaintenancePlan;
import io.lakesh.iceberg.TableFile;
import io.lakesh.output.Bytes;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.util.PropertyUtil;
import org.apache.iceberg.util.StructLikeWrapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * rewrite-data: compaction without Spark. The current snapshot's small data files (below 3/4 of the target
 * size) and files with deletes attached are grouped by partition; each group with enough files is read by
 * DuckDB (deletes applied, optionally sorted) and written again as files of the target size in the same
 * partition; one commit replaces them, validated against concurrent writers, with the new files carrying the
 * starting snapshot's sequence number so deletes that others commit meanwhile still apply.
 */
public final class DataRewrite implements MaintenancePlan {
    private final CommandContext ctx;
    private final IcebergTables.Ref ref;
    private final long targetBytes;
    private final Order order;
    private final Snapshot start;
    private final List<Group> groups = new ArrayList<>();
    private final List<TableFile> files = new ArrayList<>();
    private final int inputFiles;

    private record Group(PartitionSpec spec, StructLike partition, List<FileScanTask> tasks) {
    }

    /** How the rewritten rows are ordered: by columns in turn, or along a Z-order curve over several columns. */
    public record Order(String description, List<String> columns, boolean zorder) {
        public static Order sorted(String columns) {
            return new Order("sorted by " + columns, split(columns), false);
        }

        public static Order zorder(String columns) {
            List<String> c = split(columns);
            if (c.size() < 2 || c.size() > 4) {
                throw new io.lakesh.UsageException("--zorder-by takes 2 to 4 columns (for one column, --sort-by)");
            }
            return new Order("z-ordered by " + String.join(", ", c), c, true);
        }

        private static List<String> split(String columns) {
            return java.util.Arrays.stream(columns.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
        }

        /**
         * The ORDER BY of the rewrite. Z-order: each column's rank scaled to the same number of bits, and the
         * bits interleaved, so the order keeps rows close in every column close together.
         */
        String sql() {
            if (!zorder) {
                return String.join(", ", columns);
            }
            int bits = Math.min(16, 62 / columns.size());
            List<String> terms = new ArrayList<>();
            for (int b = 0; b < bits; b++) {
                for (int c = 0; c < columns.size(); c++) {
                    String rank = "CAST(floor(percent_rank() OVER (ORDER BY " + DuckTypes.quote(columns.get(c)) + ") * " + ((1L << bits) - 1) + ") AS BIGINT)";
                    terms.add("(((" + rank + " >> " + b + ") & 1) << " + (b * columns.size() + c) + ")");
                }
            }
            return String.join(" + ", terms);
        }
    }

    public DataRewrite(CommandContext ctx, IcebergTables.Ref ref, Long targetSize, int minInputFiles, Order order) throws IOException {
        this.ctx = ctx;
        this.ref = ref;
        Table table = ref.table();
        this.targetBytes = targetSize != null ? targetSize : PropertyUtil.propertyAsLong(table.properties(),
                TableProperties.WRITE_TARGET_FILE_SIZE_BYTES, TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT);
        this.order = order;
        this.start = table.currentSnapshot();
        for (String column : order == null ? List.<String>of() : order.columns()) {
            String name = column.trim().replaceFirst("(?i)\\s+(asc|desc)(\\s+nulls\\s+(first|last))?$", "");
            if (table.schema().caseInsensitiveFindField(name) == null) {
                throw new io.lakesh.UsageException("no column '" + name + "' in " + ref.path() + " to order by");
            }
        }
        this.inputFiles = minInputFiles;
        if (start == null) {
            return;
        }
        Map<String, Group> byPartition = new LinkedHashMap<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(start.snapshotId()).planFiles()) {
            for (FileScanTask task : tasks) {
                DataFile f = task.file();
                if (f.fileSizeInBytes() >= targetBytes * 3 / 4 && task.deletes().isEmpty()) {
                    continue; // big enough and clean: left alone
                }
                PartitionSpec spec = table.specs().get(f.specId());
                String key = f.specId() + "/" + StructLikeWrapper.forType(spec.partitionType()).set(f.partition()).hashCode()
                        + "/" + spec.partitionToPath(f.partition());
                byPartition.computeIfAbsent(key, k -> new Group(spec, f.partition(), new ArrayList<>())).tasks().add(task);
            }
        }
        for (Group g : byPartition.values()) {
            boolean withDeletes = g.tasks().stream().anyMatch(t -> !t.deletes().isEmpty());
            if (g.tasks().size() >= minInputFiles || withDeletes) {
                groups.add(g);
                for (FileScanTask t : g.tasks()) {
                    files.add(new TableFile(TableFile.DATA, t.file().location(), t.file().fileSizeInBytes()));
                }
            }
        }
    }

    private Set<org.apache.iceberg.DeleteFile> positionDeletes() {
        Set<org.apache.iceberg.DeleteFile> out = new java.util.TreeSet<>(java.util.Comparator.comparing(org.apache.iceberg.DeleteFile::location));
        for (Group g : groups) {
            for (FileScanTask t : g.tasks()) {
                t.deletes().stream().filter(d -> d.content() == org.apache.iceberg.FileContent.POSITION_DELETES).forEach(out::add);
            }
        }
        return out;
    }

    /** The data files a position delete file names: from its metadata when it names one, else by reading it. */
    private Set<String> referencedFiles(org.apache.iceberg.DeleteFile d) throws IOException {
        String one = org.apache.iceberg.util.ContentFileUtil.referencedDataFileLocation(d);
        if (one != null) {
            return Set.of(one);
        }
        DuckEngine engine = DuckEngine.of(ctx.namespace());
        String local = engine.cache().localPaths(List.of(new FileCache.RemoteFile(d.location(), d.fileSizeInBytes())), ctx.progress())
                .get(d.location());
        Set<String> paths = new java.util.HashSet<>();
        for (List<Object> row : engine.run("SELECT DISTINCT file_path FROM read_parquet(" + DuckTypes.literal(local) + ")", ctx).table().rows()) {
            paths.add(String.valueOf(row.get(0)));
        }
        return paths;
    }

    @Override
    public String headline() {
        return headline(files, groups.size(), ref.path(), targetBytes, inputFiles, order, "files with deletes",
                "older snapshots until expire-snapshots");
    }

    /**
     * A compaction plan's headline, Iceberg's and Delta's: the files rewritten, into what, and how long the old
     * ones stay; or why there is nothing to rewrite.
     */
    static String headline(List<TableFile> files, int partitions, String path, long targetBytes, int minInputFiles, Order order,
                           String alsoRewritten, String oldFilesKeptFor) {
        if (partitions == 0) {
            return "nothing to rewrite in " + path + ": no partition has " + minInputFiles + " or more data files under "
                    + new Bytes(targetBytes * 3 / 4).human() + " or " + alsoRewritten;
        }
        return MaintenancePlan.rewriteOf(files) + " in " + MaintenancePlan.count(partitions, "partition") + " of " + path + " into files of up to "
                + new Bytes(targetBytes).human() + (order == null ? "" : ", " + order.description())
                + "; the old files stay for " + oldFilesKeptFor;
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
    public String apply() throws Exception {
        Table table = ref.table();
        if (IcebergWrite.unsupportedColumns(table) != null) {
            throw new LakeshException("'" + ref.path() + "' has " + IcebergWrite.unsupportedColumns(table) + "; rewrite-data writes flat columns only");
        }
        Map<String, String> props = new java.util.HashMap<>(table.properties());
        props.put(TableProperties.WRITE_TARGET_FILE_SIZE_BYTES, Long.toString(targetBytes));
        try (IcebergWrite.Batch batch = new IcebergWrite.Batch(ctx, table, "rewrite-data", props)) {
            long rows = 0;
            Set<DataFile> replaced = new LinkedHashSet<>();
            for (Group g : groups) {
                rows += batch.write(build -> SqlQuery.plain(IcebergRelation.of(build, ref, g.tasks()), ctx.namespace()),
                        g.spec(), g.partition(), order == null ? null : order.sql());
                g.tasks().forEach(t -> replaced.add(t.file()));
            }
            RewriteFiles rewrite = table.newRewrite()
                    .validateFromSnapshot(start.snapshotId())
                    .dataSequenceNumber(start.sequenceNumber());
            replaced.forEach(rewrite::deleteFile);
            Set<String> replacedLocations = new java.util.HashSet<>();
            replaced.forEach(f -> replacedLocations.add(f.location()));
            int dangling = 0;
            for (org.apache.iceberg.DeleteFile d : positionDeletes()) {
                // a position delete file whose data files are all rewritten deletes nothing any more: it goes too
                if (replacedLocations.containsAll(referencedFiles(d))) {
                    rewrite.deleteFile(d);
                    dangling++;
                }
            }
            batch.files().forEach(rewrite::addFile);
            rewrite.set("lakesh.operation", "rewrite-data");
            io.lakesh.command.CancelledException.check();
            rewrite.commit();
            batch.committed();
            return "rewrote " + MaintenancePlan.count(replaced.size(), "data file") + " into " + batch.files().size() + " ("
                    + rows + " rows) in " + ref.path() + (dangling == 0 ? "" : "; removed " + MaintenancePlan.count(dangling, "position delete file")
                    + " that named only rewritten files");
        }
    }
}
