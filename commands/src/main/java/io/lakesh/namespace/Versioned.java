package io.lakesh.namespace;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** `path@version`: a table at a snapshot, version, tag or time; {@code version} is null without `@`. */
public record Versioned(String path, String version) {

    public static Versioned parse(String arg) {
        int at = arg.lastIndexOf('@');
        if (at <= 0 || arg.indexOf('/', at) >= 0) {
            return new Versioned(arg, null);
        }
        return new Versioned(arg.substring(0, at), arg.substring(at + 1));
    }

    /**
     * The moment a `@` suffix names, in epoch milliseconds, or null when it is no time: `2026-11-24 10:00`
     * (local time), `2026-11-24`, ISO with an offset, or epoch milliseconds (12-13 digits). Iceberg and
     * Delta time travel both read it here.
     */
    public static Long timeMillis(String s) {
        try {
            if (s.matches("\\d{12,13}")) {
                return Long.parseLong(s);
            }
            String t = s.replace(' ', 'T');
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                t += "T00:00";
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d{2}:\\d{2}$")) {
                return OffsetDateTime.parse(t).toInstant().toEpochMilli();
            }
            return LocalDateTime.parse(t).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return version == null ? path : path + "@" + version;
    }
}
