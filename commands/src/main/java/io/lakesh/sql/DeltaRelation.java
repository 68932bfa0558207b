package io.lakesh.sql;

import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import io.delta.kernel.internal.deletionvectors.DeletionVectorUtils;
import io.delta.kernel.internal.deletionvectors.RoaringBitmapArray;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.lakesh.LakeshException;
import io.lakesh.delta.DeltaFiles;
import io.lakesh.delta.DeltaFilters;
import io.lakesh.delta.DeltaTables;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A Delta version as a DuckDB relation: delta-kernel replays the log and skips files (the query's simple
 * filters against partition values and stats); DuckDB reads the Parquet files by physical column name (or
 * field id in column-mapping `id` mode), partition values come from the log, and deletion vectors (read with
 * the kernel) are an anti-join on (file, row position).
 */
final class DeltaRelation {
    private DeltaRelation() {
    }

    static String build(QueryBuild q, DeltaTables.Ref ref, List<String> conjuncts) throws IOException {
        StructType schema = ref.snapshot().getSchema();
        List<String> partitionColumns = ref.snapshot().getPartitionColumnNames();
        String mode = ref.read(() -> ref.snapshot().getTableProperties()).getOrDefault("delta.columnMapping.mode", "none").toLowerCase(Locale.ROOT);
        for (StructField f : schema.fields()) {
            if (!mode.equals("none") && !(f.getDataType() instanceof io.delta.kernel.types.BasePrimitiveType) && !(f.getDataType() instanceof DecimalType)) {
                throw new LakeshException("'" + ref.path() + "': nested column " + f.getName() + " under column mapping is not read by lakesh's SQL yet "
                        + "(head and count read it)");
            }
        }
        Predicate filter = null;
        List<String> pushed = new ArrayList<>();
        for (String c : conjuncts) {
            try {
                Predicate p = DeltaFilters.predicate(c, schema);
                filter = filter == null ? p : new Predicate("AND", filter, p);
                pushed.add(c);
            } catch (io.lakesh.UsageException e) {
                // not a filter on this table's columns: DuckDB applies it
            }
        }
        List<DeltaFiles.DataFile> files = DeltaFiles.list(ref, filter);
        long withDv = files.stream().filter(f -> f.deletionVector() != null).count();
        // no second log replay to count the files skipped: the note says what is read
        q.note(ref.path() + "@" + ref.version() + ": " + files.size() + " data files"
                + (pushed.isEmpty() ? "" : " (after skipping by " + String.join(" and ", pushed) + ")")
                + (withDv == 0 ? "" : ", " + withDv + " deletion vectors applied"));
        return of(q, ref, files);
    }

    /** The rows of exactly these files of the version (deletion vectors applied), e.g. to rewrite them. */
    static String of(QueryBuild q, DeltaTables.Ref ref, List<DeltaFiles.DataFile> files) throws IOException {
        return of(q, ref, files, false);
    }

    /** The column {@link #of(QueryBuild, DeltaTables.Ref, List, boolean)} adds: the row's position in its Parquet file. */
    static final String POSITION = "lakesh_position";

    /** As {@link #of(QueryBuild, DeltaTables.Ref, List)}, with each row's position in its file ({@link #POSITION}) when asked. */
    static String of(QueryBuild q, DeltaTables.Ref ref, List<DeltaFiles.DataFile> files, boolean positions) throws IOException {
        StructType schema = ref.snapshot().getSchema();
        List<String> partitionColumns = ref.snapshot().getPartitionColumnNames();
        String mode = ref.read(() -> ref.snapshot().getTableProperties()).getOrDefault("delta.columnMapping.mode", "none").toLowerCase(Locale.ROOT);
        long withDv = files.stream().filter(f -> f.deletionVector() != null).count();
        if (files.isEmpty()) {
            return "SELECT " + schema.fields().stream().map(f -> "CAST(NULL AS " + duckType(f.getDataType()) + ") AS " + DuckTypes.quote(f.getName()))
                    .collect(Collectors.joining(", ")) + " WHERE false";
        }
        String root = ref.snapshot().getPath();
        List<FileCache.RemoteFile> remote = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        for (DeltaFiles.DataFile f : files) {
            String uri = f.location();
            uris.add(uri);
            remote.add(new FileCache.RemoteFile(uri, f.size()));
        }
        Map<String, String> local = q.fetch(remote);
        List<String> paths = uris.stream().map(local::get).toList();

        // the columns the files hold (a column added later is missing from older files, maybe from all)
        Set<String> present = mode.equals("id") ? Set.of() : presentColumns(q, paths, schema, partitionColumns);
        boolean join = !partitionColumns.isEmpty() || withDv > 0;
        String files_ = null;
        if (join) {
            files_ = q.tempName("deltafiles");
            StringBuilder ddl = new StringBuilder("CREATE TABLE " + files_ + " (local VARCHAR, uri VARCHAR");
            for (int i = 0; i < partitionColumns.size(); i++) {
                ddl.append(", p").append(i).append(" VARCHAR");
            }
            q.execute(ddl.append(")").toString());
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                Object[] row = new Object[2 + partitionColumns.size()];
                row[0] = local.get(uris.get(i));
                row[1] = uris.get(i);
                for (int p = 0; p < partitionColumns.size(); p++) {
                    row[2 + p] = files.get(i).partition().get(partitionColumns.get(p));
                }
                rows.add(row);
            }
            q.append(files_, rows);
        }
        List<String> select = new ArrayList<>();
        for (StructField f : schema.fields()) {
            String type = duckType(f.getDataType());
            int partition = indexIgnoreCase(partitionColumns, f.getName());
            String physical = f.getMetadata().contains(DeltaFiles.PHYSICAL_NAME) ? f.getMetadata().getString(DeltaFiles.PHYSICAL_NAME) : f.getName();
            String value;
            if (partition >= 0) {
                value = partitionValue("f.p" + partition, f.getDataType(), type);
            } else if (mode.equals("id")) {
                value = "r." + DuckTypes.quote(physical);
            } else if (containsIgnoreCase(present, physical) && widenedFromDate(f)) {
                // DuckDB 1.5 pushes `ts >= '… 12:00'` into a file holding dates as `date >= '…'` (a wrong answer for
                // the rows of that day); through text the comparison cannot be pushed into the file
                value = "CAST(CAST(r." + DuckTypes.quote(physical) + " AS VARCHAR) AS " + type + ")";
            } else if (containsIgnoreCase(present, physical)) {
                value = "CAST(r." + DuckTypes.quote(physical) + " AS " + type + ")";
            } else {
                value = "CAST(NULL AS " + type + ")";
            }
            select.add(value + " AS " + DuckTypes.quote(f.getName()));
        }
        StringBuilder read = new StringBuilder("read_parquet(" + DuckTypes.list(paths));
        if (mode.equals("id")) {
            read.append(", schema = map {").append(schema.fields().stream().filter(f -> indexIgnoreCase(partitionColumns, f.getName()) < 0)
                    .map(f -> f.getMetadata().getLong(DeltaFiles.COLUMN_ID) + ": {name: " + DuckTypes.literal(physicalName(f))
                            + ", type: " + DuckTypes.literal(duckType(f.getDataType())) + ", default_value: NULL}")
                    .collect(Collectors.joining(", "))).append("}");
        } else {
            read.append(", union_by_name = true");
        }
        if (join) {
            read.append(", filename = 'lakesh_file'");
        }
        if (withDv > 0 || positions) {
            read.append(", file_row_number = true");
        }
        if (positions) {
            select.add("r.file_row_number AS " + POSITION);
        }
        read.append(")");
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", select)).append(" FROM ").append(read).append(" r");
        if (join) {
            sql.append(" JOIN ").append(files_).append(" f ON r.lakesh_file = f.local");
        }
        if (withDv > 0) {
            String deleted = q.tempName("dv");
            q.execute("CREATE TABLE " + deleted + " (uri VARCHAR, pos BIGINT)");
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                DeletionVectorDescriptor dv = files.get(i).deletionVector();
                if (dv == null) {
                    continue;
                }
                RoaringBitmapArray bitmap = ref.read(() -> DeletionVectorUtils.loadNewDvAndBitmap(ref.engine(), root, dv)._2);
                for (long pos : bitmap.toArray()) {
                    rows.add(new Object[] {uris.get(i), pos});
                }
            }
            q.append(deleted, rows);
            sql.append(" WHERE NOT EXISTS (SELECT 1 FROM ").append(deleted).append(" d WHERE d.uri = f.uri AND d.pos = r.file_row_number)");
        }
        return sql.toString();
    }

    /**
     * The physical columns the files hold between them. The first file's footer answers when it has every column of
     * the schema (the usual case); only then are all footers read (a compaction of 1,000 files spent a fifth of its
     * time here).
     */
    private static Set<String> presentColumns(QueryBuild q, List<String> paths, StructType schema, List<String> partitionColumns) throws IOException {
        Set<String> first = q.columns("SELECT * FROM read_parquet(" + DuckTypes.list(paths.subList(0, 1)) + ")");
        boolean complete = schema.fields().stream().filter(f -> indexIgnoreCase(partitionColumns, f.getName()) < 0)
                .allMatch(f -> containsIgnoreCase(first, physicalName(f)));
        return complete || paths.size() == 1 ? first : q.columns("SELECT * FROM read_parquet(" + DuckTypes.list(paths) + ", union_by_name = true)");
    }

    private static boolean widenedFromDate(StructField f) {
        return f.getTypeChanges().stream().anyMatch(c -> c.getFrom() instanceof DateType);
    }

    private static String physicalName(StructField f) {
        return f.getMetadata().contains(DeltaFiles.PHYSICAL_NAME) ? f.getMetadata().getString(DeltaFiles.PHYSICAL_NAME) : f.getName();
    }

    /** A partition value as the log writes it (text; timestamps in UTC), as the column's type. */
    private static String partitionValue(String column, DataType type, String duckType) {
        if (type instanceof TimestampType) {
            return "CASE WHEN " + column + " LIKE '%Z' OR " + column + " LIKE '%+%' THEN CAST(" + column + " AS TIMESTAMPTZ) ELSE CAST("
                    + column + " AS TIMESTAMP) AT TIME ZONE 'UTC' END";
        }
        if (type instanceof BinaryType) {
            return "CAST(" + column + " AS BLOB)";
        }
        return "CAST(" + column + " AS " + duckType + ")";
    }

    private static int indexIgnoreCase(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean containsIgnoreCase(Set<String> names, String name) {
        return names.stream().anyMatch(n -> n.equalsIgnoreCase(name));
    }

    static String duckType(DataType t) {
        if (t instanceof BooleanType) {
            return "BOOLEAN";
        }
        if (t instanceof ByteType) {
            return "TINYINT";
        }
        if (t instanceof ShortType) {
            return "SMALLINT";
        }
        if (t instanceof IntegerType) {
            return "INTEGER";
        }
        if (t instanceof LongType) {
            return "BIGINT";
        }
        if (t instanceof FloatType) {
            return "FLOAT";
        }
        if (t instanceof DoubleType) {
            return "DOUBLE";
        }
        if (t instanceof DecimalType d) {
            return "DECIMAL(" + d.getPrecision() + "," + d.getScale() + ")";
        }
        if (t instanceof StringType) {
            return "VARCHAR";
        }
        if (t instanceof BinaryType) {
            return "BLOB";
        }
        if (t instanceof DateType) {
            return "DATE";
        }
        if (t instanceof TimestampType) {
            return "TIMESTAMPTZ";
        }
        if (t instanceof TimestampNTZType) {
            return "TIMESTAMP";
        }
        if (t instanceof ArrayType a) {
            return duckType(a.getElementType()) + "[]";
        }
        if (t instanceof MapType m) {
            return "MAP(" + duckType(m.getKeyType()) + ", " + duckType(m.getValueType()) + ")";
        }
        if (t instanceof StructType s) {
            return "STRUCT(" + s.fields().stream().map(f -> DuckTypes.quote(f.getName()) + " " + duckType(f.getDataType()))
                    .collect(Collectors.joining(", ")) + ")";
        }
        throw new LakeshException("columns of type " + t + " cannot be read by lakesh's SQL yet (head and count read them)");
    }
}
