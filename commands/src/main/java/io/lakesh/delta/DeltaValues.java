package io.lakesh.delta;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.MapValue;
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

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kernel column values as the Java values Iceberg's generic records hold (LocalDate, OffsetDateTime,
 * LocalDateTime, BigDecimal, ByteBuffer, lists, maps), so that both formats print through one
 * {@code Values.display}; and Delta type names as Delta writes them in its schema.
 */
final class DeltaValues {
    private DeltaValues() {
    }

    static Object value(ColumnVector v, int row) {
        if (v.isNullAt(row)) {
            return null;
        }
        DataType t = v.getDataType();
        if (t instanceof BooleanType) {
            return v.getBoolean(row);
        } else if (t instanceof ByteType) {
            return v.getByte(row);
        } else if (t instanceof ShortType) {
            return v.getShort(row);
        } else if (t instanceof IntegerType) {
            return v.getInt(row);
        } else if (t instanceof LongType) {
            return v.getLong(row);
        } else if (t instanceof FloatType) {
            return v.getFloat(row);
        } else if (t instanceof DoubleType) {
            return v.getDouble(row);
        } else if (t instanceof StringType) {
            return v.getString(row);
        } else if (t instanceof BinaryType) {
            return ByteBuffer.wrap(v.getBinary(row));
        } else if (t instanceof DecimalType) {
            return v.getDecimal(row);
        } else if (t instanceof DateType) {
            return LocalDate.ofEpochDay(v.getInt(row));
        } else if (t instanceof TimestampType) {
            return Instant.EPOCH.plus(v.getLong(row), ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        } else if (t instanceof TimestampNTZType) {
            return LocalDateTime.ofInstant(Instant.EPOCH.plus(v.getLong(row), ChronoUnit.MICROS), ZoneOffset.UTC);
        } else if (t instanceof StructType s) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < s.length(); i++) {
                out.put(s.at(i).getName(), value(v.getChild(i), row));
            }
            return out;
        } else if (t instanceof ArrayType) {
            ArrayValue a = v.getArray(row);
            List<Object> out = new ArrayList<>(a.getSize());
            for (int i = 0; i < a.getSize(); i++) {
                out.add(value(a.getElements(), i));
            }
            return out;
        } else if (t instanceof MapType) {
            MapValue m = v.getMap(row);
            Map<Object, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < m.getSize(); i++) {
                out.put(value(m.getKeys(), i), value(m.getValues(), i));
            }
            return out;
        }
        throw new io.lakesh.LakeshException("cannot show values of Delta type " + typeName(t));
    }

    /** `string`, `decimal(10,2)`, `array<long>`, `struct<a: int>`: the names Delta's schema JSON uses. */
    static String typeName(DataType t) {
        if (t instanceof DecimalType d) {
            return "decimal(" + d.getPrecision() + "," + d.getScale() + ")";
        } else if (t instanceof ArrayType a) {
            return "array<" + typeName(a.getElementType()) + ">";
        } else if (t instanceof MapType m) {
            return "map<" + typeName(m.getKeyType()) + "," + typeName(m.getValueType()) + ">";
        } else if (t instanceof StructType s) {
            List<String> fields = new ArrayList<>();
            for (StructField f : s.fields()) {
                fields.add(f.getName() + ": " + typeName(f.getDataType()));
            }
            return "struct<" + String.join(", ", fields) + ">";
        }
        return t.toString();
    }
}
