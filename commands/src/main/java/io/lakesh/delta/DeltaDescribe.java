package io.lakesh.delta;

import io.delta.kernel.internal.actions.Metadata;
import io.delta.kernel.internal.actions.Protocol;
import io.delta.kernel.internal.tablefeatures.TableFeature;
import io.delta.kernel.types.StructField;
import io.lakesh.output.Table;

import java.time.Instant;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What `describe` shows of a Delta snapshot: protocol and table features, partitioning, properties, columns. */
public final class DeltaDescribe {
    private DeltaDescribe() {
    }

    public static Table info(DeltaTables.Ref ref) {
        return ref.read(() -> {
            Metadata m = ref.snapshot().getMetadata();
            Protocol p = ref.snapshot().getProtocol();
            Table info = Table.of("property", "value").withoutHeader();
            info.add("table", ref.path() + " (delta)");
            info.add("location", ref.location().uri());
            info.add("version", ref.version() + " at " + Instant.ofEpochMilli(ref.snapshot().getTimestamp(ref.engine())));
            info.add("protocol", "reader " + p.getMinReaderVersion() + ", writer " + p.getMinWriterVersion());
            // names as the protocol lists them: a writer feature this kernel does not know must not stop a read
            TreeSet<String> reader = new TreeSet<>();
            TreeSet<String> writer = new TreeSet<>();
            for (TableFeature f : p.getImplicitlySupportedFeatures()) {
                (f.isReaderWriterFeature() ? reader : writer).add(f.featureName());
            }
            if (p.supportsReaderFeatures()) {
                reader.addAll(p.getReaderFeatures());
            }
            if (p.supportsWriterFeatures()) {
                writer.addAll(p.getWriterFeatures());
            }
            writer.removeAll(reader);
            info.add("reader features", reader.isEmpty() ? "none" : String.join(", ", reader));
            info.add("writer features", writer.isEmpty() ? "none" : String.join(", ", writer));
            info.add("partitioning", ref.snapshot().getPartitionColumnNames().isEmpty() ? "unpartitioned"
                    : String.join(", ", ref.snapshot().getPartitionColumnNames()));
            info.add("column mapping", m.getConfiguration().getOrDefault("delta.columnMapping.mode", "none"));
            info.add("properties", new java.util.TreeMap<>(m.getConfiguration()).entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
            return info;
        });
    }

    /** Columns with their column-mapping id and physical name (the names in the Parquet files). */
    public static Table columns(DeltaTables.Ref ref) {
        Table columns = Table.of("id", "name", "type", "required", "physical_name", "comment").nullText("");
        for (StructField f : ref.snapshot().getSchema().fields()) {
            var meta = f.getMetadata();
            columns.add(meta.contains(DeltaFiles.COLUMN_ID) ? meta.getLong(DeltaFiles.COLUMN_ID) : null, f.getName(),
                    DeltaValues.typeName(f.getDataType()), !f.isNullable(),
                    meta.contains(DeltaFiles.PHYSICAL_NAME) ? meta.getString(DeltaFiles.PHYSICAL_NAME) : null,
                    meta.contains("comment") ? meta.getString("comment") : null);
        }
        return columns;
    }
}
