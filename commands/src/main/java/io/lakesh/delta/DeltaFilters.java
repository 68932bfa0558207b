package io.lakesh.delta;

import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
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
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.lakesh.UsageException;
import io.lakesh.iceberg.Filters;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * `--where` on a Delta table: the comparisons {@link Filters} parses, bound to the Delta schema as a
 * kernel predicate. The kernel prunes files with it (partition values, stats); rows are then filtered
 * with the kernel's own evaluator, so the answer is exact either way.
 */
public final class DeltaFilters {
    private DeltaFilters() {
    }

    public static Predicate predicate(String where, StructType schema) {
        Predicate result = null;
        for (Filters.Comparison c : Filters.comparisons(where)) {
            StructField field = field(c.column(), schema);
            Column column = new Column(field.getName());
            Predicate p;
            if (c.literal() == null) {
                p = new Predicate(c.op().equals("is null") ? "IS_NULL" : "IS_NOT_NULL", column);
            } else {
                Literal literal = literal(c, field);
                p = switch (c.op()) {
                    case "!=" -> new Predicate("NOT", new Predicate("=", column, literal));
                    default -> new Predicate(c.op(), column, literal);
                };
            }
            result = result == null ? p : new Predicate("AND", result, p);
        }
        return result;
    }

    /**
     * The part of {@code filter} the kernel may skip files by: conjuncts on a column whose type was widened are left
     * out, because older files' stats hold values of the old type (a date for a column now timestamp_ntz), which
     * kernel 4.4 fails to parse. Rows are still filtered by the whole predicate; skipping never decides an answer.
     */
    public static Predicate forSkipping(Predicate filter, StructType schema) {
        if (filter == null) {
            return null;
        }
        if (filter.getName().equals("AND")) {
            Predicate left = forSkipping((Predicate) filter.getChildren().get(0), schema);
            Predicate right = forSkipping((Predicate) filter.getChildren().get(1), schema);
            return left == null ? right : right == null ? left : new Predicate("AND", left, right);
        }
        return widenedColumn(filter, schema) ? null : filter;
    }

    private static boolean widenedColumn(io.delta.kernel.expressions.Expression e, StructType schema) {
        if (e instanceof Column c) {
            StructField f = schema.fields().stream().filter(x -> x.getName().equals(c.getNames()[0])).findFirst().orElse(null);
            return f != null && !f.getTypeChanges().isEmpty();
        }
        return e.getChildren().stream().anyMatch(child -> widenedColumn(child, schema));
    }

    private static StructField field(String name, StructType schema) {
        for (StructField f : schema.fields()) {
            if (f.getName().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw Filters.noColumn(name, schema.fieldNames());
    }

    /** The text is parsed by the same rules as for Iceberg (through the matching Iceberg type), then made a kernel literal. */
    private static Literal literal(Filters.Comparison c, StructField field) {
        DataType t = field.getDataType();
        Object v = Filters.literal(c, field.getName(), icebergType(field));
        if (t instanceof BooleanType) {
            return Literal.ofBoolean((Boolean) v);
        } else if (t instanceof ByteType || t instanceof ShortType) {
            int i = (Integer) v;
            int max = t instanceof ByteType ? Byte.MAX_VALUE : Short.MAX_VALUE;
            if (i > max || i < -max - 1) {
                throw new UsageException("--where: column '" + field.getName() + "': '" + c.literal() + "' is not a " + t);
            }
            return t instanceof ByteType ? Literal.ofByte((byte) i) : Literal.ofShort((short) i);
        } else if (t instanceof IntegerType) {
            return Literal.ofInt((Integer) v);
        } else if (t instanceof LongType) {
            return Literal.ofLong((Long) v);
        } else if (t instanceof FloatType) {
            return Literal.ofFloat((Float) v);
        } else if (t instanceof DoubleType) {
            return Literal.ofDouble((Double) v);
        } else if (t instanceof DecimalType d) {
            return Literal.ofDecimal((BigDecimal) v, d.getPrecision(), d.getScale());
        } else if (t instanceof StringType) {
            return Literal.ofString((String) v);
        } else if (t instanceof BinaryType) {
            ByteBuffer b = ((ByteBuffer) v).duplicate();
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            return Literal.ofBinary(bytes);
        } else if (t instanceof DateType) {
            return Literal.ofDate((int) ((LocalDate) v).toEpochDay());
        } else if (t instanceof TimestampType) {
            return Literal.ofTimestamp(ChronoUnit.MICROS.between(java.time.Instant.EPOCH, ((OffsetDateTime) v).toInstant()));
        } else {
            return Literal.ofTimestampNtz(ChronoUnit.MICROS.between(java.time.Instant.EPOCH, ((LocalDateTime) v).toInstant(ZoneOffset.UTC)));
        }
    }

    private static Type icebergType(StructField field) {
        DataType t = field.getDataType();
        if (t instanceof BooleanType) {
            return Types.BooleanType.get();
        } else if (t instanceof ByteType || t instanceof ShortType || t instanceof IntegerType) {
            return Types.IntegerType.get();
        } else if (t instanceof LongType) {
            return Types.LongType.get();
        } else if (t instanceof FloatType) {
            return Types.FloatType.get();
        } else if (t instanceof DoubleType) {
            return Types.DoubleType.get();
        } else if (t instanceof DecimalType d) {
            return Types.DecimalType.of(d.getPrecision(), d.getScale());
        } else if (t instanceof StringType) {
            return Types.StringType.get();
        } else if (t instanceof BinaryType) {
            return Types.BinaryType.get();
        } else if (t instanceof DateType) {
            return Types.DateType.get();
        } else if (t instanceof TimestampType) {
            return Types.TimestampType.withZone();
        } else if (t instanceof TimestampNTZType) {
            return Types.TimestampType.withoutZone();
        }
        throw new UsageException("--where: column '" + field.getName() + "' is of type " + DeltaValues.typeName(t)
                + "; --where compares columns of simple types");
    }
}
