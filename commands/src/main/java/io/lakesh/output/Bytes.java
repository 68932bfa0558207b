package io.lakesh.output;

/** A byte count: raw in CSV and JSON, `12.4 MiB` in human formats when asked for (-h). */
public record Bytes(long value) implements Comparable<Bytes> {

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
