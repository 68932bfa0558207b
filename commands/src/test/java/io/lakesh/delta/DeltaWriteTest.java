package io.lakesh.delta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.lakesh.testing.Lakesh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.delta.kernel.Operation;
import io.delta.kernel.Transaction;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Delta tables that lakesh writes (create, load, insert, create as select), read back by delta-kernel and checked against the protocol. */
class DeltaWriteTest {
    Lakesh lakesh;

    @BeforeEach
    void setUp() {
        lakesh = Lakesh.inTempHome();
        lakesh.runner().context().debug(Boolean.getBoolean("lakesh.debug"));
    }

    @AfterEach
    void close() {
        lakesh.close();
    }

    Path table(String name) {
        return lakesh.warehouse().resolve(name);
    }

    /** The rows the kernel's own reader reads (`head`), as sorted CSV lines without the header. */
    Set<String> kernelRows(String table) {
        lakesh.out();
        assertEquals(0, lakesh.run("head -n 1000000 --format csv " + table), lakesh.err());
        return new TreeSet<>(lakesh.out().lines().skip(1).toList());
    }

    Path csv(String name, String text) throws Exception {
        Path f = lakesh.home().resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void createLoadAndInsertAreReadBackByTheKernel() throws Exception {
        assertEquals(0, lakesh.run("create table /local/orders (id bigint not null, region string, amount int, day date) --using delta"
                + " --partitioned-by region --property delta.appendOnly=false"), lakesh.err());
        Path orders = table("orders");
        assertTrue(Files.exists(orders.resolve("_delta_log/00000000000000000000.json")));
        ObjectNode meta = DeltaTestTables.action(orders, 0, "metaData");
        assertEquals("[\"region\"]", meta.get("partitionColumns").toString());
        assertEquals("false", meta.get("configuration").get("delta.appendOnly").asText());

        Path data = csv("orders.csv", "id,region,amount,day\n1,EU,10,2026-11-24\n2,a b/c=d%,7,2026-11-25\n3,EU,,2026-11-26\n4,,5,\n");
        assertEquals(0, lakesh.run("load /local/orders " + data), lakesh.err());
        assertEquals("loaded 4 rows into /local/orders\n", lakesh.out());
        assertEquals(0, lakesh.run("insert into /local/orders select 5, 'US', 8, DATE '2026-12-01';"), lakesh.err());
        assertEquals("inserted 1 row into /local/orders\n", lakesh.out());

        Snapshot snapshot = TableManager.loadSnapshot(orders.toUri().toString()).build(DeltaTestTables.local(orders).engine());
        assertEquals(2, snapshot.getVersion());
        assertEquals(Set.of("1,EU,10,2026-11-24", "2,a b/c=d%,7,2026-11-25", "3,EU,,2026-11-26", "4,,5,", "5,US,8,2026-12-01"),
                kernelRows("/local/orders"));
        DeltaTestTables.assertSqlReadsWhatTheKernelReads(lakesh, "/local/orders");

        // the protocol's add actions: relative URI-encoded paths under Hive directories, partition values from the data, stats
        List<ObjectNode> adds = DeltaTestTables.readCommit(orders, 1).stream().filter(a -> a.has("add")).map(a -> (ObjectNode) a.get("add")).toList();
        assertEquals(3, adds.size(), adds.toString());
        for (ObjectNode add : adds) {
            assertTrue(add.get("dataChange").asBoolean());
            String region = add.get("partitionValues").get("region").isNull() ? null : add.get("partitionValues").get("region").asText();
            String path = add.get("path").asText();
            assertTrue(path.startsWith(region == null ? "region=__HIVE_DEFAULT_PARTITION__/" : "region="), path);
            assertFalse(path.startsWith("/") || path.contains(":"), "relative path: " + path);
            JsonNode stats = DeltaTestTables.JSON.readTree(add.get("stats").asText());
            assertTrue(stats.get("numRecords").asLong() > 0, stats.toString());
            assertTrue(stats.has("minValues") && stats.has("maxValues") && stats.has("nullCount"), stats.toString());
            assertFalse(stats.get("minValues").has("region"), "partition columns have no stats: " + stats);
            long size = Files.size(orders.resolve(java.net.URI.create(path).getPath()));
            assertEquals(size, add.get("size").asLong());
            if ("EU".equals(region)) {
                assertEquals(2, stats.get("numRecords").asLong());
                assertEquals(1, stats.get("minValues").get("id").asLong());
                assertEquals(3, stats.get("maxValues").get("id").asLong());
                assertEquals(1, stats.get("nullCount").get("amount").asLong());
                assertEquals("2026-11-24", stats.get("minValues").get("day").asText());
            }
        }
        assertTrue(adds.stream().anyMatch(a -> "a b/c=d%".equals(a.get("partitionValues").get("region").asText())));
        // no partition column inside the data files, no staging files left behind
        assertEquals(0, lakesh.runner().run(List.of("sql", "--format", "csv",
                "select count(*) as n from parquet_schema('" + orders + "/*/*.parquet') where name = 'region'")),
                lakesh.err());
        assertEquals("n\n0\n", lakesh.out());
        try (Stream<Path> s = Files.list(lakesh.home().resolve("tmp"))) {
            assertEquals(0, s.count(), "staging removed");
        }
    }

    @Test
    void anAppendThatLosesTheRaceIsRebasedOnTheWinnersVersion() throws Exception {
        assertEquals(0, lakesh.run("create table /local/race (id bigint, region string) --using delta --partitioned-by region"), lakesh.err());
        DeltaTables.Ref first = DeltaTables.resolve(lakesh.namespace(), "/local/race");
        DeltaTables.Ref second = DeltaTables.resolve(lakesh.namespace(), "/local/race");
        DeltaTestTables writer = DeltaTestTables.local(table("race"));
        Transaction a = first.snapshot().buildUpdateTableTransaction("test", Operation.WRITE).build(first.engine());
        Transaction b = second.snapshot().buildUpdateTableTransaction("test", Operation.WRITE).build(second.engine());
        assertEquals(1, writer.commit(a, new Object[] {1L, "EU"}));
        // both read version 0; the second finds version 1 taken, and the kernel commits its append as version 2
        assertEquals(2, writer.commit(b, new Object[] {2L, "US"}));
        assertEquals(Set.of("1,EU", "2,US"), kernelRows("/local/race"));
        String one = Files.readString(table("race").resolve("_delta_log/00000000000000000001.json"));
        assertThrows(FileAlreadyExistsException.class, () -> DeltaCommitter.publish(first.location(), 1, "{\"commitInfo\":{}}\n"));
        assertEquals(one, Files.readString(table("race").resolve("_delta_log/00000000000000000001.json")), "a taken version is never replaced");
        try (Stream<Path> log = Files.list(table("race").resolve("_delta_log"))) {
            assertEquals(List.of(), log.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList(), "no temporary commit left");
        }
    }

    @Test
    void twoWritersCommittingNTimesEachKeepEveryAppendInContiguousVersions() throws Exception {
        assertEquals(0, lakesh.run("create table /local/busy (writer int, n int) --using delta"), lakesh.err());
        int n = 6;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Lakesh other = new Lakesh(lakesh.home())) {
            List<Lakesh> writers = List.of(lakesh, other);
            List<Future<String>> done = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                Lakesh session = writers.get(w);
                int writer = w;
                done.add(pool.submit(() -> {
                    StringBuilder errors = new StringBuilder();
                    for (int i = 0; i < n; i++) {
                        if (session.run("insert into /local/busy select " + writer + ", " + i + ";") != 0) {
                            errors.append(session.err());
                        }
                    }
                    return errors.toString();
                }));
            }
            for (Future<String> f : done) {
                assertEquals("", f.get(5, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
        List<Long> versions = new ArrayList<>();
        try (Stream<Path> log = Files.list(table("busy").resolve("_delta_log"))) {
            log.map(f -> f.getFileName().toString()).filter(f -> f.matches("\\d{20}\\.json")).sorted()
                    .forEach(f -> versions.add(Long.parseLong(f.substring(0, 20))));
        }
        assertEquals(LongStream.rangeClosed(0, 2L * n).boxed().toList(), versions);
        Set<String> expected = new TreeSet<>();
        for (int w = 0; w < 2; w++) {
            for (int i = 0; i < n; i++) {
                expected.add(w + "," + i);
            }
        }
        lakesh.out();
        assertEquals(0, lakesh.run("head -n 1000 --format csv /local/busy"), lakesh.err());
        Set<String> rows = new TreeSet<>(lakesh.out().lines().skip(1).toList());
        assertEquals(expected, rows);
    }

    @Test
    void twoProcessesCommittingNTimesEachKeepEveryAppendInContiguousVersions() throws Exception {
        assertEquals(0, lakesh.run("create table /local/procs (writer int, n int) --using delta"), lakesh.err());
        int n = 5;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            processes.add(new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), DeltaWriterProcess.class.getName(),
                    lakesh.home().toString(), "/local/procs", Integer.toString(w), Integer.toString(n))
                    .redirectErrorStream(true).start());
        }
        for (Process p : processes) {
            String output = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "writer finished");
            assertEquals(0, p.exitValue(), output);
        }
        List<Long> versions = new ArrayList<>();
        try (Stream<Path> log = Files.list(table("procs").resolve("_delta_log"))) {
            log.map(f -> f.getFileName().toString()).filter(f -> f.matches("\\d{20}\\.json")).sorted()
                    .forEach(f -> versions.add(Long.parseLong(f.substring(0, 20))));
        }
        assertEquals(LongStream.rangeClosed(0, 2L * n).boxed().toList(), versions);
        Set<String> expected = new TreeSet<>();
        for (int w = 0; w < 2; w++) {
            for (int i = 0; i < n; i++) {
                expected.add(w + "," + i);
            }
        }
        assertEquals(expected, kernelRows("/local/procs"));
    }

    @Test
    void aBadCsvCommitsNothingAndLeavesNoDataFiles() throws Exception {
        assertEquals(0, lakesh.run("create table /local/t (id bigint, amount int) --using delta"), lakesh.err());
        assertEquals(0, lakesh.run("load /local/t " + csv("good.csv", "id,amount\n1,2\n")), lakesh.err());
        Path bad = csv("bad.csv", "id,amount\n1,2\n2,x\n");
        assertEquals(1, lakesh.run("load /local/t " + bad));
        assertEquals("load: 'file://" + bad + "' line 3, column 'amount': 'x' is not a integer; nothing was loaded\n", lakesh.err());
        assertEquals(1, DeltaTables.resolve(lakesh.namespace(), "/local/t").version());
        assertEquals(1, parquetFiles(table("t")).size(), "only the good load's file");
        assertEquals(Set.of("1,2"), kernelRows("/local/t"));
        Path nulls = csv("nulls.csv", "id,amount\n1,2\n,3\n");
        assertEquals(0, lakesh.run("create table /local/strict (id bigint not null, amount int) --using delta"), lakesh.err());
        assertEquals(1, lakesh.run("load /local/strict " + nulls));
        assertEquals("load: column 'id' is not null but 1 rows have no value; nothing was written\n", lakesh.err());
        assertEquals(List.of(), parquetFiles(table("strict")));
    }

    @Test
    void aLoadCancelledLikeCtrlCCommitsNothingAndLeavesNoDataFiles() throws Exception {
        assertEquals(0, lakesh.run("create table /local/big (id bigint, note string) --using delta"), lakesh.err());
        Path csv = lakesh.home().resolve("big.csv");
        try (var out = Files.newBufferedWriter(csv)) {
            out.write("id,note\n");
            for (int i = 0; i < 3_000_000; i++) {
                out.write(i + ",row number " + i + "\n");
            }
        }
        int[] status = {-1};
        Thread load = new Thread(() -> status[0] = lakesh.run("load /local/big " + csv));
        load.start();
        Path tmp = lakesh.home().resolve("tmp");
        long deadline = System.currentTimeMillis() + 60_000;
        // the batch's staging directory exists from just before DuckDB starts writing
        while (System.currentTimeMillis() < deadline && !(Files.isDirectory(tmp) && hasEntries(tmp))) {
            Thread.sleep(5);
        }
        load.interrupt(); // what Ctrl-C does to the command thread
        load.join(120_000);
        assertEquals(1, status[0], "cancelled: " + lakesh.err());
        assertEquals(0, DeltaTables.resolve(lakesh.namespace(), "/local/big").version(), "nothing committed");
        assertEquals(List.of(), parquetFiles(table("big")), "no data files left in the table");
        assertFalse(hasEntries(tmp), "staging removed");
    }

    @Test
    void badWritesAreOneLineAndCommitNothing() throws Exception {
        assertEquals(0, lakesh.run("create table /local/w (id bigint, region string) --using delta"), lakesh.err());
        assertEquals(0, lakesh.run("insert into /local/w select 1, 'EU';"), lakesh.err());
        Path extra = csv("extra.csv", "id,region,colour\n1,EU,red\n");
        lakesh.out();
        assertEquals("""
                > insert into /local/w select 1;
                sql: the query gives 1 columns, the table has 2 (id, region)
                [exit 1]
                > insert into /local/w@0 select 2, 'US';
                sql: '/local/w@0': insert writes a new version on the latest; name the table without '@'
                [exit 1]
                > load /local/w EXTRA
                load: 'file://EXTRA': column 'colour' is not in the table (columns: id, region); nothing was loaded
                [exit 1]
                """, lakesh.transcript("insert into /local/w select 1;", "insert into /local/w@0 select 2, 'US';", "load /local/w " + extra)
                .replace(extra.toString(), "EXTRA"));
        assertEquals(1, DeltaTables.resolve(lakesh.namespace(), "/local/w").version());
        assertEquals(1, parquetFiles(table("w")).size());
    }

    static boolean hasEntries(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isPresent();
        }
    }

    @Test
    void createRefusesWhatIsNotANewDeltaTable() throws Exception {
        assertEquals("""
                > create table /local/e (id bigint) --using delta
                > create table /local/e (id bigint) --using delta
                create: '/local/e' is already a Delta table (drop it first, or load into it)
                [exit 1]
                > create table /local/e (id bigint) --using delta --if-not-exists
                > create table /iceberg/lake/x/e (id bigint) --using delta
                create: '/iceberg/lake/x/e': a Delta table is a directory of a file system (e.g. /local/t or /hdfs/t); tables under /iceberg are Iceberg tables
                [exit 1]
                > create table /local/p (id bigint, ts timestamp) --using delta --partitioned-by day(ts)
                create: partition 'day(ts)': Delta tables are partitioned by columns, not transforms (add a column such as day)
                [exit 2]
                > create table /local/p (id bigint) --using delta --partitioned-by region
                create: partition column 'region' is not a column (columns: id)
                [exit 1]
                > create table /local/p (id uuid) --using delta
                create: column 'id' is uuid, which a Delta table cannot hold (Delta has no uuid type); use string
                [exit 1]
                > create table /local/p (id bigint) --using parquet
                create: --using is iceberg or delta, not 'parquet'
                [exit 2]
                """, lakesh.transcript("create table /local/e (id bigint) --using delta", "create table /local/e (id bigint) --using delta",
                "create table /local/e (id bigint) --using delta --if-not-exists",
                "create table /iceberg/lake/x/e (id bigint) --using delta",
                "create table /local/p (id bigint, ts timestamp) --using delta --partitioned-by day(ts)",
                "create table /local/p (id bigint) --using delta --partitioned-by region",
                "create table /local/p (id uuid) --using delta",
                "create table /local/p (id bigint) --using parquet"));
        assertFalse(Files.exists(table("p")), "nothing made for a refused create");
    }

    @Test
    void anIcebergTableCopiesIntoANewDeltaTableAndBack() throws Exception {
        assertEquals(0, lakesh.run("create table /local/orders (id bigint, region string, amount decimal(10,2), day date, ts timestamptz)"
                + " --using delta --partitioned-by region"), lakesh.err());
        assertEquals(0, lakesh.run("insert into /local/orders select 1, 'EU', 10.5, DATE '2026-11-24', TIMESTAMPTZ '2026-11-24 10:00:00+00' "
                + "union all select 2, 'US', NULL, NULL, NULL;"), lakesh.err());
        lakesh.out();
        assertEquals(0, lakesh.run("create table lake.x.copy as select * from /local/orders;"), lakesh.err());
        assertEquals("created /iceberg/lake/x/copy with 2 rows\n", lakesh.out());
        assertEquals(0, lakesh.run("create table /local/back as select * from lake.x.copy;"), lakesh.err());
        assertEquals("created /local/back (delta) with 2 rows\n", lakesh.out());
        assertEquals(kernelRows("/local/orders"), kernelRows("/local/back"));
        assertEquals(Set.of("1,EU,10.50,2026-11-24,2026-11-24T10:00Z", "2,US,,,"), kernelRows("/local/back"));
        Snapshot back = DeltaTables.resolve(lakesh.namespace(), "/local/back").snapshot();
        assertEquals("id:long, region:string, amount:Decimal(10, 2), day:date, ts:timestamp", back.getSchema().fields().stream()
                .map(f -> f.getName() + ":" + f.getDataType()).collect(java.util.stream.Collectors.joining(", ")));
        // a query that fails leaves no table behind; an existing table is not replaced
        assertEquals(1, lakesh.run("create table /local/failed as select error('boom') as x;"));
        assertTrue(lakesh.err().contains("boom"));
        assertFalse(Files.exists(table("failed")));
        assertEquals(1, lakesh.run("create table /local/back as select 1 as x;"));
        assertEquals("sql: '/local/back' is already a Delta table (drop it first, or load into it)\n", lakesh.err());
    }

    @Test
    void restoreCommitsTheFilesOfAnOlderVersionAndCheckpointIsReadByTheKernel() throws Exception {
        assertEquals(0, lakesh.run("create table /local/r (id bigint, region string) --using delta --partitioned-by region"), lakesh.err());
        assertEquals(0, lakesh.run("insert into /local/r select 1, 'EU';"), lakesh.err());
        assertEquals(0, lakesh.run("insert into /local/r select 2, 'US';"), lakesh.err());
        assertEquals(0, lakesh.run("alter table /local/r set property delta.logRetentionDuration='interval 30 days'"), lakesh.err());
        lakesh.out();
        assertEquals("""
                > rollback /local/r@1
                restored /local/r to version 1 as version 4: 0 files added back, 1 removed (SIZE bytes)
                > rollback /local/r@1
                /local/r has the files and metadata of version 1 already; nothing changed
                > restore /local/r@2
                restored /local/r to version 2 as version 5: 1 files added back, 0 removed (0 bytes)
                > rollback /local/r
                rollback: name the version to return to: rollback /local/r@<version> (see 'history /local/r')
                [exit 2]
                > checkpoint /local/r
                checkpoint of /local/r at version 5 (_delta_log/00000000000000000005.checkpoint.parquet)
                > checkpoint /local/r
                /local/r already has a checkpoint at version 5
                """, lakesh.transcript("rollback /local/r@1", "rollback /local/r@1", "restore /local/r@2", "rollback /local/r",
                "checkpoint /local/r", "checkpoint /local/r").replaceAll("\\(\\d{3,} bytes\\)", "(SIZE bytes)"));
        // version 4 is version 1's files with version 3's metadata gone back to version 1's (the property removed)
        assertEquals(Set.of("1,EU"), kernelRows("/local/r@4"));
        assertFalse(DeltaTables.resolve(lakesh.namespace(), "/local/r@4").snapshot().getTableProperties().containsKey("delta.logRetentionDuration"));
        ObjectNode remove = (ObjectNode) DeltaTestTables.readCommit(table("r"), 4).stream().filter(a -> a.has("remove")).findFirst().orElseThrow().get("remove");
        assertTrue(remove.get("dataChange").asBoolean() && remove.has("deletionTimestamp") && remove.get("path").asText().startsWith("region=US/"), remove.toString());
        assertEquals("RESTORE", DeltaTestTables.action(table("r"), 4, "commitInfo").get("operation").asText());
        assertEquals(Set.of("1,EU", "2,US"), kernelRows("/local/r"));
        // the kernel reads the checkpoint: without the commits before it, the table still reads
        assertTrue(Files.exists(table("r").resolve("_delta_log/00000000000000000005.checkpoint.parquet")));
        assertTrue(Files.readString(table("r").resolve("_delta_log/_last_checkpoint")).contains("\"version\":5"));
        for (int v = 0; v < 5; v++) {
            Files.delete(table("r").resolve(String.format("_delta_log/%020d.json", v)));
        }
        assertEquals(Set.of("1,EU", "2,US"), kernelRows("/local/r"));
        assertEquals(1, lakesh.run("checkpoint /iceberg/lake"));
        assertEquals("checkpoint: '/iceberg/lake' is not a Delta table; checkpoint is for Delta tables (Iceberg has none to write)\n", lakesh.err());
    }

    @Test
    void alterTableSetsPropertiesAndAddsColumnsOfDeltaTables() throws Exception {
        assertEquals(0, lakesh.run("create table /local/a (id bigint) --using delta"), lakesh.err());
        assertEquals(0, lakesh.run("insert into /local/a select 1;"), lakesh.err());
        lakesh.out();
        String transcript = lakesh.transcript("alter table /local/a set property delta.checkpointInterval=5 owner=ops",
                "alter table /local/a unset property owner", "alter table /local/a unset property owner",
                "alter table /local/a rename column id to key");
        assertEquals("""
                > alter table /local/a set property delta.checkpointInterval=5 owner=ops
                set delta.checkpointInterval=5, owner=ops on /local/a (version 2)
                > alter table /local/a unset property owner
                unset owner on /local/a (version 3)
                > alter table /local/a unset property owner
                alter: '/local/a' has no property 'owner' (see 'describe /local/a'); the table is unchanged
                [exit 1]
                > alter table /local/a rename column id to key
                alter: lakesh changes Delta tables by set property, unset property and add column; not 'rename column'
                [exit 2]
                """, transcript);
        assertEquals("5", DeltaTestTables.action(table("a"), 2, "metaData").get("configuration").get("delta.checkpointInterval").asText());
        assertEquals(Set.of("1"), kernelRows("/local/a"));
        // without column mapping the kernel changes no schema: lakesh commits the metaData action itself
        assertEquals(0, lakesh.run("alter table /local/a add column note string"), lakesh.err());
        assertEquals("added column note string in /local/a (version 4)\n", lakesh.out());
        assertEquals(Set.of("1,"), kernelRows("/local/a"));
        assertEquals(0, lakesh.run("insert into /local/a select 2, 'x';"), lakesh.err());
        assertEquals(Set.of("1,", "2,x"), kernelRows("/local/a"));
        DeltaTestTables.assertSqlReadsWhatTheKernelReads(lakesh, "/local/a");
        assertEquals(1, lakesh.run("alter table /local/a add column NOTE int"));
        assertEquals("alter: '/local/a' already has a column 'NOTE'; the table is unchanged\n", lakesh.err());
    }

    @Test
    void vacuumDeletesOnlyFilesNoVersionWithinTheRetentionReaches() throws Exception {
        assertEquals(0, lakesh.run("create table /local/v (id bigint) --using delta"), lakesh.err());
        assertEquals(0, lakesh.run("insert into /local/v select 1;"), lakesh.err());
        Set<Path> first = Set.copyOf(parquetFiles(table("v")));
        assertEquals(0, lakesh.run("insert into /local/v select 2;"), lakesh.err());
        Path second = parquetFiles(table("v")).stream().filter(f -> !first.contains(f)).findFirst().orElseThrow();
        assertEquals(0, lakesh.run("rollback /local/v@1"), lakesh.err());
        Path oldOrphan = Files.writeString(table("v").resolve("left-by-a-failed-writer.parquet"), "x");
        Path hidden = Files.writeString(table("v").resolve("_temporary"), "x");
        // everything so far is ten days old; a file a writer has just written is not
        java.nio.file.attribute.FileTime tenDaysAgo = java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 10 * 86_400_000L);
        try (Stream<Path> all = Files.walk(table("v"))) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(f, tenDaysAgo);
            }
        }
        Path young = Files.writeString(table("v").resolve("being-written.parquet"), "x");
        lakesh.out();
        assertEquals(0, lakesh.run("vacuum /local/v --retain 168h --dry-run --format csv"), lakesh.err());
        String plan = lakesh.out();
        assertTrue(plan.startsWith("/local/v: 2 files reached by no version since "), plan);
        assertTrue(plan.contains("data," + second.getFileName() + ",") && plan.contains("data,left-by-a-failed-writer.parquet,1\n"), plan);
        assertTrue(plan.endsWith("dry run: nothing changed\n"), plan);
        assertEquals(1, lakesh.run("vacuum /local/v"));
        assertTrue(lakesh.err().startsWith("vacuum: would delete 2 files ("), lakesh.err());
        assertEquals(1, lakesh.run("vacuum /local/v --retain 1h --force"));
        assertEquals("vacuum: '/local/v': --retain 1h is shorter than the table's delta.deletedFileRetentionDuration (default 168h): readers of "
                + "older versions and running writers could lose files; add --allow-short-retention to do it anyway\n", lakesh.err());
        assertTrue(Files.exists(second), "nothing deleted by a refused vacuum");
        long bytes = Files.size(second) + Files.size(oldOrphan);
        assertEquals(0, lakesh.run("vacuum /local/v --force"), lakesh.err());
        assertTrue(lakesh.out().endsWith("vacuumed /local/v: deleted 2 files (" + bytes + " bytes)\n"));
        assertFalse(Files.exists(second) || Files.exists(oldOrphan));
        assertTrue(Files.exists(young) && Files.exists(hidden) && first.stream().allMatch(Files::exists));
        assertEquals(Set.of("1"), kernelRows("/local/v"));
        assertEquals(1, lakesh.run("head /local/v@2"), "the version whose file was vacuumed no longer reads");
        assertEquals("head: '/local/v': file " + second.getFileName() + " is missing\n", lakesh.err());
        assertEquals(0, lakesh.run("vacuum /local/v --retain 1h --allow-short-retention --force"), lakesh.err());
        assertEquals("/local/v: no files to vacuum (every file is reached by a version within the retention, or newer)\n", lakesh.out()
                .replaceAll("^.*\n(?=/local)", ""));
    }

    @Test
    void deleteWhereRemovesOrRewritesOnlyTheFilesWithMatchingRows() throws Exception {
        assertEquals(0, lakesh.run("create table /local/d (id bigint, region string) --using delta --partitioned-by region"), lakesh.err());
        assertEquals(0, lakesh.run("insert into /local/d select 1, 'EU' union all select 2, 'EU' union all select 3, 'US';"), lakesh.err());
        assertEquals(0, lakesh.run("insert into /local/d select 4, 'APAC';"), lakesh.err());
        lakesh.out();
        assertEquals(2, lakesh.run("delete /local/d --where \"id = 1 or region = 'US'\""), "only conditions the kernel can push down");
        assertTrue(lakesh.err().startsWith("delete: "), lakesh.err());
        assertEquals(0, lakesh.run("delete /local/d --where \"id >= 2 and region <> 'APAC'\" --dry-run --format csv"), lakesh.err());
        String plan = lakesh.out();
        assertTrue(plan.startsWith("delete 2 rows of /local/d where id >= 2 and region <> 'APAC': remove 1 data file, rewrite 1 data file without them\n"), plan);
        assertTrue(plan.contains("\nremoved,region=US/") && plan.contains("\nrewritten,region=EU/"), plan);
        assertEquals(1, lakesh.run("delete /local/d --where \"id >= 2 and region <> 'APAC'\""));
        assertEquals("delete: would delete 2 rows from /local/d; add --force to do it without asking (--dry-run lists the files)\n", lakesh.err());
        assertEquals(0, lakesh.run("delete /local/d --where \"id >= 2 and region <> 'APAC'\" --force"), lakesh.err());
        assertTrue(lakesh.out().endsWith("deleted 2 rows from /local/d in version 3 (removed 2 data files, wrote 1 data file with the 1 row kept)\n"));
        assertEquals(Set.of("1,EU", "4,APAC"), kernelRows("/local/d"));
        assertEquals(Set.of("1,EU", "2,EU", "3,US", "4,APAC"), kernelRows("/local/d@2"), "older versions keep their rows");
        DeltaTestTables.assertSqlReadsWhatTheKernelReads(lakesh, "/local/d");
        List<ObjectNode> actions = DeltaTestTables.readCommit(table("d"), 3);
        assertEquals("DELETE", actions.get(0).get("commitInfo").get("operation").asText());
        assertEquals(2, actions.stream().filter(a -> a.has("remove") && a.get("remove").get("dataChange").asBoolean()).count());
        assertEquals(1, actions.stream().filter(a -> a.has("add") && a.get("add").get("dataChange").asBoolean()).count());
        assertEquals(0, lakesh.run("delete /local/d --where \"id = 99\" --force"), lakesh.err());
        assertEquals("no rows of /local/d match id = 99; nothing to delete\n", lakesh.out());
    }

    @Test
    void optimizeCompactsSmallFilesPerPartitionWithoutChangingData() throws Exception {
        assertEquals(0, lakesh.run("create table /local/o (id bigint, region string) --using delta --partitioned-by region"), lakesh.err());
        for (int i = 0; i < 3; i++) {
            assertEquals(0, lakesh.run("insert into /local/o select " + i + ", 'EU' union all select " + (10 + i) + ", 'US';"), lakesh.err());
        }
        assertEquals(0, lakesh.run("insert into /local/o select 20, 'APAC';"), lakesh.err());
        Set<String> before = kernelRows("/local/o");
        lakesh.out();
        // every file is larger than 3/4 of a 100-byte target: none is small
        assertEquals(0, lakesh.run("optimize /local/o --target-size 100 --force"), lakesh.err());
        assertTrue(lakesh.out().startsWith("nothing to rewrite in /local/o"));
        assertEquals(0, lakesh.run("optimize /local/o --force"), lakesh.err());
        String out = lakesh.out();
        assertTrue(out.startsWith("rewrite 6 data files ("), out);
        assertTrue(out.endsWith("rewrote 6 data files into 2 (6 rows) in /local/o as version 5\n"), out);
        assertEquals(before, kernelRows("/local/o"));
        assertEquals(3, DeltaFiles.list(DeltaTables.resolve(lakesh.namespace(), "/local/o")).size(), "one file per partition");
        List<ObjectNode> actions = DeltaTestTables.readCommit(table("o"), 5);
        assertEquals("OPTIMIZE", actions.get(0).get("commitInfo").get("operation").asText());
        assertTrue(actions.stream().filter(a -> a.has("add") || a.has("remove")).allMatch(a -> !(a.has("add") ? a.get("add") : a.get("remove"))
                .get("dataChange").asBoolean()), "compaction changes no data");
        assertEquals(0, lakesh.run("optimize /local/o --force"), lakesh.err());
        assertTrue(lakesh.out().startsWith("nothing to rewrite in /local/o"));
    }

    @Test
    void aRewriteIsRebasedOverAppendsAndRefusedWhenAnotherWriterRemovedItsFiles() throws Exception {
        assertEquals(0, lakesh.run("create table /local/c (id bigint, region string) --using delta --partitioned-by region"), lakesh.err());
        assertEquals(0, lakesh.run("insert into /local/c select 1, 'EU' union all select 2, 'EU';"), lakesh.err());
        // planned at version 1; another writer appends (version 2): the delete commits as version 3 and keeps the append
        io.lakesh.iceberg.MaintenancePlan first = new io.lakesh.sql.DeltaDelete(lakesh.runner().context(),
                DeltaTables.resolve(lakesh.namespace(), "/local/c"), "id = 1");
        assertEquals(0, lakesh.run("insert into /local/c select 3, 'US';"), lakesh.err());
        assertTrue(first.apply().endsWith("in version 3 (removed 1 data file, wrote 1 data file with the 1 row kept)"));
        assertEquals(Set.of("2,EU", "3,US"), kernelRows("/local/c"));
        // planned at version 3; another delete removes the same file first: this one is refused, nothing committed
        io.lakesh.iceberg.MaintenancePlan second = new io.lakesh.sql.DeltaDelete(lakesh.runner().context(),
                DeltaTables.resolve(lakesh.namespace(), "/local/c"), "id = 2");
        assertEquals(0, lakesh.run("delete /local/c --where \"region = 'EU'\" --force"), lakesh.err());
        Set<Path> before = Set.copyOf(parquetFiles(table("c")));
        io.lakesh.LakeshException refused = org.junit.jupiter.api.Assertions.assertThrows(io.lakesh.LakeshException.class, second::apply);
        assertEquals("'/local/c': another writer committed version 4, which removed a file delete rewrites; nothing was committed, run delete again",
                refused.getMessage());
        assertEquals(4, DeltaTables.resolve(lakesh.namespace(), "/local/c").version());
        assertEquals(before, Set.copyOf(parquetFiles(table("c"))), "the refused rewrite's files are removed again");
        assertEquals(Set.of("3,US"), kernelRows("/local/c"));
    }

    @Test
    void theWrittenLogFollowsTheProtocol() throws Exception {
        assertEquals(0, lakesh.run("create table /local/p (id bigint, region string) --using delta --partitioned-by region"), lakesh.err());
        assertEquals(0, lakesh.run("insert into /local/p select 1, 'EU';"), lakesh.err());
        assertEquals(0, lakesh.run("rollback /local/p@0"), lakesh.err());
        assertEquals(0, lakesh.run("checkpoint /local/p"), lakesh.err());
        ObjectNode protocol = DeltaTestTables.action(table("p"), 0, "protocol");
        assertTrue(protocol.get("minReaderVersion").asInt() >= 1 && protocol.get("minWriterVersion").asInt() >= 2, protocol.toString());
        ObjectNode meta = DeltaTestTables.action(table("p"), 0, "metaData");
        assertEquals("parquet", meta.get("format").get("provider").asText());
        JsonNode schema = DeltaTestTables.JSON.readTree(meta.get("schemaString").asText());
        assertEquals("struct", schema.get("type").asText());
        assertEquals("long", schema.get("fields").get(0).get("type").asText());
        for (long v = 0; v <= 2; v++) {
            List<ObjectNode> actions = DeltaTestTables.readCommit(table("p"), v);
            assertEquals(1, actions.stream().filter(a -> a.has("commitInfo")).count(), "one commitInfo in version " + v);
            for (ObjectNode a : actions) {
                assertEquals(1, a.size(), "one action per line: " + a);
                String kind = a.fieldNames().next();
                assertTrue(Set.of("commitInfo", "protocol", "metaData", "add", "remove").contains(kind), kind);
                if (kind.equals("add") || kind.equals("remove")) {
                    JsonNode f = a.get(kind);
                    assertTrue(f.has("path") && f.has("partitionValues") && f.has("size") && f.has("dataChange"), f.toString());
                }
                if (kind.equals("add")) {
                    assertTrue(a.get(kind).has("modificationTime") && a.get(kind).has("stats"), a.toString());
                }
                if (kind.equals("remove")) {
                    assertTrue(a.get(kind).has("deletionTimestamp"), a.toString());
                }
            }
        }
        // the checkpoint is the kernel's: the protocol's action columns, one row per action kept
        lakesh.out();
        assertEquals(0, lakesh.runner().run(List.of("sql", "--format", "csv", "select name from parquet_schema('" + table("p")
                + "/_delta_log/00000000000000000002.checkpoint.parquet') where name in ('add', 'remove', 'metaData', 'protocol', 'txn') order by name")),
                lakesh.err());
        assertEquals("name\nadd\nmetaData\nprotocol\nremove\ntxn\n", lakesh.out());
        assertEquals(Set.of(), kernelRows("/local/p"));
    }

    static List<Path> parquetFiles(Path table) throws Exception {
        try (Stream<Path> s = Files.walk(table)) {
            return s.filter(f -> f.toString().endsWith(".parquet") && !f.toString().contains("_delta_log")).toList();
        }
    }
}
