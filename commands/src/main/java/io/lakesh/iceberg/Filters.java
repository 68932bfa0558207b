package io.lakesh.iceberg;

import io.lakesh.UsageException;
import org.apache.iceberg.Schema;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `--where "region = 'EU' and amount >= 10"`: comparisons joined by `and`, turned into an Iceberg
 * expression so that scan planning prunes files by partition values and column statistics.
 */
public final class Filters {
    private static final Pattern COMPARISON = Pattern.compile(
            "\\s*([A-Za-z_][\\w.]*)\\s*(=|==|!=|<>|<=|>=|<|>)\\s*('(?:[^']|'')*'|[^\\s']+)\\s*|\\s*([A-Za-z_][\\w.]*)\\s+is\\s+(not\\s+)?null\\s*",
            Pattern.CASE_INSENSITIVE);

    private Filters() {
    }

    /** One comparison of a `--where`: {@code op} is `=`, `!=`, `<`, `<=`, `>`, `>=`, `is null` or `is not null` (literal null). */
    public record Comparison(String column, String op, String literal) {
    }

    /** The comparisons of a `--where`, literals unquoted; the table format then binds them to its schema. */
    public static List<Comparison> comparisons(String where) {
        List<Comparison> out = new ArrayList<>();
        for (String part : where.split("(?i)\\s+and\\s+")) {
            Matcher m = COMPARISON.matcher(part);
            if (!m.matches()) {
                throw new UsageException("--where takes comparisons joined by 'and', e.g. \"region = 'EU' and amount >= 10\"; not '" + part.trim() + "'");
            }
            if (m.group(4) != null) {
                out.add(new Comparison(m.group(4), m.group(5) == null ? "is null" : "is not null", null));
                continue;
            }
            String literal = m.group(3);
            if (literal.startsWith("'")) {
                literal = literal.substring(1, literal.length() - 1).replace("''", "'");
            }
            String op = switch (m.group(2)) {
                case "==" -> "=";
                case "<>" -> "!=";
                default -> m.group(2);
            };
            out.add(new Comparison(m.group(1), op, literal));
        }
        return out;
    }

    /** The error for a column the table does not have, naming the closest one. */
    public static UsageException noColumn(String name, List<String> columns) {
        String closest = io.lakesh.Names.closest(name, columns);
        return new UsageException("--where: no column '" + name + "'" + (closest == null ? "" : " (did you mean '" + closest + "'?)"));
    }

    /** A literal of a column's type, or the usage error naming the column. */
    public static Object literal(Comparison c, String column, Type type) {
        try {
            return Values.parse(c.literal(), type);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--where: column '" + column + "': " + e.getMessage());
        }
    }

    public static Expression parse(String where, Schema schema) {
        Expression result = Expressions.alwaysTrue();
        for (Comparison c : comparisons(where)) {
            String column = column(c.column(), schema);
            if (c.literal() == null) {
                result = Expressions.and(result, c.op().equals("is null") ? Expressions.isNull(column) : Expressions.notNull(column));
                continue;
            }
            Object value = literal(c, column, schema.findField(column).type());
            if (value instanceof java.time.temporal.Temporal || value instanceof java.util.UUID || value instanceof java.math.BigDecimal) {
                value = c.literal(); // Iceberg converts these from their text
            }
            Expression e = switch (c.op()) {
                case "=" -> Expressions.equal(column, value);
                case "!=" -> Expressions.notEqual(column, value);
                case "<" -> Expressions.lessThan(column, value);
                case "<=" -> Expressions.lessThanOrEqual(column, value);
                case ">" -> Expressions.greaterThan(column, value);
                default -> Expressions.greaterThanOrEqual(column, value);
            };
            result = Expressions.and(result, e);
        }
        return result;
    }

    private static String column(String name, Schema schema) {
        Types.NestedField f = schema.caseInsensitiveFindField(name);
        if (f == null) {
            throw noColumn(name, schema.columns().stream().map(Types.NestedField::name).toList());
        }
        return schema.findColumnName(f.fieldId());
    }
}
