package io.lakesh.iceberg;

import io.lakesh.LakeshException;
import io.lakesh.command.CancelledException;
import io.lakesh.command.Progress;
import io.lakesh.namespace.Location;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.Types;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * `load`: CSV files (header row) into an Iceberg table as Parquet data files, one per partition and
 * input, committed in one append. A bad row, a failure or Ctrl-C commits nothing and removes the files
 * already written.
 */
public final class TableLoader {
    private final Table table;
    private final Progress.Factory progress;
    private final List<DataFile> written = new ArrayList<>();

    public TableLoader(Table table, Progress.Factory progress) {
        this.table = table;
        this.progress = progress;
    }

    /** Loads every source and commits once; returns the rows added. */
    public long load(List<Location> sources, List<Long> sizes) throws IOException {
        long rows = 0;
        long totalBytes = sizes.stream().mapToLong(Long::longValue).sum();
        boolean committed = false;
        try (Progress p = progress.start("load", totalBytes, sources.size())) {
            for (Location source : sources) {
                if (!source.name().toLowerCase(Locale.ROOT).matches(".*\\.csv(\\.txt)?$")) {
                    throw new LakeshException("'" + source.display() + "': load reads CSV files with a header row (.csv)");
                }
                rows += loadCsv(source, p);
                p.itemDone();
            }
            AppendFiles append = table.newAppend();
            written.forEach(append::appendFile);
            append.set("lakesh.operation", "load");
            append.commit();
            committed = true;
            return rows;
        } finally {
            if (!committed) {
                for (DataFile f : written) {
                    deleteQuietly(f.location());
                }
            }
        }
    }

    private void deleteQuietly(String location) {
        try {
            table.io().deleteFile(location);
        } catch (RuntimeException e) {
            System.err.println("load: could not remove " + location + ": " + Catalogs.firstLine(e));
        }
    }

    private long loadCsv(Location source, Progress progress) throws IOException {
        Schema schema = table.schema();
        Map<PartitionKey, DataWriter<Record>> writers = new LinkedHashMap<>();
        PartitionKey key = new PartitionKey(table.spec(), schema);
        InternalRecordWrapper wrapper = new InternalRecordWrapper(schema.asStruct());
        long rows = 0;
        try (InputStream raw = source.store().open(source.storePath());
             InputStream counted = new FilterInputStream(raw) {
                 @Override
                 public int read(byte[] b, int off, int len) throws IOException {
                     int n = super.read(b, off, len);
                     if (n > 0) {
                         progress.advance(n);
                     }
                     return n;
                 }
             }) {
            CsvReader csv = new CsvReader(new java.io.BufferedReader(new InputStreamReader(counted, StandardCharsets.UTF_8), 1 << 16));
            List<String> header = csv.next();
            if (header == null) {
                return 0;
            }
            int[] fieldIndex = mapHeader(header, schema, source);
            List<Types.NestedField> fields = schema.columns();
            List<String> values;
            long line = csv.line();
            while ((values = csv.next()) != null) {
                if (values.size() == 1 && values.get(0).isEmpty()) {
                    line = csv.line();
                    continue;
                }
                if ((rows & 1023) == 0) {
                    CancelledException.check();
                }
                if (values.size() != header.size()) {
                    throw new LakeshException("'" + source.display() + "' line " + line + ": " + values.size()
                            + " fields, the header has " + header.size() + "; nothing was loaded");
                }
                GenericRecord record = GenericRecord.create(schema);
                for (int i = 0; i < values.size(); i++) {
                    Types.NestedField f = fields.get(fieldIndex[i]);
                    try {
                        record.set(fieldIndex[i], Values.parse(values.get(i), f.type()));
                    } catch (IllegalArgumentException e) {
                        throw new LakeshException("'" + source.display() + "' line " + line + ", column '" + f.name()
                                + "': " + e.getMessage() + "; nothing was loaded");
                    }
                }
                for (Types.NestedField f : fields) {
                    if (f.isRequired() && record.getField(f.name()) == null) {
                        throw new LakeshException("'" + source.display() + "' line " + line + ", column '" + f.name()
                                + "': a value is required; nothing was loaded");
                    }
                }
                key.partition(wrapper.wrap(record));
                DataWriter<Record> w = writers.get(key);
                if (w == null) {
                    PartitionKey copy = key.copy();
                    w = newWriter(copy);
                    writers.put(copy, w);
                }
                w.write(record);
                rows++;
                line = csv.line();
            }
        } finally {
            for (DataWriter<Record> w : writers.values()) {
                w.close();
                written.add(w.toDataFile());
            }
        }
        return rows;
    }

    private static int[] mapHeader(List<String> header, Schema schema, Location source) {
        Map<String, Integer> byName = new HashMap<>();
        List<Types.NestedField> fields = schema.columns();
        for (int i = 0; i < fields.size(); i++) {
            byName.put(fields.get(i).name().toLowerCase(Locale.ROOT), i);
        }
        int[] index = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            Integer f = byName.get(header.get(i).trim().toLowerCase(Locale.ROOT));
            if (f == null) {
                throw new LakeshException("'" + source.display() + "': column '" + header.get(i) + "' is not in the table (columns: "
                        + String.join(", ", fields.stream().map(Types.NestedField::name).toList()) + "); nothing was loaded");
            }
            index[i] = f;
        }
        return index;
    }

    private DataWriter<Record> newWriter(PartitionKey partition) throws IOException {
        String file = FileFormat.PARQUET.addExtension("lakesh-" + UUID.randomUUID());
        String location = table.spec().isUnpartitioned()
                ? table.locationProvider().newDataLocation(file)
                : table.locationProvider().newDataLocation(table.spec(), partition, file);
        OutputFile out = table.io().newOutputFile(location);
        return Parquet.writeData(out)
                .setAll(table.properties()) // the table's codec and sizes, as every Iceberg writer honours them
                .schema(table.schema())
                .createWriterFunc(GenericParquetWriter::create)
                .overwrite()
                .withSpec(table.spec())
                .withPartition(table.spec().isUnpartitioned() ? null : partition)
                .build();
    }
}
