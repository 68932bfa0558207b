package io.lakesh.delta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.lakesh.testing.Lakesh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        Set<String> rows = new TreeSet<>(lakesh.out().lines().toList());
        rows.remove(rows.stream().filter(l -> l.startsWith("id,")).findFirst().orElse(""));
        return rows;
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
}
