package io.lakesh.sql;

import io.lakesh.LakeshException;
import io.lakesh.command.CommandContext;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.PartitionData;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rows that DuckDB computes, appended to an Iceberg table in one commit: DuckDB writes the Parquet data
 * files (with the table's field ids, codec and target size, one set per identity partition), lakesh reads
 * their footers for Iceberg's metrics and partition values, uploads them when the table is remote, and
 * commits once. A failure or Ctrl-C before the commit removes every file written: nothing is half-loaded.
 */
public final class IcebergWrite {
    private IcebergWrite() {
    }

    /** Why DuckDB cannot write this table's files (then the caller takes Iceberg's own writer), or null. */
    public static String unsupported(Table table) {
        for (PartitionField f : table.spec().fields()) {
            if (!f.transform().isIdentity()) {
                return "partition transform " + f.transform() + " of " + f.name();
            }
        }
        return unsupportedColumns(table);
    }

    /** A column DuckDB cannot write with its field id (nested ones), or null. */
    static String unsupportedColumns(Table table) {
        for (Types.NestedField f : table.schema().columns()) {
            if (!f.type().isPrimitiveType()) {
                return "nested column " + f.name();
            }
        }
        return null;
    }

    /**
     * Appends what {@code select} gives (a statement over the namespace; its columns by position are the
     * table's columns) and returns the rows added.
     */
    public static long append(CommandContext ctx, Table table, String select, String operation) throws IOException {
        String why = unsupported(table);
        if (why != null) {
            throw new LakeshException("lakesh writes with DuckDB tables of identity partitions and flat columns; this table has " + why);
        }
        try (Batch batch = new Batch(ctx, table, operation)) {
            long rows = batch.write(build -> SqlQuery.rewrite(select, ctx.namespace(), build), table.spec(), null, null);
            AppendFiles append = table.newAppend();
            batch.files().forEach(append::appendFile);
            append.set("lakesh.operation", operation);
            io.lakesh.command.CancelledException.check();
            append.commit();
            batch.committed();
            return rows;
        }
    }

    /**
     * Data files written by DuckDB for one commit: staged locally, uploaded to where Iceberg's writers would put
     * them, described with metrics from their footers. Closing an uncommitted batch removes every file it wrote.
     */
    static final class Batch implements AutoCloseable {
        private final Table table;
        private final ParquetBatch parquet;
        private final List<DataFile> files = new ArrayList<>();
        private final Map<String, String> properties;

        Batch(CommandContext ctx, Table table, String operation) throws IOException {
            this(ctx, table, operation, table.properties());
        }

        /** With {@code properties} for the files (codec, target size) instead of the table's own. */
        Batch(CommandContext ctx, Table table, String operation, Map<String, String> properties) throws IOException {
            this.table = table;
            this.properties = properties;
            this.parquet = new ParquetBatch(ctx, operation, location -> table.io().deleteFile(location));
        }

        /**
         * Writes the rows the prepared query gives as data files of {@code spec}: all into {@code partition} when
         * given (a rewrite of one partition), else split by the table's identity partition columns; sorted by
         * {@code orderBy} (SQL) when given. Returns the rows written.
         */
        long write(DuckEngine.Preparer preparer, PartitionSpec spec, org.apache.iceberg.StructLike partition, String orderBy) throws IOException {
            Schema schema = table.schema();
            List<ParquetBatch.FileColumn> columns = schema.columns().stream()
                    .map(f -> new ParquetBatch.FileColumn(f.name(), DuckTypes.of(f.type()), f.fieldId())).toList();
            List<String> partitionColumns = partition == null && !spec.isUnpartitioned()
                    ? table.spec().fields().stream().map(p -> schema.findColumnName(p.sourceId())).toList() : List.of();
            String codec = properties.getOrDefault(TableProperties.PARQUET_COMPRESSION, TableProperties.PARQUET_COMPRESSION_DEFAULT);
            long targetSize = Long.parseLong(properties.getOrDefault(TableProperties.WRITE_TARGET_FILE_SIZE_BYTES,
                    Long.toString(TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT)));
            // Iceberg files keep their identity partition columns (readers may take them from the file)
            Path out = parquet.copy(preparer, columns, new ParquetBatch.Layout(codec, targetSize, partitionColumns, true, orderBy));
            MetricsConfig tableMetrics = MetricsConfig.forTable(table);
            // partition values are read from full (untruncated) bounds of the partition's source column
            MetricsConfig exact = MetricsConfig.fromProperties(Map.of(TableProperties.DEFAULT_WRITE_METRICS_MODE, "full"));
            long rows = 0;
            for (Path f : ParquetBatch.files(out)) {
                io.lakesh.command.CancelledException.check();
                Metrics metrics = ParquetUtil.fileMetrics(org.apache.iceberg.Files.localInput(f.toFile()), tableMetrics);
                if (metrics.recordCount() == 0) {
                    continue;
                }
                requireValues(schema, metrics);
                org.apache.iceberg.StructLike p = partition != null || spec.isUnpartitioned() ? partition
                        : partition(spec, ParquetUtil.fileMetrics(org.apache.iceberg.Files.localInput(f.toFile()), exact));
                // where Iceberg's own writers would put the file (partition directories, object-store layouts)
                String fileName = f.getFileName().toString();
                String target = spec.isUnpartitioned() ? table.locationProvider().newDataLocation(fileName)
                        : table.locationProvider().newDataLocation(spec, p, fileName);
                parquet.upload(f, target);
                DataFiles.Builder file = DataFiles.builder(spec)
                        .withPath(target)
                        .withFormat(FileFormat.PARQUET)
                        .withFileSizeInBytes(Files.size(f))
                        .withMetrics(metrics);
                if (!spec.isUnpartitioned()) {
                    file.withPartition(p);
                }
                DataFile data = file.build();
                files.add(data);
                rows += data.recordCount();
            }
            return rows;
        }

        List<DataFile> files() {
            return files;
        }

        void committed() {
            parquet.committed();
        }

        @Override
        public void close() {
            parquet.close();
        }
    }

    /**
     * `create table <catalog path> as <query>`: a new table with the query's columns (all optional, unpartitioned),
     * filled in one commit; if the fill fails the new table is dropped again.
     */
    public static long createAs(CommandContext ctx, String path, String query, Map<String, String> properties) throws IOException {
        List<DuckEngine.Column> columns = DuckEngine.of(ctx.namespace()).describe(query, ctx);
        List<Types.NestedField> fields = new ArrayList<>();
        int id = 1;
        for (DuckEngine.Column c : columns) {
            org.apache.iceberg.types.Type type = DuckTypes.iceberg(c.type());
            if (type == null) {
                throw new LakeshException("column '" + c.name() + "' is " + c.type() + ", which an Iceberg table cannot hold; cast it (e.g. CAST(… AS VARCHAR))");
            }
            fields.add(Types.NestedField.optional(id++, c.name(), type));
        }
        Table table = io.lakesh.iceberg.IcebergTables.create(ctx.namespace(), path, new Schema(fields), PartitionSpec.unpartitioned(),
                properties, 2, false);
        boolean filled = false;
        try {
            long rows = append(ctx, table, query, "create table as select");
            filled = true;
            return rows;
        } finally {
            if (!filled) {
                io.lakesh.iceberg.IcebergTables.drop(ctx.namespace(), path, true);
            }
        }
    }

    /** A required column with nulls fails the load before anything is committed. */
    private static void requireValues(Schema schema, Metrics metrics) {
        for (Types.NestedField f : schema.columns()) {
            Long nulls = metrics.nullValueCounts() == null ? null : metrics.nullValueCounts().get(f.fieldId());
            if (f.isRequired() && nulls != null && nulls > 0) {
                throw new LakeshException("column '" + f.name() + "' is required (not null) but " + nulls + " rows have no value; nothing was loaded");
            }
        }
    }

    private static PartitionData partition(PartitionSpec spec, Metrics exact) {
        PartitionData data = new PartitionData(spec.partitionType());
        List<PartitionField> fields = spec.fields();
        for (int i = 0; i < fields.size(); i++) {
            int source = fields.get(i).sourceId();
            ByteBuffer lower = exact.lowerBounds() == null ? null : exact.lowerBounds().get(source);
            data.set(i, lower == null ? null : Conversions.fromByteBuffer(spec.schema().findType(source), lower));
        }
        return data;
    }
}
