package io.lakesh.sql;

import io.lakesh.LakeshException;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

import java.util.stream.Collectors;

/** Iceberg types as DuckDB types, and the `schema` map that makes read_parquet find columns by field id. */
final class DuckTypes {
    private DuckTypes() {
    }

    static String of(Type type) {
        return switch (type.typeId()) {
            case BOOLEAN -> "BOOLEAN";
            case INTEGER -> "INTEGER";
            case LONG -> "BIGINT";
            case FLOAT -> "FLOAT";
            case DOUBLE -> "DOUBLE";
            case DECIMAL -> {
                Types.DecimalType d = (Types.DecimalType) type;
                yield "DECIMAL(" + d.precision() + "," + d.scale() + ")";
            }
            case DATE -> "DATE";
            case TIME -> "TIME";
            case TIMESTAMP -> ((Types.TimestampType) type).shouldAdjustToUTC() ? "TIMESTAMPTZ" : "TIMESTAMP";
            case TIMESTAMP_NANO -> ((Types.TimestampNanoType) type).shouldAdjustToUTC() ? "TIMESTAMPTZ" : "TIMESTAMP_NS";
            case STRING -> "VARCHAR";
            case UUID -> "UUID";
            case FIXED, BINARY -> "BLOB";
            case STRUCT -> "STRUCT(" + type.asStructType().fields().stream()
                    .map(f -> quote(f.name()) + " " + of(f.type())).collect(Collectors.joining(", ")) + ")";
            case LIST -> of(type.asListType().elementType()) + "[]";
            case MAP -> "MAP(" + of(type.asMapType().keyType()) + ", " + of(type.asMapType().valueType()) + ")";
            default -> throw new LakeshException("columns of type " + type + " cannot be read by lakesh's SQL yet (use Trino)");
        };
    }

    /**
     * `map {1: {name: 'id', type: 'BIGINT', default_value: NULL}, …}` for the top-level columns: read_parquet
     * then finds each column by its Parquet field id, so renamed columns keep their data and added ones read
     * as NULL. Nested columns are typed by name inside (their own field ids are not mapped).
     */
    static String schemaMap(org.apache.iceberg.Schema schema) {
        return "map {" + schema.columns().stream()
                .map(f -> f.fieldId() + ": {name: " + literal(f.name()) + ", type: " + literal(of(f.type())) + ", default_value: NULL}")
                .collect(Collectors.joining(", ")) + "}";
    }

    /** A DuckDB result type as an Iceberg type, for `create table … as select`; null when Iceberg has none. */
    static Type iceberg(String duckType) {
        String t = duckType.toUpperCase(java.util.Locale.ROOT).trim();
        java.util.regex.Matcher d = java.util.regex.Pattern.compile("DECIMAL\\((\\d+),\\s*(\\d+)\\)").matcher(t);
        if (d.matches()) {
            return Types.DecimalType.of(Integer.parseInt(d.group(1)), Integer.parseInt(d.group(2)));
        }
        return switch (t) {
            case "BOOLEAN" -> Types.BooleanType.get();
            case "TINYINT", "SMALLINT", "INTEGER", "UTINYINT", "USMALLINT" -> Types.IntegerType.get();
            case "BIGINT", "UINTEGER" -> Types.LongType.get();
            case "HUGEINT", "UBIGINT" -> Types.DecimalType.of(38, 0);
            case "FLOAT" -> Types.FloatType.get();
            case "DOUBLE" -> Types.DoubleType.get();
            case "VARCHAR" -> Types.StringType.get();
            case "DATE" -> Types.DateType.get();
            case "TIME" -> Types.TimeType.get();
            case "TIMESTAMP" -> Types.TimestampType.withoutZone();
            case "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ" -> Types.TimestampType.withZone();
            case "BLOB" -> Types.BinaryType.get();
            case "UUID" -> Types.UUIDType.get();
            default -> null;
        };
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    static String list(java.util.Collection<String> paths) {
        return "[" + paths.stream().map(DuckTypes::literal).collect(Collectors.joining(", ")) + "]";
    }
}
