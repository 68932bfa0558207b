package io.lakesh.iceberg;

import io.lakesh.UsageException;
import org.apache.iceberg.Schema;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.types.Types;

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

    public static Expression parse(String where, Schema schema) {
        Expression result = Expressions.alwaysTrue();
        for (String part : where.split("(?i)\\s+and\\s+")) {
            Matcher m = COMPARISON.matcher(part);
            if (!m.matches()) {
                throw new UsageException("--where takes comparisons joined by 'and', e.g. \"region = 'EU' and amount >= 10\"; not '" + part.trim() + "'");
            }
            if (m.group(4) != null) {
                String column = column(m.group(4), schema);
                result = Expressions.and(result, m.group(5) == null ? Expressions.isNull(column) : Expressions.notNull(column));
                continue;
            }
            String column = column(m.group(1), schema);
            Types.NestedField field = schema.findField(column);
            String literal = m.group(3);
            if (literal.startsWith("'")) {
                literal = literal.substring(1, literal.length() - 1).replace("''", "'");
            }
            Object value;
            try {
                value = Values.parse(literal, field.type());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--where: column '" + column + "': " + e.getMessage());
            }
            if (value instanceof java.time.temporal.Temporal || value instanceof java.util.UUID || value instanceof java.math.BigDecimal) {
                value = literal; // Iceberg converts these from their text
            }
            Expression e = switch (m.group(2)) {
                case "=", "==" -> Expressions.equal(column, value);
                case "!=", "<>" -> Expressions.notEqual(column, value);
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
            String closest = io.lakesh.Names.closest(name, schema.columns().stream().map(Types.NestedField::name).toList());
            throw new UsageException("--where: no column '" + name + "'" + (closest == null ? "" : " (did you mean '" + closest + "'?)"));
        }
        return schema.findColumnName(f.fieldId());
    }
}
