package io.lakesh.init;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one renderer of Trino catalog files (`etc/catalog/<name>.properties`), used by the tests' server, the
 * recipes and bench alike, so every Trino that lakesh sets up sees the same tables the same way.
 */
public final class TrinoCatalogFiles {
    private final Map<String, String> files = new TreeMap<>();

    /** An Iceberg JDBC catalog (the one lakesh shares with Trino); the password may be null. */
    public record IcebergJdbc(String catalogName, String jdbcUrl, String user, String password, String warehouse) {
        /** `password` stays out of toString: settings get printed in plans and errors. */
        @Override
        public String toString() {
            return "IcebergJdbc[" + catalogName + " at " + jdbcUrl + " as " + user + ", warehouse " + warehouse + "]";
        }
    }

    /** TPC-H generated on the fly (`tpch.tiny`, `tpch.sf1`, …): data for tests and benchmarks. */
    public TrinoCatalogFiles tpch(String name) {
        return add(name, """
                connector.name=tpch
                """);
    }

    /** Tables in Trino's memory, gone when the server stops. */
    public TrinoCatalogFiles memory(String name) {
        return add(name, """
                connector.name=memory
                """);
    }

    /**
     * Delta tables on local files or HDFS with a file metastore; tables lakesh knows are registered by path
     * (`CALL <name>.system.register_table(...)`). Trino 476 commits a second version of a Delta table only on object
     * stores (it has log synchronizers for s3, gs and abfs alone): on HDFS and local files it creates tables (CREATE,
     * CTAS, CREATE OR REPLACE) and reads them, and refuses INSERT, DELETE and UPDATE with its own message.
     */
    public TrinoCatalogFiles delta(String name, Path metastoreDir) {
        return add(name, """
                connector.name=delta_lake
                hive.metastore=file
                hive.metastore.catalog.dir=local://%s
                delta.register-table-procedure.enabled=true
                %s""".formatted(metastoreDir.toAbsolutePath(), FILE_SYSTEMS));
    }

    /**
     * Delta tables on HDFS, their file metastore on HDFS too ({@code metastoreUri} is `hdfs://…`); Trino reads
     * the cluster's core-site.xml and hdfs-site.xml ({@code hadoopSiteFiles}, paths on the Trino nodes).
     */
    public TrinoCatalogFiles deltaOnHdfs(String name, String metastoreUri, java.util.List<String> hadoopSiteFiles) {
        return add(name, """
                connector.name=delta_lake
                hive.metastore=file
                hive.metastore.catalog.dir=%s
                delta.register-table-procedure.enabled=true
                %s""".formatted(metastoreUri, hadoopFiles(hadoopSiteFiles)));
    }

    /** Iceberg tables of a JDBC catalog; Trino does not create the catalog's tables, Iceberg's JdbcCatalog does. */
    public TrinoCatalogFiles iceberg(String name, IcebergJdbc jdbc) {
        return iceberg(name, jdbc, FILE_SYSTEMS);
    }

    /** As {@link #iceberg(String, IcebergJdbc)}, with table files on HDFS (the warehouse is `hdfs://…`). */
    public TrinoCatalogFiles icebergOnHdfs(String name, IcebergJdbc jdbc, java.util.List<String> hadoopSiteFiles) {
        return iceberg(name, jdbc, hadoopFiles(hadoopSiteFiles));
    }

    /** Trino's HDFS file system with the cluster's site files (which carry the cluster's replication). */
    private static String hadoopFiles(java.util.List<String> siteFiles) {
        return "fs.hadoop.enabled=true\nhive.config.resources=" + String.join(",", siteFiles) + "\n";
    }

    private TrinoCatalogFiles iceberg(String name, IcebergJdbc jdbc, String fileSystem) {
        StringBuilder text = new StringBuilder()
                .append("connector.name=iceberg\n")
                .append("iceberg.catalog.type=jdbc\n")
                .append("iceberg.jdbc-catalog.schema-version=V1\n") // the layout lakesh's JdbcCatalog writes
                .append("iceberg.jdbc-catalog.catalog-name=").append(jdbc.catalogName()).append('\n')
                .append("iceberg.jdbc-catalog.driver-class=").append(driverOf(jdbc.jdbcUrl())).append('\n')
                .append("iceberg.jdbc-catalog.connection-url=").append(jdbc.jdbcUrl()).append('\n')
                .append("iceberg.jdbc-catalog.connection-user=").append(jdbc.user()).append('\n');
        if (jdbc.password() != null) {
            text.append("iceberg.jdbc-catalog.connection-password=").append(jdbc.password()).append('\n');
        }
        text.append("iceberg.jdbc-catalog.default-warehouse-dir=").append(jdbc.warehouse()).append('\n')
                .append(fileSystem);
        return add(name, text.toString());
    }

    /**
     * Trino's native file system for local paths (`local.location=/` makes `local:///x` and `file:///x` the file /x)
     * and Hadoop's for `hdfs://` tables, whose locations name their NameNode.
     */
    private static final String FILE_SYSTEMS = """
            fs.native-local.enabled=true
            local.location=/
            fs.hadoop.enabled=true
            """;

    private static String driverOf(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return "org.postgresql.Driver";
        }
        throw new IllegalArgumentException("Trino's Iceberg JDBC catalog here takes PostgreSQL, not " + jdbcUrl);
    }

    private TrinoCatalogFiles add(String name, String text) {
        files.put(name, text);
        return this;
    }

    /** Catalog name to file text. */
    public Map<String, String> files() {
        return Map.copyOf(files);
    }

    /** Writes the files into a catalog directory, replacing catalogs of the same names. */
    public void write(Path catalogDir) throws IOException {
        Files.createDirectories(catalogDir);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(catalogDir.resolve(f.getKey() + ".properties"), f.getValue());
        }
    }
}
