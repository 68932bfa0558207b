package io.lakesh.output;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Text of one value, for people (aligned, vertical, markdown) or for machines (CSV, TSV, JSON). */
final class Values {
    private static final DateTimeFormatter HUMAN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Values() {
    }

    static String human(Object v, PrintOptions o, Table t) {
        if (v == null) {
            return t.nullText();
        }
        if (v instanceof Bytes b) {
            return o.humanSizes() ? b.human() : Long.toString(b.value());
        }
        if (v instanceof Instant time) {
            return HUMAN_TIME.format(time.atZone(o.zone()));
        }
        return v.toString();
    }

    static String machine(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Instant t) {
            return DateTimeFormatter.ISO_INSTANT.format(t.atOffset(ZoneOffset.UTC));
        }
        return v.toString();
    }
}
