package io.lakesh.init;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engines' settings for the inventory's tables: Trino catalog files (through {@link TrinoCatalogFiles},
 * the one renderer), Spark's `spark-defaults.conf` and Flink SQL `CREATE CATALOG` statements. All three
 * name the same Iceberg JDBC catalog ({@link CatalogDatabase#properties}) and Delta tables on the same HDFS.
 */
public final class EngineFiles {
    private EngineFiles() {
    }

    /** `trino/<host>/catalog/<name>.properties` for the coordinator and every worker: iceberg, delta, tpch. */
    public static Map<String, String> trino(Inventory inv) {
        Map<String, String> files = new LinkedHashMap<>();
        for (Inventory.Host h : inv.hosts().values()) {
            if (!h.has("trino-coordinator") && !h.has("trino-worker")) {
                continue;
            }
            new java.util.TreeMap<>(trinoCatalogs(inv, h).files()).forEach((name, text) ->
                    files.put("trino/" + h.name() + "/catalog/" + name + ".properties", header(inv, h, "#") + text));
        }
        return files;
    }

    public static TrinoCatalogFiles trinoCatalogs(Inventory inv, Inventory.Host h) {
        Inventory.CatalogDb db = inv.catalog();
        String conf = h.directory("hadoop-conf");
        List<String> site = List.of(conf + "/core-site.xml", conf + "/hdfs-site.xml");
        return new TrinoCatalogFiles()
                .icebergOnHdfs("iceberg", new TrinoCatalogFiles.IcebergJdbc(db.name(), inv.catalogJdbcUrl(), db.user(),
                        db.password(), inv.defaultFs() + db.warehouse()), site)
                .deltaOnHdfs("delta", inv.defaultFs() + db.deltaMetastore(), site)
                .tpch("tpch");
    }

    /** `spark/<host>/spark-defaults.conf`: the Iceberg catalog as a SparkCatalog, Delta as the session catalog. */
    public static Map<String, String> spark(Inventory inv) {
        Map<String, String> files = new LinkedHashMap<>();
        for (Inventory.Host h : inv.withRole("spark")) {
            files.put("spark/" + h.name() + "/spark-defaults.conf", sparkDefaults(inv, h));
        }
        return files;
    }

    static String sparkDefaults(Inventory inv, Inventory.Host h) {
        String name = inv.catalog().name();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions,"
                + "io.delta.sql.DeltaSparkSessionExtension");
        p.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        p.put("spark.sql.catalog." + name, "org.apache.iceberg.spark.SparkCatalog");
        CatalogDatabase.properties(inv).forEach((k, v) -> p.put("spark.sql.catalog." + name + "." + k, v));
        p.put("spark.hadoop.fs.defaultFS", inv.defaultFs());
        p.put("spark.hadoop.dfs.replication", Integer.toString(inv.replication()));
        int width = p.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder sb = new StringBuilder(header(inv, h, "#"));
        p.forEach((k, v) -> sb.append(String.format("%-" + width + "s  %s%n", k, v)));
        return sb.toString();
    }

    /** `flink/<host>/catalogs.sql`: for the SQL client's init file (`sql-client.sh -i catalogs.sql`). */
    public static Map<String, String> flink(Inventory inv) {
        Map<String, String> files = new LinkedHashMap<>();
        for (Inventory.Host h : inv.withRole("flink")) {
            files.put("flink/" + h.name() + "/catalogs.sql", flinkCatalogs(inv, h));
        }
        return files;
    }

    static String flinkCatalogs(Inventory inv, Inventory.Host h) {
        Map<String, String> iceberg = new LinkedHashMap<>();
        iceberg.put("type", "iceberg");
        // Flink's Iceberg connector knows hive, hadoop and rest by name; JDBC comes in as Iceberg's class
        iceberg.put("catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog");
        CatalogDatabase.properties(inv).forEach((k, v) -> {
            if (!k.equals("type")) {
                iceberg.put(k, v);
            }
        });
        iceberg.put("hadoop-conf-dir", h.directory("hadoop-conf")); // the cluster's replication and NameNode
        Map<String, String> delta = new LinkedHashMap<>();
        delta.put("type", "delta-catalog");
        delta.put("catalog-type", "in-memory");
        delta.put("hadoop-conf-dir", h.directory("hadoop-conf"));
        return header(inv, h, "--") + createCatalog(inv.catalog().name(), iceberg) + "\n" + createCatalog("delta", delta);
    }

    private static String createCatalog(String name, Map<String, String> options) {
        StringBuilder sb = new StringBuilder("CREATE CATALOG ").append(quoteIdentifier(name)).append(" WITH (\n");
        int i = 0;
        for (Map.Entry<String, String> o : options.entrySet()) {
            sb.append("  ").append(quote(o.getKey())).append(" = ").append(quote(o.getValue()))
                    .append(++i < options.size() ? ",\n" : "\n");
        }
        return sb.append(");\n").toString();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String quoteIdentifier(String s) {
        return "`" + s.replace("`", "``") + "`";
    }

    private static String header(Inventory inv, Inventory.Host h, String comment) {
        return comment + " " + HadoopSiteFiles.generatedBy(inv, h) + "\n";
    }
}
