package io.lakesh.iceberg;

import io.lakesh.UsageException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** `--older-than 7d` (an age: ms, s, m, h, d, w) or `--older-than '2026-11-24 10:00'` (a time), as a cutoff in epoch ms. */
public final class OlderThan {
    private static final Pattern AGE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d|w)");

    private OlderThan() {
    }

    public static long cutoff(String text, long nowMillis) {
        Matcher m = AGE.matcher(text.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            long unit = switch (m.group(2)) {
                case "ms" -> 1L;
                case "s" -> 1_000L;
                case "m" -> 60_000L;
                case "h" -> 3_600_000L;
                case "d" -> 86_400_000L;
                default -> 7 * 86_400_000L;
            };
            return nowMillis - n * unit;
        }
        Long time = io.lakesh.namespace.Versioned.timeMillis(text.trim());
        if (time == null) {
            throw new UsageException("--older-than takes an age such as 7d, 12h or 30m, or a time such as '2026-11-24 10:00'; not '" + text + "'");
        }
        return time;
    }
}
