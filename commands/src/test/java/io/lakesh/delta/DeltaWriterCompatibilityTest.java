package io.lakesh.delta;

import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StructType;
import io.lakesh.testing.Lakesh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Logs as other Delta writers leave them, written here by the protocol's rules (JSON by hand, Parquet by the kernel
 * or DuckDB): v2 checkpoints in Parquet with sidecars, type widening beyond integers, partition values that need
 * escaping in paths. Each is read by the kernel's reader and by SQL, which must agree.
 */
class DeltaWriterCompatibilityTest {
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

    void sql(String statement) {
        assertEquals(0, lakesh.runner().run(List.of("sql", statement)), lakesh.err());
        lakesh.out();
    }

    @Test
    void v2CheckpointsInParquetWithSidecarsStandForTheCommitsBeforeThem() throws Exception {
        Path dir = table("sidecars");
        Path log = dir.resolve("_delta_log");
        DeltaTestTables t = DeltaTestTables.local(dir).create(DeltaTableFeaturesTest.PAIRS, List.of(), Map.of());
        for (int i = 1; i <= 3; i++) {
            t.append(new Object[] {i, i * 10});
        }
        t.checkpoint(); // a classic checkpoint of version 3: the actions that the v2 checkpoint below spreads over its files
        String classic = log.resolve("00000000000000000003.checkpoint.parquet").toString();
        String v2 = "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[\"v2Checkpoint\"],\"writerFeatures\":[\"v2Checkpoint\"]}}";
        DeltaTestTables.writeCommit(dir, 4, v2);
        // sidecars hold the file actions (two files of adds); the top-level file the rest and a sidecar action per sidecar
        Files.createDirectories(log.resolve("_sidecars"));
        String[] sidecars = {UUID.randomUUID() + ".parquet", UUID.randomUUID() + ".parquet"};
        for (int i = 0; i < 2; i++) {
            sql("copy (select add, remove from (select add, remove, row_number() over () as n from read_parquet('" + classic + "') where add is not null) "
                    + "where n % 2 = " + i + ") to '" + log.resolve("_sidecars").resolve(sidecars[i]) + "' (format parquet)");
        }
        String sidecarType = "struct(path varchar, sizeInBytes bigint, modificationTime bigint, tags map(varchar, varchar))";
        String metaType = "struct(version bigint, tags map(varchar, varchar))";
        StringBuilder top = new StringBuilder("copy (select {'minReaderVersion': 3, 'minWriterVersion': 7, 'readerFeatures': ['v2Checkpoint'], "
                + "'writerFeatures': ['v2Checkpoint']} as protocol, null as metaData, null::" + sidecarType + " as sidecar, {'version': 4, 'tags': null}::"
                + metaType + " as checkpointMetadata union all by name select metaData from read_parquet('" + classic + "') where metaData is not null");
        for (String s : sidecars) {
            Path f = log.resolve("_sidecars").resolve(s);
            top.append(" union all by name select {'path': '").append(s).append("', 'sizeInBytes': ").append(Files.size(f))
                    .append(", 'modificationTime': ").append(Files.getLastModifiedTime(f).toMillis()).append(", 'tags': null}::").append(sidecarType)
                    .append(" as sidecar");
        }
        String name = "00000000000000000004.checkpoint." + UUID.randomUUID() + ".parquet";
        sql(top.append(") to '").append(log.resolve(name)).append("' (format parquet)").toString());
        Files.writeString(log.resolve("_last_checkpoint"), "{\"version\":4,\"size\":6,\"sizeInBytes\":" + Files.size(log.resolve(name))
                + ",\"numOfAddFiles\":3,\"v2Checkpoint\":{\"path\":\"" + name + "\",\"sizeInBytes\":" + Files.size(log.resolve(name))
                + ",\"modificationTime\":" + Files.getLastModifiedTime(log.resolve(name)).toMillis() + ",\"nonFileActions\":[" + v2
                + "],\"sidecarFiles\":[]}}");
        // only the v2 checkpoint and the commits after it are left
        Files.delete(Path.of(classic));
        for (int v = 0; v <= 3; v++) {
            Files.delete(log.resolve(String.format("%020d.json", v)));
        }
        t.append(new Object[] {4, 40});
        lakesh.out();
        assertEquals(0, lakesh.run("count --format csv /local/sidecars; describe /local/sidecars"), lakesh.err());
        String out = lakesh.out();
        assertTrue(out.startsWith("directories,files,size,rows,path\n,4,"), out);
        assertTrue(out.contains(",4,/local/sidecars\n") && out.contains("reader features  v2Checkpoint\n"), out);
        assertEquals(0, lakesh.run("head --format csv /local/sidecars"), lakesh.err());
        assertEquals(Set.of("id,amount", "1,10", "2,20", "3,30", "4,40"), Set.copyOf(lakesh.out().lines().toList()));
        DeltaTestTables.assertSqlReadsWhatTheKernelReads(lakesh, "/local/sidecars");
    }

    @Test
    void typeWideningOfFloatsDatesShortsAndDecimalsReadsOldFilesAsTheWiderType() throws Exception {
        Path dir = table("wide");
        StructType narrow = new StructType().add("id", IntegerType.INTEGER).add("ratio", FloatType.FLOAT).add("day", DateType.DATE)
                .add("small", ShortType.SHORT).add("price", new DecimalType(5, 2));
        DeltaTestTables t = DeltaTestTables.local(dir).create(narrow, List.of(), Map.of());
        t.append(new Object[] {1, 0.5f, (int) LocalDate.of(2026, 11, 24).toEpochDay(), (short) 7, new BigDecimal("123.45")});
        // version 2 widens every column, as ALTER COLUMN … TYPE does with type widening on; version 3 writes the wide types
        DeltaTestTables.writeCommit(dir, 2,
                "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[\"typeWidening\"],\"writerFeatures\":[\"typeWidening\"]}}",
                DeltaTestTables.metaData("[{\"name\":\"id\",\"type\":\"integer\",\"nullable\":true,\"metadata\":{}},"
                        + widened("ratio", "float", "double") + "," + widened("day", "date", "timestamp_ntz") + ","
                        + widened("small", "short", "integer") + "," + widened("price", "decimal(5,2)", "decimal(10,2)") + "]",
                        Map.of("delta.enableTypeWidening", "true")));
        StructType wide = new StructType().add("id", IntegerType.INTEGER).add("ratio", io.delta.kernel.types.DoubleType.DOUBLE)
                .add("day", io.delta.kernel.types.TimestampNTZType.TIMESTAMP_NTZ).add("small", IntegerType.INTEGER).add("price", new DecimalType(10, 2));
        DeltaTestTables.writeCommit(dir, 3, t.writeDataFile(wide, new Object[] {2, 1e300, DeltaTableFeaturesTest.micros(java.time.LocalDateTime.of(2026, 11, 25, 8, 30)),
                100_000, new BigDecimal("12345678.90")}));
        assertEquals(0, lakesh.run("head --format csv /local/wide"), lakesh.err());
        assertEquals(Set.of("id,ratio,day,small,price", "1,0.5,2026-11-24T00:00,7,123.45", "2,1.0E300,2026-11-25T08:30,100000,12345678.90"),
                Set.copyOf(lakesh.out().lines().toList()));
        // SQL prints TIMESTAMP values as DuckDB's JDBC driver spells them; the values are the kernel's
        assertEquals(0, lakesh.runner().run(List.of("sql", "--format", "csv", "select id, ratio, strftime(day, '%Y-%m-%dT%H:%M') as day, small, price "
                + "from '/local/wide' order by id")), lakesh.err());
        assertEquals("id,ratio,day,small,price\n1,0.5,2026-11-24T00:00,7,123.45\n2,1.0E300,2026-11-25T08:30,100000,12345678.90\n", lakesh.out());
        assertEquals(0, lakesh.run("count --format csv --where \"day >= '2026-11-24 12:00'\" /local/wide"), lakesh.err());
        assertTrue(lakesh.out().endsWith(",1,/local/wide\n"), "the widened date compares as a timestamp");
        // file skipping leaves the widened column out (old stats hold dates, which kernel 4.4 cannot parse as timestamps)
        assertEquals(0, lakesh.runner().run(List.of("sql", "--format", "csv", "select id from '/local/wide' where day >= '2026-11-24 12:00'")), lakesh.err());
        assertEquals("id\n2\n", lakesh.out());
    }

    private static String widened(String name, String from, String to) {
        return "{\"name\":\"" + name + "\",\"type\":\"" + to + "\",\"nullable\":true,\"metadata\":{\"delta.typeChanges\":[{\"fromType\":\"" + from
                + "\",\"toType\":\"" + to + "\"}]}}";
    }

    @Test
    void partitionValuesThatNeedEscapingOrAreNullComeFromTheLog() throws Exception {
        Path dir = table("escaped");
        Files.createDirectories(dir.resolve("_delta_log"));
        DeltaTestTables t = DeltaTestTables.local(dir);
        StructType data = new StructType().add("id", LongType.LONG);
        // directories Hive-escaped as Spark names them, log paths URI-encoded on top, values in the log as they are
        String[][] partitions = {
                {"a=b/c %d", "2026-11-24", "region=a%3Db%2Fc %25d/day=2026-11-24"},
                {"Zürich 東京", null, "region=Zürich 東京/day=__HIVE_DEFAULT_PARTITION__"},
                {null, "2026-11-25", "region=__HIVE_DEFAULT_PARTITION__/day=2026-11-25"},
        };
        StringBuilder adds = new StringBuilder();
        for (int i = 0; i < partitions.length; i++) {
            ObjectNode add = (ObjectNode) DeltaTestTables.JSON.readTree(t.writeDataFile(data, new Object[] {(long) i + 1})).get("add");
            Path file = dir.resolve(add.get("path").asText());
            Path target = Files.createDirectories(dir.resolve(partitions[i][2])).resolve(file.getFileName());
            Files.move(file, target);
            add.put("path", new URI(null, null, partitions[i][2] + "/" + file.getFileName(), null).toASCIIString());
            ObjectNode values = add.putObject("partitionValues");
            values.put("region", partitions[i][0]).put("day", partitions[i][1]);
            adds.append("{\"add\":").append(add).append("}\n");
        }
        ObjectNode meta = (ObjectNode) DeltaTestTables.JSON.readTree(DeltaTestTables.metaData(
                "[{\"name\":\"id\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}},{\"name\":\"region\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}},"
                        + "{\"name\":\"day\",\"type\":\"date\",\"nullable\":true,\"metadata\":{}}]", Map.of()));
        ((ObjectNode) meta.get("metaData")).putArray("partitionColumns").add("region").add("day");
        DeltaTestTables.writeCommit(dir, 0, "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}", meta.toString(), adds.toString().trim());
        assertEquals(0, lakesh.run("head --format csv /local/escaped"), lakesh.err());
        assertEquals(Set.of("id,region,day", "1,a=b/c %d,2026-11-24", "2,Zürich 東京,", "3,,2026-11-25"), Set.copyOf(lakesh.out().lines().toList()));
        DeltaTestTables.assertSqlReadsWhatTheKernelReads(lakesh, "/local/escaped");
        assertEquals(0, lakesh.run("count --format csv --where \"region = 'Zürich 東京'\" /local/escaped"), lakesh.err());
        assertTrue(lakesh.out().endsWith(",1,/local/escaped\n"));
        assertEquals(0, lakesh.runner().run(List.of("sql", "--format", "csv", "select id from '/local/escaped' where region = 'a=b/c %d' or day is null order by id")),
                lakesh.err());
        assertEquals("id\n1\n2\n", lakesh.out());
        assertEquals(0, lakesh.run("partitions --format csv /local/escaped"), lakesh.err());
        String out = lakesh.out();
        assertTrue(out.contains("\nregion=a=b/c %d/day=2026-11-24,1,1,") && out.contains("\nregion=Zürich 東京/day=null,1,1,"), out);
    }
}
