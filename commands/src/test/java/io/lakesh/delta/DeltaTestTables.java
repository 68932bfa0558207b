package io.lakesh.delta;

import io.delta.kernel.Operation;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.Transaction;
import io.delta.kernel.DataWriteContext;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.defaults.internal.data.DefaultColumnarBatch;
import io.delta.kernel.defaults.internal.data.vector.DefaultGenericVector;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.transaction.DataLayoutSpec;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Delta tables for the tests, written by delta-kernel itself (create, append, checkpoint), and commit
 * files written by hand per the Delta protocol for what the kernel cannot write.
 */
final class DeltaTestTables {
    private final Engine engine;
    private final String path;

    DeltaTestTables(Configuration conf, String path) {
        this.engine = DefaultEngine.create(conf);
        this.path = path;
    }

    static DeltaTestTables local(Path dir) {
        return new DeltaTestTables(new Configuration(), dir.toUri().toString());
    }

    Engine engine() {
        return engine;
    }

    /** Version 0: the table with its schema, partition columns and properties, no data. */
    DeltaTestTables create(StructType schema, List<String> partitionColumns, Map<String, String> properties) {
        Transaction txn = TableManager.buildCreateTableTransaction(path, schema, "lakesh-tests")
                .withDataLayoutSpec(partitionColumns.isEmpty() ? DataLayoutSpec.noDataLayout()
                        : DataLayoutSpec.partitioned(partitionColumns.stream().map(Column::new).toList()))
                .withTableProperties(properties)
                .build(engine);
        txn.commit(engine, CloseableIterable.emptyIterable());
        return this;
    }

    /** One commit appending rows (values in schema order); rows are split by the values of {@code partitionColumn}. */
    long append(Object[]... rowArray) {
        Snapshot snapshot = TableManager.loadSnapshot(path).build(engine);
        Transaction txn = snapshot.buildUpdateTableTransaction("lakesh-tests", Operation.WRITE).build(engine);
        return commit(txn, rowArray);
    }

    /** Writes the rows' data files for {@code txn} and commits them: the transaction's own snapshot and committer decide the rest. */
    long commit(Transaction txn, Object[]... rowArray) {
        List<Object[]> rows = List.of(rowArray);
        StructType schema = txn.getSchema(engine);
        List<String> partitionColumns = txn.getPartitionColumns(engine);
        Row state = txn.getTransactionState(engine);
        Map<List<Object>, List<Object[]>> byPartition = new LinkedHashMap<>();
        for (Object[] r : rows) {
            List<Object> key = new ArrayList<>();
            for (String p : partitionColumns) {
                key.add(r[schema.indexOf(p)]);
            }
            byPartition.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        List<Row> actions = new ArrayList<>();
        try {
            for (Map.Entry<List<Object>, List<Object[]>> group : byPartition.entrySet()) {
                Map<String, Literal> partition = new LinkedHashMap<>();
                for (int i = 0; i < partitionColumns.size(); i++) {
                    Object v = group.getKey().get(i);
                    partition.put(partitionColumns.get(i), v == null ? Literal.ofNull(schema.get(partitionColumns.get(i)).getDataType())
                            : v instanceof String s ? Literal.ofString(s) : v instanceof Integer n ? Literal.ofInt(n) : Literal.ofLong((Long) v));
                }
                CloseableIterator<FilteredColumnarBatch> data = Transaction.transformLogicalData(engine, state,
                        Utils.singletonCloseableIterator(new FilteredColumnarBatch(batch(schema, group.getValue()), Optional.empty())), partition);
                DataWriteContext context = Transaction.getWriteContext(engine, state, partition);
                CloseableIterator<DataFileStatus> files = engine.getParquetHandler()
                        .writeParquetFiles(context.getTargetDirectory(), data, context.getStatisticsColumns());
                Transaction.generateAppendActions(engine, state, files, context).forEachRemaining(actions::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return txn.commit(engine, CloseableIterable.inMemoryIterable(Utils.toCloseableIterator(actions.iterator()))).getVersion();
    }

    static ColumnarBatch batch(StructType schema, List<Object[]> rows) {
        ColumnVector[] vectors = new ColumnVector[schema.length()];
        for (int c = 0; c < vectors.length; c++) {
            Object[] values = new Object[rows.size()];
            for (int r = 0; r < values.length; r++) {
                values[r] = rows.get(r)[c];
            }
            vectors[c] = DefaultGenericVector.fromArray(schema.at(c).getDataType(), values);
        }
        return new DefaultColumnarBatch(rows.size(), schema, vectors);
    }

    void checkpoint() throws IOException {
        TableManager.loadSnapshot(path).build(engine).writeCheckpoint(engine);
    }

    /** A commit file written by hand: one JSON action per line, as the protocol lays them out. */
    static void writeCommit(Path table, long version, String... actions) throws IOException {
        Files.writeString(table.resolve("_delta_log").resolve(String.format("%020d.json", version)),
                String.join("\n", actions) + "\n", StandardCharsets.UTF_8);
    }

    /** The actions of a commit file, one JSON object per line. */
    static List<com.fasterxml.jackson.databind.node.ObjectNode> readCommit(Path table, long version) throws IOException {
        List<com.fasterxml.jackson.databind.node.ObjectNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(table.resolve("_delta_log").resolve(String.format("%020d.json", version)))) {
            if (!line.isBlank()) {
                out.add((com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(line));
            }
        }
        return out;
    }

    /** The one action of a kind ("add", "metaData", …) in a commit file. */
    static com.fasterxml.jackson.databind.node.ObjectNode action(Path table, long version, String kind) throws IOException {
        return (com.fasterxml.jackson.databind.node.ObjectNode) readCommit(table, version).stream()
                .filter(a -> a.has(kind)).findFirst().orElseThrow().get(kind);
    }

    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** A Parquet file of the given columns, written by the kernel's Parquet writer into the table directory; returns its add action. */
    String writeDataFile(StructType physicalSchema, Object[]... rows) throws IOException {
        CloseableIterator<DataFileStatus> written = engine.getParquetHandler().writeParquetFiles(path,
                Utils.singletonCloseableIterator(new FilteredColumnarBatch(batch(physicalSchema, List.of(rows)), Optional.empty())), List.of());
        DataFileStatus f = written.next();
        written.close();
        String name = f.getPath().substring(f.getPath().lastIndexOf('/') + 1);
        return "{\"add\":{\"path\":\"" + name + "\",\"partitionValues\":{},\"size\":" + f.getSize() + ",\"modificationTime\":"
                + f.getModificationTime() + ",\"dataChange\":true,\"stats\":\"{\\\"numRecords\\\":" + rows.length + "}\"}}";
    }

    /** A metaData action: schema fields as JSON, configuration as pairs. */
    static String metaData(String fieldsJson, Map<String, String> configuration) throws IOException {
        ObjectNode m = JSON.createObjectNode();
        m.put("id", UUID.randomUUID().toString());
        m.putObject("format").put("provider", "parquet").putObject("options");
        m.put("schemaString", "{\"type\":\"struct\",\"fields\":" + fieldsJson + "}");
        m.putArray("partitionColumns");
        ObjectNode conf = m.putObject("configuration");
        configuration.forEach(conf::put);
        m.put("createdTime", System.currentTimeMillis());
        return "{\"metaData\":" + m + "}";
    }

    /**
     * The kernel's checkpoint of the latest version, split into a multi-part checkpoint of {@code parts}
     * files (as Spark writes large ones): each part keeps some of the actions.
     */
    void multiPartCheckpoint(Path table, int parts) throws IOException {
        Snapshot snapshot = TableManager.loadSnapshot(path).build(engine);
        List<FilteredColumnarBatch> batches = new ArrayList<>();
        snapshot.getCreateCheckpointIterator(engine).forEachRemaining(batches::add);
        List<int[]> selected = new ArrayList<>(); // (batch, row) of every action the checkpoint keeps
        for (int b = 0; b < batches.size(); b++) {
            FilteredColumnarBatch batch = batches.get(b);
            for (int r = 0; r < batch.getData().getSize(); r++) {
                var sel = batch.getSelectionVector();
                if (sel.isEmpty() || (!sel.get().isNullAt(r) && sel.get().getBoolean(r))) {
                    selected.add(new int[] {b, r});
                }
            }
        }
        for (int part = 0; part < parts; part++) {
            List<FilteredColumnarBatch> partBatches = new ArrayList<>();
            for (int b = 0; b < batches.size(); b++) {
                boolean[] keep = new boolean[batches.get(b).getData().getSize()];
                for (int i = part * selected.size() / parts; i < (part + 1) * selected.size() / parts; i++) {
                    if (selected.get(i)[0] == b) {
                        keep[selected.get(i)[1]] = true;
                    }
                }
                partBatches.add(new FilteredColumnarBatch(batches.get(b).getData(),
                        Optional.of(engine.getExpressionHandler().createSelectionVector(keep, 0, keep.length))));
            }
            String name = String.format("%020d.checkpoint.%010d.%010d.parquet", snapshot.getVersion(), part + 1, parts);
            engine.getParquetHandler().writeParquetFileAtomically(table.resolve("_delta_log").resolve(name).toUri().toString(),
                    Utils.toCloseableIterator(partBatches.iterator()));
        }
        Files.writeString(table.resolve("_delta_log/_last_checkpoint"), "{\"version\":" + snapshot.getVersion() + ",\"size\":"
                + selected.size() + ",\"parts\":" + parts + "}");
    }

    /**
     * Commit {@code version}: the protocol gains deletion vectors and the file of {@code add} is removed and
     * added again with the vector {@code add} now carries, as a DELETE by deletion vectors commits it.
     */
    static void commitDeletionVector(Path table, long version, ObjectNode add, String... moreActions) throws IOException {
        List<String> actions = new ArrayList<>(List.of(moreActions));
        actions.add("{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[\"deletionVectors\"],\"writerFeatures\":[\"deletionVectors\"]}}");
        actions.add("{\"remove\":{\"path\":\"" + add.get("path").asText() + "\",\"deletionTimestamp\":" + System.currentTimeMillis() + ",\"dataChange\":true}}");
        actions.add("{\"add\":" + add + "}");
        writeCommit(table, version, actions.toArray(String[]::new));
    }

    /**
     * SQL on DuckDB reads what the kernel's own reader reads (the oracle): the rows of `head` and of
     * `select *` are the same, as CSV lines.
     */
    static void assertSqlReadsWhatTheKernelReads(io.lakesh.testing.Lakesh lakesh, String table) {
        lakesh.out();
        org.junit.jupiter.api.Assertions.assertEquals(0, lakesh.run("head -n 1000000 --format csv " + table), lakesh.err());
        java.util.Set<String> kernel = new java.util.TreeSet<>(lakesh.out().lines().toList());
        org.junit.jupiter.api.Assertions.assertEquals(0, lakesh.run("sql --format csv select * from '" + table + "'"), lakesh.err());
        java.util.Set<String> duck = new java.util.TreeSet<>(lakesh.out().lines().toList());
        org.junit.jupiter.api.Assertions.assertEquals(kernel, duck, "SQL over " + table + " reads the kernel's rows");
        org.junit.jupiter.api.Assertions.assertTrue(kernel.size() > 1, "the table has rows");
    }
}
