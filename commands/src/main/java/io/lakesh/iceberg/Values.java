package io.lakesh.iceberg;

import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/** Text to Iceberg's Java values (what generic records hold), and back for printing. */
public final class Values {
    private Values() {
    }

    /** Converts one text field; an empty field is null. Throws IllegalArgumentException naming the type. */
    public static Object parse(String text, Type type) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String t = text.trim();
        try {
            return switch (type.typeId()) {
                case BOOLEAN -> switch (t.toLowerCase(Locale.ROOT)) {
                    case "true", "t", "1", "yes" -> true;
                    case "false", "f", "0", "no" -> false;
                    default -> throw new IllegalArgumentException();
                };
                case INTEGER -> Integer.parseInt(t);
                case LONG -> Long.parseLong(t);
                case FLOAT -> Float.parseFloat(t);
                case DOUBLE -> Double.parseDouble(t);
                case DECIMAL -> new BigDecimal(t).setScale(((Types.DecimalType) type).scale(), RoundingMode.UNNECESSARY);
                case STRING -> text;
                case DATE -> LocalDate.parse(t);
                case TIMESTAMP -> ((Types.TimestampType) type).shouldAdjustToUTC()
                        ? parseOffset(t)
                        : LocalDateTime.parse(t.replace(' ', 'T'));
                case BINARY -> ByteBuffer.wrap(t.getBytes(StandardCharsets.UTF_8));
                case UUID -> UUID.fromString(t);
                default -> throw new IllegalArgumentException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a " + type);
        }
    }

    private static OffsetDateTime parseOffset(String t) {
        String s = t.replace(' ', 'T');
        if (s.endsWith("Z") || s.matches(".*[+-]\\d{2}:?\\d{2}$")) {
            return OffsetDateTime.parse(s);
        }
        return LocalDateTime.parse(s).atOffset(ZoneOffset.UTC);
    }

    /** A record's value as printers show it. */
    public static Object display(Object v) {
        if (v instanceof ByteBuffer b) {
            ByteBuffer d = b.duplicate();
            byte[] bytes = new byte[d.remaining()];
            d.get(bytes);
            return "0x" + HexFormat.of().formatHex(bytes);
        }
        if (v instanceof Number || v instanceof Boolean || v == null) {
            return v;
        }
        return v.toString();
    }
}
