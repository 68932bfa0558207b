package io.lakesh.health;

import io.lakesh.LakeshException;
import io.lakesh.config.Config;

import java.util.Map;

/**
 * Warning and critical levels per check, from lakesh.conf (`health.<check>.warning`, `health.<check>.critical`)
 * over the defaults below. A value at or past a level has that status; `live_datanodes` and `active_workers` count down
 * (fewer is worse), every other check up. A level set to `none` switches it off.
 */
public final class Thresholds {
    public static final String PREFIX = "health.";

    /** One check's levels; null means no such level. */
    public record Level(Double warning, Double critical, boolean lowerIsWorse) {
        Status of(double value) {
            if (critical != null && past(value, critical)) {
                return Status.CRITICAL;
            }
            if (warning != null && past(value, warning)) {
                return Status.WARNING;
            }
            return Status.OK;
        }

        private boolean past(double value, double level) {
            return lowerIsWorse ? value <= level : value >= level;
        }
    }

    /** The documented defaults (README, "health"). */
    static final Map<String, Level> DEFAULTS = Map.ofEntries(
            Map.entry("live_datanodes", new Level(null, 0.0, true)),
            Map.entry("dead_datanodes", new Level(1.0, null, false)),
            Map.entry("under_replicated_blocks", new Level(1.0, null, false)),
            Map.entry("missing_blocks", new Level(null, 1.0, false)),
            Map.entry("corrupt_blocks", new Level(null, 1.0, false)),
            Map.entry("capacity_used_percent", new Level(80.0, 90.0, false)),
            Map.entry("active_workers", new Level(null, 0.0, true)),
            Map.entry("probe_query_millis", new Level(null, null, false)),
            Map.entry("small_file_ratio", new Level(0.5, null, false)),
            Map.entry("snapshots", new Level(100.0, null, false)),
            Map.entry("versions", new Level(null, null, false)),
            Map.entry("last_commit_age_seconds", new Level(null, null, false)),
            Map.entry("missing_files", new Level(null, 1.0, false)),
            Map.entry("orphan_bytes", new Level(null, null, false)));

    private final Config config;

    /** The settings that are not levels of one check. */
    static final java.util.Set<String> SETTINGS = java.util.Set.of("timeout", "small_file_bytes", "small_file_min_files");

    /** Reads every `health.*` entry now, so a typo fails the whole run before any check, naming the line. */
    public Thresholds(Config config) {
        this.config = config;
        for (Map.Entry<String, String> e : config.withPrefix(PREFIX).entrySet()) {
            String key = e.getKey();
            int dot = key.lastIndexOf('.');
            boolean level = dot > 0 && DEFAULTS.containsKey(key.substring(0, dot))
                    && (key.endsWith(".warning") || key.endsWith(".critical"));
            if (!level && !SETTINGS.contains(key)) {
                throw new LakeshException("lakesh.conf: " + PREFIX + key + " is not a health setting (levels are health.<check>.warning"
                        + " or .critical for " + String.join(", ", new java.util.TreeSet<>(DEFAULTS.keySet()))
                        + "; settings: " + String.join(", ", new java.util.TreeSet<>(SETTINGS)) + ")");
            }
            if (level) {
                number(key.substring(0, dot), key.substring(dot + 1), null);
            } else {
                setting(key, 0);
            }
        }
    }

    /** The status of a measured value; checks without levels are OK whatever they measure. */
    public Status status(String check, double value) {
        return level(check).of(value);
    }

    Level level(String check) {
        Level d = DEFAULTS.getOrDefault(check, new Level(null, null, false));
        return new Level(number(check, "warning", d.warning()), number(check, "critical", d.critical()), d.lowerIsWorse());
    }

    /** A setting of the health checks other than a level (`health.timeout`, `health.small_file_bytes`). */
    public double setting(String name, double fallback) {
        String text = config.get(PREFIX + name);
        return text == null ? fallback : parse(PREFIX + name, text, "");
    }

    private Double number(String check, String which, Double fallback) {
        String key = PREFIX + check + "." + which;
        String text = config.get(key);
        if (text == null) {
            return fallback;
        }
        return text.trim().equalsIgnoreCase("none") ? null : parse(key, text, " (or none)");
    }

    private static double parse(String key, String text, String orElse) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new LakeshException("lakesh.conf: " + key + " = " + text + " is not a number; write e.g. "
                    + key + " = 5" + orElse);
        }
    }
}
