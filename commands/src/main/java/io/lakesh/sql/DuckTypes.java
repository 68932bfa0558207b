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
