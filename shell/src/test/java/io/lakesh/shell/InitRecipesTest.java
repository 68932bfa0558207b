package io.lakesh.shell;

import io.lakesh.config.LakeshHome;
import io.lakesh.testing.HdfsCluster;
import io.lakesh.testing.PostgresServer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recipes of lakefs-init/ run as `lakesh init …` and `lakesh -f …` against a real HDFS (MiniDFSCluster) and
 * a real PostgreSQL: plan, apply, apply again (nothing to change), the generated files read back by the real
 * libraries, a bad inventory refused, a failing step reported and applied again.
 */
class InitRecipesTest {
    static final Path ROOT = Path.of(System.getProperty("lakesh.root", "..")).toAbsolutePath().normalize();
    static final AtomicInteger RUNS = new AtomicInteger();

    static HdfsCluster hdfs;
    static PostgresServer postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        postgres = PostgresServer.shared(); // skips the tests, naming what is missing, where PostgreSQL cannot run
        hdfs = HdfsCluster.shared();
    }

    /** Two hosts on this machine (127.0.0.1 and localhost) so that replication 2 has its two datanodes. */
    private Path inventory(String id, String extraWarehouse) throws Exception {
        String yaml = """
                cluster: test
                replication: 2
                defaults:
                  directories:
                    namenode: %1$s/nn
                    datanode: %1$s/dn
                    hadoop-conf: %1$s/conf
                hosts:
                  127.0.0.1:
                    rack: /r1
                    roles: [namenode, datanode, postgres, trino-coordinator, spark, flink]
                    ports: {namenode-rpc: %2$d, postgres: %3$d}
                  localhost:
                    address: 127.0.0.2
                    rack: /r2
                    roles: [datanode, trino-worker]
                    ports: {datanode: 19866}
                catalog:
                  name: lh%4$s
                  database: catalog_%4$s
                  user: iceberg_%4$s
                  password: secret-%4$s
                  admin-user: %5$s
                  admin-password: %6$s
                  warehouse: /r%4$s/warehouse/iceberg
                  delta-metastore: /r%4$s/warehouse/trino-metastore
                warehouse:
                  /r%4$s: {mode: "755"}
                  /r%4$s/warehouse: {owner: hdfs, group: lakehouse, mode: "755"}
                  /r%4$s/warehouse/iceberg: {owner: lakesh, group: lakehouse, mode: "775", space-quota: 10g}
                  /r%4$s/warehouse/trino-metastore: {owner: trino, group: lakehouse, mode: "770", namespace-quota: 1000}
                %7$s""".formatted(dir, hdfs.cluster().getNameNodePort(), postgres.port(), id, PostgresServer.USER,
                PostgresServer.PASSWORD, extraWarehouse);
        Path file = dir.resolve("inventory.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private MainRun lakesh(LakeshHome home, String... args) {
        return MainRun.of(home, "", args);
    }

    @Test
    void setupPlansAppliesAndFindsNothingToChangeTheSecondTime() throws Exception {
        String id = ProcessHandle.current().pid() + "_" + RUNS.incrementAndGet();
        Path inv = inventory(id, "");
        Path out = dir.resolve("out");
        LakeshHome home = new LakeshHome(dir.resolve("home")).ensureCreated();
        String[] common = {"--inventory", inv.toString(), "--out", out.toString()};

        MainRun list = lakesh(home, "init", "--list", "--format", "csv");
        assertEquals(0, list.status(), list.err());
        assertTrue(list.out().contains("\nsetup,\"the whole reference lakehouse from one inventory (HDFS configs, warehouse, Iceberg catalog, Trino, Spark, Flink)\"\n"), list.out());
        assertTrue(list.out().contains("\nwarehouse,\"the warehouse directories on HDFS with their owners, permissions and quotas\"\n"), list.out());

        MainRun plan = lakesh(home, concat(new String[] {"init", "setup", "--plan"}, common));
        assertEquals(0, plan.status(), plan.err());
        String planned = plan.out().replace(dir.toString(), "DIR").replace(id, "ID")
                .replace(":" + hdfs.cluster().getNameNodePort() + "/", ":NN/").replace(":" + postgres.port() + "/", ":PG/");
        assertEquals("""
                recipe setup: 2 hosts of test from DIR/inventory.yaml; files under DIR/out
                [1/14] hadoop config 127.0.0.1: would change
                    + write DIR/out/hadoop/127.0.0.1/core-site.xml (16 lines)
                    + write DIR/out/hadoop/127.0.0.1/hdfs-site.xml (36 lines)
                    + write DIR/out/hadoop/127.0.0.1/workers (2 lines)
                    + write DIR/out/hadoop/127.0.0.1/topology.table (3 lines)
                [2/14] hadoop config localhost: would change
                    + write DIR/out/hadoop/localhost/core-site.xml (16 lines)
                    + write DIR/out/hadoop/localhost/hdfs-site.xml (32 lines)
                    + write DIR/out/hadoop/localhost/workers (2 lines)
                    + write DIR/out/hadoop/localhost/topology.table (3 lines)
                [3/14] hdfs /rID: would change
                    + mkdir /rID (mode 755)
                [4/14] hdfs /rID/warehouse: would change
                    + mkdir /rID/warehouse (owner hdfs:lakehouse, mode 755)
                [5/14] hdfs /rID/warehouse/iceberg: would change
                    + mkdir /rID/warehouse/iceberg (owner lakesh:lakehouse, mode 775, space quota 10.0 GiB)
                [6/14] hdfs /rID/warehouse/trino-metastore: would change
                    + mkdir /rID/warehouse/trino-metastore (owner trino:lakehouse, mode 770, namespace quota 1000)
                [7/14] postgres role iceberg_ID: would change
                    + create role iceberg_ID (login, with the inventory's password)
                [8/14] postgres database catalog_ID: would change
                    + create database catalog_ID owned by iceberg_ID
                [9/14] iceberg catalog tables: would change
                    + create iceberg_tables and iceberg_namespace_properties in catalog_ID (Iceberg's JdbcCatalog, V1)
                [10/14] lakesh.conf catalog lhID: would change
                    + catalog.lhID.type = jdbc in lakesh.conf
                    + catalog.lhID.uri = jdbc:postgresql://127.0.0.1:PG/catalog_ID in lakesh.conf
                    + catalog.lhID.jdbc.user = iceberg_ID in lakesh.conf
                    + catalog.lhID.jdbc.password = (the inventory's password) in lakesh.conf
                    + catalog.lhID.jdbc.schema-version = V1 in lakesh.conf
                    + catalog.lhID.warehouse = hdfs://127.0.0.1:NN/rID/warehouse/iceberg in lakesh.conf
                [11/14] trino catalogs 127.0.0.1: would change
                    + write DIR/out/trino/127.0.0.1/catalog/delta.properties (7 lines)
                    + write DIR/out/trino/127.0.0.1/catalog/iceberg.properties (12 lines)
                    + write DIR/out/trino/127.0.0.1/catalog/tpch.properties (2 lines)
                [12/14] trino catalogs localhost: would change
                    + write DIR/out/trino/localhost/catalog/delta.properties (7 lines)
                    + write DIR/out/trino/localhost/catalog/iceberg.properties (12 lines)
                    + write DIR/out/trino/localhost/catalog/tpch.properties (2 lines)
                [13/14] spark defaults 127.0.0.1: would change
                    + write DIR/out/spark/127.0.0.1/spark-defaults.conf (12 lines)
                [14/14] flink catalogs 127.0.0.1: would change
                    + write DIR/out/flink/127.0.0.1/catalogs.sql (17 lines)
                14 of 14 steps would change; --apply makes the changes
                """, planned);
        assertFalse(planned.contains("secret-"), "plans never show passwords");
        assertFalse(Files.exists(out), "a plan changes nothing");
        try (FileSystem fs = hdfs.fs()) {
            assertFalse(fs.exists(new org.apache.hadoop.fs.Path("/r" + id)));
        }

        MainRun apply = lakesh(home, concat(new String[] {"init", "setup", "--apply"}, common));
        assertEquals(0, apply.status(), apply.err() + apply.out());
        assertTrue(apply.out().endsWith("applied 14 of 14 steps\n"), apply.out());

        MainRun again = lakesh(home, concat(new String[] {"init", "setup", "--apply"}, common));
        assertEquals(0, again.status(), again.err());
        assertTrue(again.out().endsWith("nothing to change (14 steps done)\n"), again.out());
        assertEquals(14, Pattern.compile("^\\[\\d+/14] .*: ok$", Pattern.MULTILINE).matcher(again.out()).results().count(), again.out());

        // the same recipe as a script, the form the README shows
        MainRun script = lakesh(home, concat(new String[] {"-f", ROOT.resolve("lakefs-init/setup.groovy").toString(), "--plan"}, common));
        assertEquals(0, script.status(), script.err());
        assertTrue(script.out().endsWith("nothing to change (14 steps done)\n"), script.out());

        checkHadoopFiles(out, id);
        checkWarehouse(id);
        checkCatalogs(home, out, id);
    }

    private void checkHadoopFiles(Path out, String id) throws Exception {
        Configuration nn = new Configuration(false);
        nn.addResource(new org.apache.hadoop.fs.Path(out.resolve("hadoop/127.0.0.1/core-site.xml").toUri()));
        nn.addResource(new org.apache.hadoop.fs.Path(out.resolve("hadoop/127.0.0.1/hdfs-site.xml").toUri()));
        assertEquals(hdfs.uri().toString(), nn.get("fs.defaultFS") + "/");
        assertEquals(2, nn.getInt("dfs.replication", 0));
        assertEquals("file://" + dir + "/nn", nn.get("dfs.namenode.name.dir"));
        assertEquals("file://" + dir + "/dn", nn.get("dfs.datanode.data.dir"));
        assertEquals("0.0.0.0:9866", nn.get("dfs.datanode.address"));
        assertEquals("org.apache.hadoop.net.TableMapping", nn.get("net.topology.node.switch.mapping.impl"));

        Configuration worker = new Configuration(false);
        worker.addResource(new org.apache.hadoop.fs.Path(out.resolve("hadoop/localhost/hdfs-site.xml").toUri()));
        assertEquals("0.0.0.0:19866", worker.get("dfs.datanode.address"));
        assertEquals(null, worker.get("dfs.namenode.name.dir"), "a datanode gets no namenode directories");
        assertEquals("127.0.0.1\nlocalhost\n", Files.readString(out.resolve("hadoop/localhost/workers")));
        assertEquals("127.0.0.1 /r1\nlocalhost /r2\n127.0.0.2 /r2\n", Files.readString(out.resolve("hadoop/localhost/topology.table")));

        // Hadoop's own rack mapping reads the generated table
        Files.createDirectories(dir.resolve("conf"));
        Files.copy(out.resolve("hadoop/127.0.0.1/topology.table"), dir.resolve("conf/topology.table"));
        org.apache.hadoop.net.TableMapping mapping = new org.apache.hadoop.net.TableMapping();
        mapping.setConf(nn);
        assertEquals(List.of("/r2", "/r1"), mapping.resolve(List.of("127.0.0.2", "127.0.0.1")));
    }

    private void checkWarehouse(String id) throws Exception {
        try (FileSystem fs = hdfs.fs()) {
            FileStatus iceberg = fs.getFileStatus(new org.apache.hadoop.fs.Path("/r" + id + "/warehouse/iceberg"));
            assertEquals("lakesh", iceberg.getOwner());
            assertEquals("lakehouse", iceberg.getGroup());
            assertEquals("rwxrwxr-x", iceberg.getPermission().toString());
            assertEquals(10L << 30, fs.getQuotaUsage(iceberg.getPath()).getSpaceQuota());
            FileStatus metastore = fs.getFileStatus(new org.apache.hadoop.fs.Path("/r" + id + "/warehouse/trino-metastore"));
            assertEquals("rwxrwx---", metastore.getPermission().toString());
            assertEquals(1000, fs.getQuotaUsage(metastore.getPath()).getQuota());
        }
    }

    private void checkCatalogs(LakeshHome home, Path out, String id) throws Exception {
        // the catalog in lakesh.conf works: a table made through lakesh ...
        MainRun create = lakesh(home, "-c", "create table /iceberg/lh" + id + "/sales/orders (id bigint, region string)");
        assertEquals(0, create.status(), create.err());

        // ... is the table Spark's settings open with Iceberg's CatalogUtil
        Map<String, String> spark = sparkCatalog(out.resolve("spark/127.0.0.1/spark-defaults.conf"), "lh" + id);
        assertEquals("jdbc", spark.get("type"));
        assertEquals("V1", spark.get("jdbc.schema-version"));
        Catalog fromSpark = CatalogUtil.buildIcebergCatalog("lh" + id, spark, hdfs.conf());
        assertEquals(List.of(Namespace.of("sales")), ((SupportsNamespaces) fromSpark).listNamespaces());
        assertEquals(hdfs.uri() + "r" + id + "/warehouse/iceberg/sales/orders",
                fromSpark.loadTable(TableIdentifier.of("sales", "orders")).location());
        close(fromSpark);

        // ... and the one Flink's CREATE CATALOG names
        Map<String, String> flink = flinkOptions(Files.readString(out.resolve("flink/127.0.0.1/catalogs.sql")), "lh" + id);
        assertEquals("iceberg", flink.remove("type"));
        assertEquals(dir + "/conf", flink.remove("hadoop-conf-dir"));
        Catalog fromFlink = CatalogUtil.buildIcebergCatalog("lh" + id, flink, hdfs.conf());
        assertEquals("id", fromFlink.loadTable(TableIdentifier.of("sales", "orders")).schema().columns().get(0).name());
        close(fromFlink);

        // Trino's catalog files, read as Trino reads them (Java properties), on coordinator and worker alike
        for (String host : List.of("127.0.0.1", "localhost")) {
            Properties iceberg = properties(out.resolve("trino/" + host + "/catalog/iceberg.properties"));
            assertEquals("iceberg", iceberg.getProperty("connector.name"));
            assertEquals("jdbc", iceberg.getProperty("iceberg.catalog.type"));
            assertEquals("lh" + id, iceberg.getProperty("iceberg.jdbc-catalog.catalog-name"));
            assertEquals(postgres.jdbcUrl("catalog_" + id), iceberg.getProperty("iceberg.jdbc-catalog.connection-url"));
            assertEquals("V1", iceberg.getProperty("iceberg.jdbc-catalog.schema-version"));
            assertEquals("true", iceberg.getProperty("fs.hadoop.enabled"));
            assertEquals(dir + "/conf/core-site.xml," + dir + "/conf/hdfs-site.xml", iceberg.getProperty("hive.config.resources"));
            Properties delta = properties(out.resolve("trino/" + host + "/catalog/delta.properties"));
            assertEquals("delta_lake", delta.getProperty("connector.name"));
            assertEquals("true", delta.getProperty("delta.register-table-procedure.enabled"));
            assertEquals(hdfs.uri() + "r" + id + "/warehouse/trino-metastore", delta.getProperty("hive.metastore.catalog.dir"));
            assertEquals("tpch", properties(out.resolve("trino/" + host + "/catalog/tpch.properties")).getProperty("connector.name"));
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(out.resolve("trino/" + host + "/catalog/iceberg.properties"))));
        }

        // the catalog's own login works with the inventory's password
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("catalog_" + id), "iceberg_" + id, "secret-" + id)) {
            assertTrue(c.isValid(5));
        }
    }

    @Test
    void aBadInventoryIsRefusedInOneLineBeforeAnythingChanges() throws Exception {
        String id = ProcessHandle.current().pid() + "_" + RUNS.incrementAndGet();
        Path inv = inventory(id, "");
        Files.writeString(inv, Files.readString(inv).replace("roles: [datanode, trino-worker]", "roles: [datanode, trino-wroker]"));
        LakeshHome home = new LakeshHome(dir.resolve("home")).ensureCreated();
        Path out = dir.resolve("out");
        MainRun run = lakesh(home, "init", "setup", "--inventory", inv.toString(), "--out", out.toString(), "--apply");
        assertEquals(1, run.status());
        assertEquals("", run.out());
        assertEquals("init: inventory.yaml:16: host localhost: unknown role 'trino-wroker' (did you mean 'trino-worker'?) (known roles: "
                + "namenode, datanode, postgres, trino-coordinator, trino-worker, spark, flink)\n", run.err());
        assertFalse(Files.exists(out));
        try (FileSystem fs = hdfs.fs()) {
            assertFalse(fs.exists(new org.apache.hadoop.fs.Path("/r" + id)));
        }
    }

    @Test
    void aFailingStepStopsWithItsNameAndWhatWasDoneAndApplyingAgainFinishes() throws Exception {
        String id = ProcessHandle.current().pid() + "_" + RUNS.incrementAndGet();
        // a file where the layout wants a directory's parent: that step fails in HDFS itself
        Path inv = inventory(id, "  /r" + id + "/blocked/sub: {mode: \"755\"}\n");
        LakeshHome home = new LakeshHome(dir.resolve("home")).ensureCreated();
        try (FileSystem fs = hdfs.fs()) {
            fs.create(new org.apache.hadoop.fs.Path("/r" + id + "/blocked")).close();
        }
        String[] args = {"init", "warehouse", "--inventory", inv.toString(), "--out", dir.resolve("out").toString(), "--apply"};
        MainRun failed = lakesh(home, args);
        assertEquals(1, failed.status(), failed.out());
        assertTrue(failed.err().startsWith("init: step 'hdfs /r" + id + "/blocked/sub' failed: "), failed.err());
        assertTrue(failed.err().endsWith("; done before it: hdfs /r" + id + "/warehouse, hdfs /r" + id + "/warehouse/iceberg, hdfs /r"
                + id + "/warehouse/trino-metastore; fix it and apply again\n"), failed.err());
        assertEquals(1, failed.err().lines().count(), failed.err());

        try (FileSystem fs = hdfs.fs()) {
            fs.delete(new org.apache.hadoop.fs.Path("/r" + id + "/blocked"), false);
        }
        MainRun again = lakesh(home, args);
        assertEquals(0, again.status(), again.err());
        assertTrue(again.out().contains("[1/5] hdfs /r" + id + ": ok\n"), again.out());
        assertTrue(again.out().endsWith("applied 1 of 5 steps\n"), again.out());
    }

    @Test
    void hdfsConfigPlanTranscript() throws Exception {
        String id = ProcessHandle.current().pid() + "_" + RUNS.incrementAndGet();
        Path inv = inventory(id, "");
        Path out = dir.resolve("out");
        LakeshHome home = new LakeshHome(dir.resolve("home")).ensureCreated();
        MainRun plan = lakesh(home, "init", "hdfs-config", "--inventory", inv.toString(), "--out", out.toString());
        assertEquals(0, plan.status(), plan.err());
        assertEquals("""
                recipe hdfs-config: 2 hosts of test from INV; files under OUT
                [1/2] hadoop config 127.0.0.1: would change
                    + write OUT/hadoop/127.0.0.1/core-site.xml (16 lines)
                    + write OUT/hadoop/127.0.0.1/hdfs-site.xml (36 lines)
                    + write OUT/hadoop/127.0.0.1/workers (2 lines)
                    + write OUT/hadoop/127.0.0.1/topology.table (3 lines)
                [2/2] hadoop config localhost: would change
                    + write OUT/hadoop/localhost/core-site.xml (16 lines)
                    + write OUT/hadoop/localhost/hdfs-site.xml (32 lines)
                    + write OUT/hadoop/localhost/workers (2 lines)
                    + write OUT/hadoop/localhost/topology.table (3 lines)
                2 of 2 steps would change; --apply makes the changes
                """, plan.out().replace(inv.toString(), "INV").replace(out.toString(), "OUT"));

        assertEquals(0, lakesh(home, "init", "hdfs-config", "--inventory", inv.toString(), "--out", out.toString(), "--apply").status());
        // an edited file is put back, but only with --force (or a yes at the prompt): the plan says it replaces it
        Files.writeString(out.resolve("hadoop/localhost/workers"), "other-host\n");
        MainRun replan = lakesh(home, "init", "hdfs-config", "--inventory", inv.toString(), "--out", out.toString(), "--plan");
        assertTrue(replan.out().contains("[2/2] hadoop config localhost: would change\n    ~ write OUT/hadoop/localhost/workers (2 of 2 lines differ)\n"
                .replace("OUT", out.toString())), replan.out());
        MainRun refused = lakesh(home, "init", "hdfs-config", "--inventory", inv.toString(), "--out", out.toString(), "--apply");
        assertEquals(1, refused.status());
        assertTrue(refused.err().startsWith("init: 1 change would replace or remove something (see --plan); nothing changed; --force applies them"), refused.err());
        assertEquals("other-host\n", Files.readString(out.resolve("hadoop/localhost/workers")));
        MainRun forced = lakesh(home, "init", "hdfs-config", "--inventory", inv.toString(), "--out", out.toString(), "--apply", "--force");
        assertEquals(0, forced.status(), forced.err());
        assertEquals("127.0.0.1\nlocalhost\n", Files.readString(out.resolve("hadoop/localhost/workers")));
    }

    @Test
    void theExampleInventoryPlansTheReferenceClusterAndPlainScriptsAreNotRecipes() throws Exception {
        LakeshHome home = new LakeshHome(dir.resolve("home")).ensureCreated();
        MainRun plan = lakesh(home, "init", "hdfs-config", "--recipes", ROOT.resolve("lakefs-init").toString());
        assertEquals(0, plan.status(), plan.err());
        Path out = home.dir().resolve("init/lakehouse");
        assertTrue(plan.out().startsWith("recipe hdfs-config: 3 hosts of lakehouse from " + ROOT.resolve("lakefs-init/inventory.example.yaml")
                + "; files under " + out + "\n[1/3] hadoop config cpu-node1: would change\n"), plan.out());
        assertTrue(plan.out().endsWith("3 of 3 steps would change; --apply makes the changes\n"), plan.out());
        assertFalse(Files.exists(out));

        MainRun list = lakesh(home, "init", "--list");
        assertFalse(list.out().contains("trino-local"), "trino-local.groovy is a script with its own start|stop|status");
        // typed lines (the prompt's path through the runner) run recipes the same way
        MainRun typed = MainRun.of(home, "init --list\ninit hdfs-config --plan\n");
        assertEquals(0, typed.status(), typed.err());
        assertTrue(typed.out().startsWith(list.out()) && typed.out().endsWith("3 of 3 steps would change; --apply makes the changes\n"), typed.out());
        MainRun script = lakesh(home, "init", "trino-local");
        assertEquals(1, script.status());
        assertEquals("init: 'trino-local' is a script, not a recipe: run it as lakesh -f " + ROOT.resolve("lakefs-init/trino-local.groovy") + "\n", script.err());
        MainRun typo = lakesh(home, "init", "stup");
        assertEquals(1, typo.status());
        assertTrue(typo.err().startsWith("init: no recipe 'stup' in ") && typo.err().endsWith(" (did you mean 'setup'?); 'init --list' lists them\n"), typo.err());
        MainRun both = lakesh(home, "init", "setup", "--plan", "--apply");
        assertEquals(2, both.status());
        assertEquals("init: --plan or --apply, not both\n", both.err());
    }

    private static Map<String, String> sparkCatalog(Path sparkDefaults, String catalog) throws Exception {
        Map<String, String> props = new HashMap<>();
        String prefix = "spark.sql.catalog." + catalog + ".";
        for (String line : Files.readAllLines(sparkDefaults)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] kv = line.split("\\s+", 2);
            if (kv[0].startsWith(prefix)) {
                props.put(kv[0].substring(prefix.length()), kv[1]);
            }
        }
        return props;
    }

    /** The options of `CREATE CATALOG `name` WITH ('k' = 'v', …);` */
    private static Map<String, String> flinkOptions(String sql, String catalog) {
        Matcher m = Pattern.compile("CREATE CATALOG `" + Pattern.quote(catalog) + "` WITH \\((.*?)\\);", Pattern.DOTALL).matcher(sql);
        assertTrue(m.find(), sql);
        Map<String, String> options = new HashMap<>();
        Matcher kv = Pattern.compile("'((?:[^']|'')*)' = '((?:[^']|'')*)'").matcher(m.group(1));
        while (kv.find()) {
            options.put(kv.group(1).replace("''", "'"), kv.group(2).replace("''", "'"));
        }
        return options;
    }

    private static Properties properties(Path file) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }

    private static void close(Catalog c) throws Exception {
        if (c instanceof AutoCloseable a) {
            a.close();
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
