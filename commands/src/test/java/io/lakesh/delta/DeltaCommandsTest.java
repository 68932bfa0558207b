package io.lakesh.delta;

import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.lakesh.testing.Lakesh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Delta tables on local files: written by delta-kernel or by hand per the protocol, read by lakesh's commands. */
class DeltaCommandsTest {
    static final StructType ORDERS = new StructType().add("id", LongType.LONG).add("region", StringType.STRING)
            .add("amount", IntegerType.INTEGER);

    Lakesh lakesh;

    @BeforeEach
    void setUp() {
        lakesh = Lakesh.inTempHome();
    }

    @AfterEach
    void close() {
        lakesh.close();
    }

    Path table(String name) {
        return lakesh.warehouse().resolve(name);
    }

    /** Versions 0 (create), 1 and 2 (appends) of a table partitioned by region, one region with special characters. */
    DeltaTestTables orders(String name) {
        DeltaTestTables t = DeltaTestTables.local(table(name)).create(ORDERS, List.of("region"), Map.of());
        t.append(new Object[] {1L, "EU", 10}, new Object[] {2L, "a b/c=d%", 7});
        t.append(new Object[] {3L, "EU", 1});
        return t;
    }

    @Test
    void explore() throws Exception {
        orders("orders");
        System.out.println(lakesh.transcript("ls -l /local", "describe /local/orders", "history /local/orders", "files /local/orders",
                "head /local/orders", "count /local/orders", "head /local/orders@1", "count --where \"region = 'a b/c=d%'\" /local/orders",
                "head --where \"amount > 5\" /local/orders"));
    }

    /** Version 2 deletes rows at positions 1 and 3 of the one file of version 1 with a deletion vector, as Spark's DELETE does. */
    Path withDeletionVector(String name) throws Exception {
        Path dir = table(name);
        DeltaTestTables.local(dir).create(ORDERS, List.of(), Map.of())
                .append(new Object[] {1L, "EU", 10}, new Object[] {2L, "US", 7}, new Object[] {3L, "EU", 1},
                        new Object[] {4L, "APAC", 3}, new Object[] {5L, "US", 8});
        var add = DeltaTestTables.action(dir, 1, "add");
        add.set("deletionVector", DeltaTestTables.JSON.readTree(DeletionVectorFiles.write(dir, 1, 3)));
        DeltaTestTables.writeCommit(dir, 2,
                "{\"commitInfo\":{\"timestamp\":" + System.currentTimeMillis() + ",\"operation\":\"DELETE\",\"operationParameters\":{\"predicate\":\"[\\\"(id IN (2, 4))\\\"]\"},\"operationMetrics\":{\"numDeletedRows\":\"2\",\"numDeletionVectorsAdded\":\"1\"}}}",
                "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[\"deletionVectors\"],\"writerFeatures\":[\"deletionVectors\"]}}",
                "{\"remove\":{\"path\":\"" + add.get("path").asText() + "\",\"deletionTimestamp\":" + System.currentTimeMillis() + ",\"dataChange\":true}}",
                "{\"add\":" + add + "}");
        return dir;
    }

    @Test
    void exploreFailures() throws Exception {
        withDeletionVector("dv");
        System.out.println(lakesh.transcript("ls -l /local", "describe /local/dv", "history /local/dv", "files /local/dv",
                "head /local/dv", "count /local/dv", "count /local/dv@1", "count --where \"id > 1\" /local/dv"));
        orders("corrupt");
        java.nio.file.Files.writeString(table("corrupt").resolve("_delta_log/00000000000000000002.json"), "{not json\n");
        java.nio.file.Files.delete(table("corrupt").resolve("_delta_log/.00000000000000000002.json.crc"));
        orders("gap");
        java.nio.file.Files.delete(table("gap").resolve("_delta_log/00000000000000000001.json"));
        orders("lastcp");
        java.nio.file.Files.writeString(table("lastcp").resolve("_delta_log/_last_checkpoint"), "{\"version\":1,\"size\":4}\n");
        orders("lastcp2");
        java.nio.file.Files.writeString(table("lastcp2").resolve("_delta_log/_last_checkpoint"), "{\"version\":1,\"size\":4}\n");
        java.nio.file.Files.delete(table("lastcp2").resolve("_delta_log/00000000000000000000.json"));
        java.nio.file.Files.delete(table("lastcp2").resolve("_delta_log/00000000000000000001.json"));
        orders("future");
        DeltaTestTables.writeCommit(table("future"), 3, "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[\"futureFeature\"],\"writerFeatures\":[\"futureFeature\"]}}");
        orders("newer");
        DeltaTestTables.writeCommit(table("newer"), 3, "{\"protocol\":{\"minReaderVersion\":4,\"minWriterVersion\":8}}");
        orders("nodata");
        String file = DeltaTestTables.action(table("nodata"), 2, "add").get("path").asText();
        java.nio.file.Files.delete(table("nodata").resolve(java.net.URI.create(file).getPath()));
        System.out.println(lakesh.transcript("head /local/corrupt", "history /local/corrupt", "count /local/lastcp2", "head /local/nodata@9", "head /local/gap", "count /local/lastcp", "head /local/future",
                "describe /local/newer", "head /local/nodata", "ls -l /local", "head /local/orders@7", "head /local/gap@1", "head /local/lastcp@2026-01-01"));
    }
}
