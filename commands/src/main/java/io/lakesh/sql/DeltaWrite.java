package io.lakesh.sql;

import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Operation;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.hadoopio.HadoopFileIO;
import io.delta.kernel.defaults.internal.parquet.ParquetStatsReader;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.ConcurrentWriteException;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.hook.PostCommitHook;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.statistics.DataFileStatistics;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.DataFileStatus;
import io.lakesh.LakeshException;
import io.lakesh.command.CancelledException;
import io.lakesh.command.CommandContext;
import io.lakesh.command.Errors;
import io.lakesh.delta.DeltaCreate;
import io.lakesh.delta.DeltaFiles;
import io.lakesh.delta.DeltaTables;
import io.lakesh.namespace.Location;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Rows that DuckDB computes, appended to a Delta table in one commit: DuckDB writes the Parquet files (physical
 * column names, field ids under column-mapping `id` mode, one Hive directory per partition, partition columns
 * left out of the files as the protocol has them), lakesh reads each footer for the stats JSON (numRecords,
 * minValues, maxValues, nullCount) and the partition values back from DuckDB's directories, uploads the files
 * where the kernel would put them, and the kernel commits the add actions once through the put-if-absent
 * committer (rebasing the append when another writer committed first). A failure or Ctrl-C before the commit
 * removes every file written.
 */
public final class DeltaWrite {
    /** Files are split at this size when the table has no `delta.targetFileSize` (partitioned writes split by partition). */
    static final long TARGET_FILE_SIZE = 128L << 20;

    private DeltaWrite() {
    }

    /**
     * Appends what {@code select} gives (its columns by position are the table's) and returns the rows added;
     * {@code ref} is the latest version ({@link DeltaTables#resolveForWrite}).
     */
    public static long append(CommandContext ctx, DeltaTables.Ref ref, String select, String operation) throws IOException {
        return append(ctx, ref, build -> SqlQuery.rewrite(select, ctx.namespace(), build), operation);
    }

    static long append(CommandContext ctx, DeltaTables.Ref ref, DuckEngine.Preparer preparer, String operation) throws IOException {
        Transaction txn = ref.read(() -> ref.snapshot().buildUpdateTableTransaction("lakesh", Operation.WRITE).build(ref.engine()));
        try (ParquetBatch batch = batch(ctx, ref, operation)) {
            List<Row> actions = new ArrayList<>();
            long rows = write(ctx, ref, txn, batch, preparer, targetFileSize(ref), actions);
            CancelledException.check();
            commit(ctx, ref, txn, actions, operation);
            batch.committed();
            return rows;
        }
    }

    /** The table's `delta.targetFileSize` (bytes), else {@link #TARGET_FILE_SIZE}. */
    static long targetFileSize(DeltaTables.Ref ref) {
        String size = ref.snapshot().getTableProperties().get("delta.targetFileSize");
        try {
            return size == null ? TARGET_FILE_SIZE : io.lakesh.output.Bytes.parse(size);
        } catch (RuntimeException e) {
            throw new LakeshException("'" + ref.path() + "': delta.targetFileSize '" + size + "' is not a size (e.g. 134217728 or 128M)");
        }
    }

    /** A batch of data files for the table; closed uncommitted, it removes what it uploaded. */
    static ParquetBatch batch(CommandContext ctx, DeltaTables.Ref ref, String operation) throws IOException {
        Location table = ref.location();
        return new ParquetBatch(ctx, operation, storePath -> table.store().delete(storePath, false));
    }

    /**
     * Writes the rows the prepared query gives (the table's columns by position) as data files of the table,
     * adding their add actions (built by the kernel from {@code txn}'s state) to {@code actions}; returns the rows.
     */
    static long write(CommandContext ctx, DeltaTables.Ref ref, Transaction txn, ParquetBatch batch, DuckEngine.Preparer preparer,
                      long targetSize, List<Row> actions) throws IOException {
        Engine engine = ref.engine();
        Row state = txn.getTransactionState(engine);
        StructType schema = txn.getSchema(engine);
        List<String> partitionColumns = txn.getPartitionColumns(engine);
        List<ParquetBatch.FileColumn> columns = new ArrayList<>();
        StructType dataSchema = new StructType();
        List<String> physicalPartitions = new ArrayList<>();
        for (StructField f : schema.fields()) {
            String physical = physicalName(f);
            Integer id = f.getMetadata().contains(DeltaFiles.COLUMN_ID) ? Integer.valueOf(f.getMetadata().getLong(DeltaFiles.COLUMN_ID).intValue()) : null;
            columns.add(new ParquetBatch.FileColumn(physical, DeltaRelation.duckType(f.getDataType()), id));
            if (partitionColumns.stream().anyMatch(p -> p.equalsIgnoreCase(f.getName()))) {
                requirePartitionType(ref, f);
                physicalPartitions.add(physical);
            } else {
                dataSchema = dataSchema.add(new StructField(physical, f.getDataType(), f.isNullable(), f.getMetadata()));
            }
        }
        String codec = ref.read(() -> ref.snapshot().getTableProperties()).getOrDefault("delta.parquet.compression.codec", "snappy");
        Location table = ref.location();
        Path out = batch.copy(preparer, columns, new ParquetBatch.Layout(codec, targetSize, physicalPartitions, false, null));
        List<Path> staged = ParquetBatch.files(out);
        Map<String, Map<String, Literal>> partitions = partitionValues(ctx, staged, schema, partitionColumns);
        HadoopFileIO local = new HadoopFileIO((Configuration) ctx.namespace().hadoopConf());
        String root = ref.snapshot().getPath().replaceFirst("/$", "");
        long rows = 0;
        for (Path f : staged) {
            CancelledException.check();
            Map<String, Literal> partition = partitions.getOrDefault(f.toString(), Map.of());
            DataWriteContext context = Transaction.getWriteContext(engine, state, partition);
            DataFileStatistics stats = ParquetStatsReader.readDataFileStatistics(
                    local.newInputFile("file:" + f.toAbsolutePath(), Files.size(f)), dataSchema, context.getStatisticsColumns());
            if (stats.getNumRecords() == 0) {
                continue;
            }
            requireValues(schema, dataSchema, stats);
            String directory = context.getTargetDirectory().replaceFirst("/$", "");
            if (!directory.startsWith(root)) {
                throw new LakeshException("'" + ref.path() + "': the kernel puts data files in " + directory + ", outside the table " + root);
            }
            String storePath = table.storePath() + directory.substring(root.length()) + "/" + f.getFileName();
            batch.upload(f, new Location(table.display(), table.store(), storePath), storePath);
            DataFileStatus status = new DataFileStatus(directory + "/" + f.getFileName(), Files.size(f), System.currentTimeMillis(),
                    Optional.of(stats));
            Transaction.generateAppendActions(engine, state, Utils.singletonCloseableIterator(status), context).forEachRemaining(actions::add);
            rows += stats.getNumRecords();
        }
        return rows;
    }

    /** Commits the actions (the kernel retries an append on a version another writer took) and runs the post-commit hooks. */
    private static void commit(CommandContext ctx, DeltaTables.Ref ref, Transaction txn, List<Row> actions, String operation) {
        TransactionCommitResult result;
        try {
            result = txn.commit(ref.engine(), CloseableIterable.inMemoryIterable(Utils.toCloseableIterator(actions.iterator())));
        } catch (ConcurrentWriteException e) {
            throw new LakeshException("'" + ref.path() + "': another writer changed the table in a way an append cannot be rebased on ("
                    + Errors.firstLine(e) + "); nothing was committed, run " + operation + " again", e);
        } catch (RuntimeException e) {
            throw DeltaTables.failure(ref.location(), e);
        }
        for (PostCommitHook hook : result.getPostCommitHooks()) {
            try {
                hook.threadSafeInvoke(ref.engine());
            } catch (IOException | RuntimeException e) {
                // the commit stands; a checkpoint or checksum that failed is only an optimisation readers do without
                ctx.err().println(operation + ": version " + result.getVersion() + " committed, but its " + hook.getType()
                        + " failed: " + Errors.firstLine(e));
            }
        }
    }

    /**
     * `create table <directory> as <query>`: a new Delta table with the query's columns (all nullable, not
     * partitioned), filled in one more commit; if the fill fails, the new table's directory is removed again.
     */
    public static long createAs(CommandContext ctx, String path, String query) throws IOException {
        List<DuckEngine.Column> columns = DuckEngine.of(ctx.namespace()).describe(query, ctx);
        StructType schema = new StructType();
        for (DuckEngine.Column c : columns) {
            org.apache.iceberg.types.Type type = DuckTypes.iceberg(c.type());
            if (type == null) {
                throw new LakeshException("column '" + c.name() + "' is " + c.type() + ", which a Delta table cannot hold; cast it (e.g. CAST(… AS VARCHAR))");
            }
            schema = schema.add(c.name(), DeltaCreate.type(type, c.name()), true);
        }
        DeltaTables.Ref ref = DeltaCreate.create(ctx.namespace(), path, schema, List.of(), Map.of());
        boolean filled = false;
        try {
            long rows = append(ctx, ref, query, "create table as select");
            filled = true;
            return rows;
        } finally {
            if (!filled) {
                Location l = ref.location();
                l.store().delete(l.storePath(), true);
            }
        }
    }

    private static String physicalName(StructField f) {
        return f.getMetadata().contains(DeltaFiles.PHYSICAL_NAME) ? f.getMetadata().getString(DeltaFiles.PHYSICAL_NAME) : f.getName();
    }

    private static void requirePartitionType(DeltaTables.Ref ref, StructField f) {
        DataType t = f.getDataType();
        if (!(t instanceof StringType || t instanceof IntegerType || t instanceof LongType || t instanceof ShortType || t instanceof ByteType
                || t instanceof BooleanType || t instanceof DateType || t instanceof TimestampType || t instanceof TimestampNTZType
                || t instanceof DecimalType || t instanceof DoubleType || t instanceof FloatType)) {
            throw new LakeshException("'" + ref.path() + "': lakesh does not write partition column " + f.getName() + " of type " + t);
        }
    }

    /**
     * The partition values of each staged file, read back by DuckDB from the Hive directories it wrote (so its
     * escaping of names like `a b/c=d%` is undone by the same code), as kernel literals by logical column name.
     */
    private static Map<String, Map<String, Literal>> partitionValues(CommandContext ctx, List<Path> staged, StructType schema,
                                                                     List<String> partitionColumns) throws IOException {
        Map<String, Map<String, Literal>> out = new HashMap<>();
        if (partitionColumns.isEmpty() || staged.isEmpty()) {
            return out;
        }
        List<StructField> fields = partitionColumns.stream().map(p -> schema.fields().stream()
                .filter(f -> f.getName().equalsIgnoreCase(p)).findFirst().orElseThrow()).toList();
        String hiveTypes = fields.stream().map(f -> DuckTypes.literal(physicalName(f)) + ": " + DuckTypes.literal(DeltaRelation.duckType(f.getDataType())))
                .collect(Collectors.joining(", "));
        String values = fields.stream().map(f -> {
            String c = DuckTypes.quote(physicalName(f));
            DataType t = f.getDataType();
            String text = t instanceof DateType ? "datediff('day', DATE '1970-01-01', " + c + ")"
                    : t instanceof TimestampType || t instanceof TimestampNTZType ? "epoch_us(" + c + ")" : c;
            return "CAST(" + text + " AS VARCHAR)";
        }).collect(Collectors.joining(", "));
        String sql = "SELECT DISTINCT filename, " + values + " FROM read_parquet(" + DuckTypes.list(staged.stream().map(Path::toString).toList())
                + ", hive_partitioning = true, hive_types = {" + hiveTypes + "}, filename = true)";
        for (List<Object> row : DuckEngine.of(ctx.namespace()).run(sql, ctx).table().rows()) {
            Map<String, Literal> partition = new LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                Object v = row.get(i + 1);
                partition.put(partitionColumns.get(i), literal(fields.get(i).getDataType(), v == null ? null : v.toString()));
            }
            out.put(row.get(0).toString(), partition);
        }
        return out;
    }

    private static Literal literal(DataType t, String v) {
        if (v == null) {
            return Literal.ofNull(t);
        }
        if (t instanceof StringType) {
            return Literal.ofString(v);
        }
        if (t instanceof IntegerType) {
            return Literal.ofInt(Integer.parseInt(v));
        }
        if (t instanceof LongType) {
            return Literal.ofLong(Long.parseLong(v));
        }
        if (t instanceof ShortType) {
            return Literal.ofShort(Short.parseShort(v));
        }
        if (t instanceof ByteType) {
            return Literal.ofByte(Byte.parseByte(v));
        }
        if (t instanceof BooleanType) {
            return Literal.ofBoolean(Boolean.parseBoolean(v));
        }
        if (t instanceof DateType) {
            return Literal.ofDate(Integer.parseInt(v));
        }
        if (t instanceof TimestampType) {
            return Literal.ofTimestamp(Long.parseLong(v));
        }
        if (t instanceof TimestampNTZType) {
            return Literal.ofTimestampNtz(Long.parseLong(v));
        }
        if (t instanceof DecimalType d) {
            return Literal.ofDecimal(new BigDecimal(v), d.getPrecision(), d.getScale());
        }
        if (t instanceof DoubleType) {
            return Literal.ofDouble(Double.parseDouble(v));
        }
        return Literal.ofFloat(Float.parseFloat(v));
    }

    /** A non-nullable column with nulls fails the write before anything is committed. */
    private static void requireValues(StructType schema, StructType dataSchema, DataFileStatistics stats) {
        for (int i = 0; i < dataSchema.length(); i++) {
            StructField physical = dataSchema.at(i);
            Long nulls = stats.getNullCount().get(new Column(physical.getName()));
            if (!physical.isNullable() && nulls != null && nulls > 0) {
                String name = schema.fields().stream().filter(f -> physicalName(f).equals(physical.getName())).findFirst()
                        .map(StructField::getName).orElse(physical.getName());
                throw new LakeshException("column '" + name + "' is not null but " + nulls + " rows have no value; nothing was written");
            }
        }
    }
}
