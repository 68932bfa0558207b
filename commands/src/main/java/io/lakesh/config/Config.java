package io.lakesh.config;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * `$LAKESH_HOME/lakesh.conf`, a properties file: `mount./hdfs = hdfs://nn:8020/`, `format = table`,
 * and `hadoop.<key>` entries passed to the Hadoop client (e.g. `hadoop.dfs.replication = 2`).
 */
public final class Config {
    public static final String MOUNT_PREFIX = "mount.";
    public static final String HADOOP_PREFIX = "hadoop.";

    private final Path file;
    private final Properties props = new Properties();

    public Config(Path file) {
        this.file = file;
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                props.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw new io.lakesh.LakeshException("cannot read " + file + ": " + e.getMessage()
                        + " (fix or remove the file)");
            }
        }
    }

    public String get(String key) {
        return props.getProperty(key);
    }

    public String get(String key, String fallback) {
        return props.getProperty(key, fallback);
    }

    /** Entries whose key starts with the prefix, prefix removed, in key order. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        for (String k : props.stringPropertyNames()) {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), props.getProperty(k));
            }
        }
        return out;
    }

    public void set(String key, String value) {
        if (value == null) {
            props.remove(key);
        } else {
            props.setProperty(key, value);
        }
    }

    /** Saves atomically (write a temp file, then rename) so a crash never leaves half a config. */
    public void save() throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Map<String, String> sorted = new LinkedHashMap<>(withPrefix(""));
        try (Writer w = Files.newBufferedWriter(tmp)) {
            w.write("# lakesh configuration (see README.md, Configuration)\n");
            for (Map.Entry<String, String> e : sorted.entrySet()) {
                w.write(escape(e.getKey()) + " = " + e.getValue().replace("\\", "\\\\") + "\n");
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String escape(String key) {
        return key.replace("\\", "\\\\").replace(" ", "\\ ").replace("=", "\\=").replace(":", "\\:");
    }
}
