package io.lakesh.iceberg;

import io.lakesh.command.CancelledException;
import io.lakesh.output.Table;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

import java.io.IOException;
import java.util.List;

/**
 * Rows of an Iceberg snapshot through Iceberg's own generic reader (deletes applied), for `head` and
 * `count`. SQL scans go through DuckDB ({@code io.lakesh.sql.IcebergRelation}); this reader is its oracle.
 */
public final class TableRows {
    private TableRows() {
    }

    /** The first {@code limit} rows as a printable table, columns as in the schema. */
    public static Table head(IcebergTables.Ref ref, int limit) throws IOException {
        return head(ref, limit, null);
    }

    /** The first rows matching a `--where` filter (null: all rows). */
    public static Table head(IcebergTables.Ref ref, int limit, String where) throws IOException {
        org.apache.iceberg.Schema schema = ref.schema();
        List<Types.NestedField> fields = schema.columns();
        Table out = new Table(fields.stream().map(Types.NestedField::name).toList());
        Snapshot s = ref.snapshot();
        if (s == null || limit == 0) {
            return out;
        }
        try (CloseableIterable<Record> rows = scan(ref, where)) {
            int n = 0;
            for (Record r : rows) {
                if (n++ >= limit) {
                    break;
                }
                Object[] values = new Object[fields.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = Values.display(r.getField(fields.get(i).name()));
                }
                out.add(values);
            }
        }
        return out;
    }

    /** Exact row count: from the snapshot summary when it has no delete files, else by reading. */
    public static long count(IcebergTables.Ref ref) throws IOException {
        return count(ref, null);
    }

    /** Rows matching a `--where` filter (null: all rows). */
    public static long count(IcebergTables.Ref ref, String where) throws IOException {
        Snapshot s = ref.snapshot();
        if (s == null) {
            return 0;
        }
        var summary = s.summary();
        if (where == null && summary.containsKey("total-records") && "0".equals(summary.getOrDefault("total-delete-files", "0"))) {
            return Long.parseLong(summary.get("total-records"));
        }
        long n = 0;
        try (CloseableIterable<Record> rows = scan(ref, where)) {
            for (Record ignored : rows) {
                if ((++n & 0xFFFF) == 0) {
                    CancelledException.check();
                }
            }
        }
        return n;
    }

    /** The current state reads with the current schema; an older snapshot with the schema it was written with. */
    private static CloseableIterable<Record> scan(IcebergTables.Ref ref, String where) {
        var read = IcebergGenerics.read(ref.table());
        if (where != null) {
            // where() prunes files by partitions and statistics; the reader then filters rows exactly
            read = read.where(Filters.parse(where, ref.schema()));
        }
        return ref.snapshotId() == null ? read.build() : read.useSnapshot(ref.snapshotId()).build();
    }
}
