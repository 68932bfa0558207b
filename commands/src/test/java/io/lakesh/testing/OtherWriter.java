package io.lakesh.testing;

import org.apache.iceberg.DataFile;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.deletes.EqualityDeleteWriter;
import org.apache.iceberg.deletes.PositionDelete;
import org.apache.iceberg.deletes.PositionDeleteWriter;
import org.apache.iceberg.parquet.Parquet;

import java.io.IOException;
import java.util.UUID;

/** Another Iceberg writer (iceberg-core itself) changing a table lakesh reads: position and equality deletes, one commit each. */
public final class OtherWriter {
    private OtherWriter() {
    }

    /** Deletes rows of one data file by their positions. */
    public static void deletePositions(Table table, DataFile file, long... positions) throws IOException {
        PositionDeleteWriter<Record> w = Parquet.writeDeletes(table.io().newOutputFile(
                        table.location() + "/data/pos-" + UUID.randomUUID() + ".parquet"))
                .withSpec(table.specs().get(file.specId())).withPartition(file.partition()).overwrite().buildPositionWriter();
        try (w) {
            for (long p : positions) {
                w.write(PositionDelete.<Record>create().set(file.location(), p));
            }
        }
        table.newRowDelta().addDeletes(w.toDeleteFile()).commit();
    }

    /** Deletes every row whose {@code column} equals {@code value} (an unpartitioned table's equality delete). */
    public static void deleteWhereEquals(Table table, String column, Object value) throws IOException {
        Schema deleteSchema = table.schema().select(column);
        EqualityDeleteWriter<Record> w = Parquet.writeDeletes(table.io().newOutputFile(
                        table.location() + "/data/eq-" + UUID.randomUUID() + ".parquet"))
                .forTable(table).rowSchema(deleteSchema).equalityFieldIds(table.schema().findField(column).fieldId())
                .createWriterFunc(GenericParquetWriter::create).overwrite().buildEqualityWriter();
        try (w) {
            GenericRecord r = GenericRecord.create(deleteSchema);
            r.setField(column, value);
            w.write(r);
        }
        table.newRowDelta().addDeletes(w.toDeleteFile()).commit();
    }
}
