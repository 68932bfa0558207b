package io.lakesh.iceberg;

import io.lakesh.UsageException;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses `(id bigint not null, region string, ts timestamp)` and partition specs like `day(ts), bucket(16, id)`. */
public final class TableDefinition {
    private static final Pattern DECIMAL = Pattern.compile("decimal\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");
    private static final Pattern TRANSFORM = Pattern.compile("(\\w+)\\s*\\(\\s*(?:(\\d+)\\s*,\\s*)?(\\w+)\\s*\\)");

    private TableDefinition() {
    }

    public static Schema schema(String text) {
        String body = text.trim();
        if (!body.startsWith("(") || !body.endsWith(")")) {
            throw new UsageException("columns go in parentheses: (id bigint, region string)");
        }
        body = body.substring(1, body.length() - 1);
        List<Types.NestedField> fields = new ArrayList<>();
        int id = 1;
        for (String column : splitTopLevel(body)) {
            String c = column.trim();
            if (c.isEmpty()) {
                continue;
            }
            String[] words = c.split("\\s+", 2);
            if (words.length < 2) {
                throw new UsageException("column '" + c + "' needs a type, e.g. '" + c + " string'");
            }
            String rest = words[1].trim().toLowerCase(Locale.ROOT);
            boolean required = rest.endsWith(" not null");
            if (required) {
                rest = rest.substring(0, rest.length() - " not null".length()).trim();
            }
            Type type = type(rest, words[0]);
            fields.add(required ? Types.NestedField.required(id++, words[0], type) : Types.NestedField.optional(id++, words[0], type));
        }
        if (fields.isEmpty()) {
            throw new UsageException("a table needs at least one column");
        }
        return new Schema(fields);
    }

    public static Type type(String name, String column) {
        Matcher d = DECIMAL.matcher(name);
        if (d.matches()) {
            return Types.DecimalType.of(Integer.parseInt(d.group(1)), Integer.parseInt(d.group(2)));
        }
        return switch (name) {
            case "boolean", "bool" -> Types.BooleanType.get();
            case "int", "integer", "int32" -> Types.IntegerType.get();
            case "bigint", "long", "int64" -> Types.LongType.get();
            case "float", "real" -> Types.FloatType.get();
            case "double" -> Types.DoubleType.get();
            case "string", "varchar", "text" -> Types.StringType.get();
            case "date" -> Types.DateType.get();
            case "timestamp" -> Types.TimestampType.withoutZone();
            case "timestamptz", "timestamp with time zone" -> Types.TimestampType.withZone();
            case "binary", "varbinary" -> Types.BinaryType.get();
            case "uuid" -> Types.UUIDType.get();
            default -> throw new UsageException("column '" + column + "': unknown type '" + name
                    + "' (known: boolean, int, bigint, float, double, decimal(p,s), string, date, timestamp, timestamptz, binary, uuid)");
        };
    }

    public static PartitionSpec partitionSpec(Schema schema, String text) {
        PartitionSpec.Builder b = PartitionSpec.builderFor(schema);
        if (text == null || text.isBlank()) {
            return b.build();
        }
        for (String part : splitTopLevel(text)) {
            PartitionField f = partitionField(part);
            try {
                switch (f.transform()) {
                    case "identity" -> b.identity(f.column());
                    case "year" -> b.year(f.column());
                    case "month" -> b.month(f.column());
                    case "day" -> b.day(f.column());
                    case "hour" -> b.hour(f.column());
                    case "bucket" -> b.bucket(f.column(), f.width());
                    default -> b.truncate(f.column(), f.width());
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException("partition '" + part.trim() + "': " + e.getMessage());
            }
        }
        return b.build();
    }

    /** One partition field as written: `region`, `day(ts)`, `bucket(16, id)`, `truncate(4, s)`. */
    public record PartitionField(String transform, Integer width, String column) {
        /** The field as an Iceberg term, for partition evolution. */
        public org.apache.iceberg.expressions.Term term() {
            return switch (transform) {
                case "identity" -> org.apache.iceberg.expressions.Expressions.ref(column);
                case "year" -> org.apache.iceberg.expressions.Expressions.year(column);
                case "month" -> org.apache.iceberg.expressions.Expressions.month(column);
                case "day" -> org.apache.iceberg.expressions.Expressions.day(column);
                case "hour" -> org.apache.iceberg.expressions.Expressions.hour(column);
                case "bucket" -> org.apache.iceberg.expressions.Expressions.bucket(column, width);
                default -> org.apache.iceberg.expressions.Expressions.truncate(column, width);
            };
        }
    }

    public static PartitionField partitionField(String text) {
        String p = text.trim();
        Matcher m = TRANSFORM.matcher(p);
        if (!m.matches()) {
            if (!p.matches("[A-Za-z_][\\w.]*")) {
                throw new UsageException("partition '" + p + "': write a column or a transform: region, day(ts), bucket(16, id), truncate(4, s)");
            }
            return new PartitionField("identity", null, p);
        }
        String fn = m.group(1).toLowerCase(Locale.ROOT).replaceFirst("s$", "");
        return switch (fn) {
            case "identity", "year", "month", "day", "hour" -> new PartitionField(fn, null, m.group(3));
            case "bucket", "truncate" -> new PartitionField(fn, Integer.parseInt(require(m.group(2), p)), m.group(3));
            default -> throw new UsageException("unknown partition transform '" + m.group(1)
                    + "' (known: identity, year, month, day, hour, bucket(N, col), truncate(N, col))");
        };
    }

    private static String require(String n, String p) {
        if (n == null) {
            throw new UsageException("partition '" + p + "' needs a number, e.g. bucket(16, id)");
        }
        return n;
    }

    static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }
}
