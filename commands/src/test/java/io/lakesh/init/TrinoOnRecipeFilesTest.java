package io.lakesh.init;

import io.lakesh.config.Config;
import io.lakesh.testing.HdfsCluster;
import io.lakesh.testing.PostgresServer;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine is here, so it is started: a real Trino on the catalog files and HDFS site files the recipes
 * generate, over the catalog database the recipe made in a real PostgreSQL and the tables on MiniDFSCluster.
 * Trino reads a table Iceberg's JdbcCatalog made, writes rows into it, and its files get replication 2 from
 * the generated hdfs-site.xml.
 */
class TrinoOnRecipeFilesTest {
    @TempDir
    Path dir;

    @Test
    void trinoQueriesAndWritesTheRecipesTablesWithTheClustersReplication() throws Exception {
        Path install;
        Path java;
        try {
            java = TrinoLocal.findJava();
            install = TrinoLocal.install(TrinoLocal.localRepository());
        } catch (TrinoLocal.Unavailable e) {
            Assumptions.abort("skipped: " + e.getMessage());
            return;
        }
        PostgresServer postgres = PostgresServer.shared();
        HdfsCluster hdfs = HdfsCluster.shared();
        String id = "t" + ProcessHandle.current().pid();
        Path inventory = dir.resolve("inventory.yaml");
        Files.writeString(inventory, """
                replication: 2
                defaults:
                  directories: {hadoop-conf: %1$s/conf}
                hosts:
                  127.0.0.1:
                    roles: [namenode, datanode, postgres, trino-coordinator]
                    ports: {namenode-rpc: %2$d, postgres: %3$d}
                  localhost:
                    address: 127.0.0.2
                    roles: [datanode]
                catalog:
                  name: %4$s
                  database: trino_%4$s
                  user: trino_%4$s
                  password: pw
                  admin-user: %5$s
                  admin-password: %6$s
                  warehouse: /%4$s/iceberg
                  delta-metastore: /%4$s/metastore
                warehouse:
                  /%4$s: {mode: "755"}
                  /%4$s/iceberg: {mode: "755"}
                  /%4$s/metastore: {mode: "755"}
                """.formatted(dir, hdfs.cluster().getNameNodePort(), postgres.port(), id, PostgresServer.USER, PostgresServer.PASSWORD));
        Inventory inv = Inventory.load(inventory, Map.of());
        Config config = new Config(dir.resolve("lakesh.conf"));

        // the recipes' own steps, through the recipe model: the node's HDFS files into its hadoop-conf folder
        Map<Path, String> siteFiles = new java.util.LinkedHashMap<>();
        HadoopSiteFiles.render(inv).forEach((name, text) -> {
            if (name.startsWith("hadoop/127.0.0.1/")) {
                siteFiles.put(dir.resolve("conf").resolve(name.substring("hadoop/127.0.0.1/".length())), text);
            }
        });
        Recipe recipe = new Recipe("trino-test").add(GeneratedFiles.step("hadoop config", siteFiles, false));
        try (WarehouseLayout layout = new WarehouseLayout(inv, config)) {
            layout.steps().forEach(recipe::add);
            CatalogDatabase database = new CatalogDatabase(inv, config);
            database.steps().forEach(recipe::add);
            recipe.apply(new PrintWriter(new StringWriter()), changes -> false);

            Catalog catalog = database.catalog();
            ((SupportsNamespaces) catalog).createNamespace(Namespace.of("sales"));
            catalog.createTable(TableIdentifier.of("sales", "orders"), new Schema(
                    Types.NestedField.optional(1, "id", Types.LongType.get()),
                    Types.NestedField.optional(2, "region", Types.StringType.get())));
            if (catalog instanceof AutoCloseable c) {
                c.close();
            }
        }

        try (TrinoLocal trino = TrinoLocal.start(install, java, dir.resolve("trino"), EngineFiles.trinoCatalogs(inv, inv.the("trino-coordinator")))) {
            trino.awaitReady(Duration.ofSeconds(240));
            Properties user = new Properties();
            user.setProperty("user", "lakesh");
            try (Connection c = DriverManager.getConnection(trino.jdbcUrl(), user); Statement s = c.createStatement()) {
                s.execute("INSERT INTO iceberg.sales.orders VALUES (1, 'EU'), (2, 'US'), (3, 'EU')");
                assertEquals(List.of("EU|2", "US|1"), rows(s, "SELECT region, count(*) FROM iceberg.sales.orders GROUP BY 1 ORDER BY 1"));
                assertEquals(List.of("25"), rows(s, "SELECT count(*) FROM tpch.tiny.nation"));
                s.execute("CREATE SCHEMA delta.d WITH (location = '" + inv.defaultFs() + "/" + id + "/delta-d')");
                assertTrue(rows(s, "SHOW SCHEMAS FROM delta").contains("d"), "the Delta catalog's file metastore lives on HDFS");
            }
        }
        try (FileSystem fs = hdfs.fs()) {
            List<Short> replication = new ArrayList<>();
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(new org.apache.hadoop.fs.Path("/" + id + "/iceberg/sales/orders/data"), true);
            while (files.hasNext()) {
                replication.add(files.next().getReplication());
            }
            assertTrue(!replication.isEmpty() && replication.stream().allMatch(r -> r == 2), "Trino's data files: " + replication);
        }
    }

    private static List<String> rows(Statement s, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (ResultSet r = s.executeQuery(sql)) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    sb.append(i > 1 ? "|" : "").append(r.getString(i));
                }
                rows.add(sb.toString());
            }
        }
        return rows;
    }
}
