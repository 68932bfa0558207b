package io.lakesh.output;

/** A byte count: raw in CSV and JSON, `12.4 MiB` in human formats when asked for (-h). */
public record Bytes(long value) implements Comparable<Bytes> {

    private static final java.util.regex.Pattern SIZE =
            java.util.regex.Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b?)", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** `1073741824`, `512M`, `10 GiB`, `4g`: a size as people write it (units are powers of 1024). */
    public static long parse(String text) {
        java.util.regex.Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new io.lakesh.UsageException("'" + text + "' is not a size; write N with an optional unit k, M, G or T (e.g. 512M)");
        }
        int shift = switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        return Long.parseLong(m.group(1)) << shift;
    }

    public String human() {
        if (value < 1024) {
            return value + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = value;
        int unit = -1;
        while (v >= 1024 && unit < units.length - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[unit]);
    }

    @Override
    public int compareTo(Bytes o) {
        return Long.compare(value, o.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
