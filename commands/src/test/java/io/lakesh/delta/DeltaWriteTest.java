package io.lakesh.delta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.lakesh.testing.Lakesh;
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
class DeltaWriteTest extends DeltaWriteSession {
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
}
