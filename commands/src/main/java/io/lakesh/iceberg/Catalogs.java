package io.lakesh.iceberg;

import io.lakesh.LakeshException;
import io.lakesh.config.Config;
import io.lakesh.config.LakeshHome;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Iceberg catalogs under `/iceberg`: the embedded `lake` (a JDBC catalog in a SQLite file under
 * $LAKESH_HOME, tables in the /local warehouse) and those lakesh.conf defines as
 * `catalog.<name>.type = jdbc|hadoop|rest` plus the catalog's own properties (`catalog.<name>.uri`, …).
 */
public final class Catalogs implements AutoCloseable {
    public static final String EMBEDDED = "lake";
    private static final String PREFIX = "catalog.";

    private final LakeshHome home;
    private final Config config;
    private final java.util.function.Supplier<Configuration> hadoopConf;
    private final Map<String, Catalog> open = new ConcurrentHashMap<>();

    public Catalogs(LakeshHome home, Config config, java.util.function.Supplier<Configuration> hadoopConf) {
        this.home = home;
        this.config = config;
        this.hadoopConf = hadoopConf;
    }

    public List<String> names() {
        TreeSet<String> names = new TreeSet<>();
        names.add(EMBEDDED);
        for (String key : config.withPrefix(PREFIX).keySet()) {
            if (key.endsWith(".type")) {
                names.add(key.substring(0, key.length() - ".type".length()));
            }
        }
        return List.copyOf(names);
    }

    public Configuration hadoopConf() {
        return hadoopConf.get();
    }

    public boolean exists(String name) {
        return names().contains(name);
    }

    public Catalog catalog(String name) {
        if (!exists(name)) {
            throw new LakeshException("no Iceberg catalog '" + name + "' (catalogs: " + String.join(", ", names())
                    + "; add one with catalog.<name>.type in lakesh.conf)");
        }
        Catalog known = open.get(name);
        if (known != null) {
            return known;
        }
        // not computeIfAbsent: a catalog whose server never answers would hold the map's lock, and close() with it
        Catalog made = connect(name);
        Catalog first = open.putIfAbsent(name, made);
        if (first != null) {
            closeOne(made);
            return first;
        }
        return made;
    }

    private Catalog connect(String name) {
        Map<String, String> props = new HashMap<>(config.withPrefix(PREFIX + name + "."));
        if (name.equals(EMBEDDED) && !props.containsKey("type")) {
            props.put("type", "jdbc");
            props.put(CatalogProperties.URI, "jdbc:sqlite:" + home.dir().resolve("catalog.db"));
            props.put(CatalogProperties.WAREHOUSE_LOCATION, home.warehouse().toUri().toString());
            props.put("jdbc.schema-version", "V1");
        }
        if ("jdbc".equals(props.get("type"))) {
            props.putIfAbsent("jdbc.schema-version", "V1"); // the catalog tables Trino reads too
        }
        try {
            return CatalogUtil.buildIcebergCatalog(name, props, hadoopConf.get());
        } catch (RuntimeException e) {
            throw new LakeshException("cannot open Iceberg catalog '" + name + "': " + withRootCause(e), e);
        }
    }

    /** Iceberg wraps connection failures in "Failed to connect: URL": the reason (a refused password, a port) is the root cause's. */
    static String withRootCause(Throwable e) {
        String text = firstLine(e);
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root == e ? null : io.lakesh.command.Errors.firstLine(root);
        return reason == null || text.contains(reason) ? text : text + " (" + reason + ")";
    }

    static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        return io.lakesh.command.Errors.firstLine(t);
    }

    @Override
    public void close() {
        open.values().forEach(Catalogs::closeOne);
        open.clear();
    }

    private static void closeOne(Catalog c) {
        if (c instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                System.err.println("lakesh: closing catalog " + c.name() + ": " + firstLine(e));
            }
        }
    }
}
