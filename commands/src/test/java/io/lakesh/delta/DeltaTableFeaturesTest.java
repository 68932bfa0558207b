package io.lakesh.delta;

import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.FieldMetadata;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.lakesh.testing.Lakesh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Table features current writers produce: timestamp_ntz, type widening, column mapping by id, v2 and multi-part checkpoints, inline deletion vectors. */
class DeltaTableFeaturesTest {
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

    static long micros(LocalDateTime t) {
        return ChronoUnit.MICROS.between(java.time.Instant.EPOCH, t.toInstant(ZoneOffset.UTC));
    }

    @Test
    void timestampsDatesAndDecimalsReadAndFilterAsTheyWereWritten() {
        StructType schema = new StructType().add("id", IntegerType.INTEGER).add("at", TimestampType.TIMESTAMP)
                .add("local_at", TimestampNTZType.TIMESTAMP_NTZ).add("day", DateType.DATE).add("price", new DecimalType(10, 2));
        DeltaTestTables t = DeltaTestTables.local(table("times")).create(schema, List.of(), Map.of());
        t.append(new Object[] {1, micros(LocalDateTime.of(2026, 11, 24, 10, 0)), micros(LocalDateTime.of(2026, 11, 24, 11, 30)),
                        (int) LocalDate.of(2026, 11, 24).toEpochDay(), new BigDecimal("12.50")},
                new Object[] {2, micros(LocalDateTime.of(2026, 11, 25, 8, 15, 1)), null, (int) LocalDate.of(2026, 11, 25).toEpochDay(), new BigDecimal("0.05")});
        assertEquals("""
                > describe --format csv /local/times
                id,name,type,required,physical_name,comment
                ,id,integer,false,,
                ,at,timestamp,false,,
                ,local_at,timestamp_ntz,false,,
                ,day,date,false,,
                ,price,"decimal(10,2)",false,,
                > head --format csv /local/times
                id,at,local_at,day,price
                1,2026-11-24T10:00Z,2026-11-24T11:30,2026-11-24,12.50
                2,2026-11-25T08:15:01Z,,2026-11-25,0.05
                > head --format csv --where "local_at >= '2026-11-24 11:00'" /local/times
                id,at,local_at,day,price
                1,2026-11-24T10:00Z,2026-11-24T11:30,2026-11-24,12.50
                > head --format csv --where "at > '2026-11-25T00:00Z' and day = '2026-11-25' and price < 1" /local/times
                id,at,local_at,day,price
                2,2026-11-25T08:15:01Z,,2026-11-25,0.05
                """, lakesh.transcript("describe --format csv /local/times", "head --format csv /local/times",
                "head --format csv --where \"local_at >= '2026-11-24 11:00'\" /local/times",
                "head --format csv --where \"at > '2026-11-25T00:00Z' and day = '2026-11-25' and price < 1\" /local/times"));
        assertEquals(0, lakesh.run("describe /local/times"));
        assertTrue(lakesh.out().contains("reader features  timestampNtz\n"), "the kernel turned on the feature the type needs");
    }

    static final StructType PAIRS = new StructType().add("id", IntegerType.INTEGER).add("amount", IntegerType.INTEGER);

    @Test
    void typeWideningReadsOldFilesAsTheWiderType() throws Exception {
        Path dir = table("widened");
        DeltaTestTables t = DeltaTestTables.local(dir).create(PAIRS, List.of(), Map.of());
        t.append(new Object[] {1, 10}, new Object[] {2, 7});
        // version 2 widens amount from integer to long (as ALTER COLUMN … TYPE BIGINT does); version 3 writes a long
        DeltaTestTables.writeCommit(dir, 2,
                "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[\"typeWidening\"],\"writerFeatures\":[\"typeWidening\"]}}",
                DeltaTestTables.metaData("[{\"name\":\"id\",\"type\":\"integer\",\"nullable\":true,\"metadata\":{}},"
                        + "{\"name\":\"amount\",\"type\":\"long\",\"nullable\":true,\"metadata\":{\"delta.typeChanges\":[{\"fromType\":\"integer\",\"toType\":\"long\"}]}}]",
                        Map.of("delta.enableTypeWidening", "true")));
        DeltaTestTables.writeCommit(dir, 3, t.writeDataFile(new StructType().add("id", IntegerType.INTEGER).add("amount", LongType.LONG),
                new Object[] {3, 5_000_000_000L}));
        assertEquals(0, lakesh.run("head --format csv /local/widened"), lakesh.err());
        assertEquals(Set.of("id,amount", "1,10", "2,7", "3,5000000000"), Set.copyOf(lakesh.out().lines().toList()));
        DeltaTestTables.assertSqlReadsWhatTheKernelReads(lakesh, "/local/widened");
        assertEquals(0, lakesh.run("count --format csv --where \"amount > 8\" /local/widened; describe --format csv /local/widened"), lakesh.err());
        String out = lakesh.out();
        assertTrue(out.startsWith("directories,files,size,rows,path\n,2,"), out);
        assertTrue(out.contains(",2,/local/widened\n"), out);
        assertTrue(out.endsWith(",amount,long,false,,\n"), out);
    }

    @Test
    void columnMappingByIdFindsColumnsByFieldIdWhateverTheirNames() throws Exception {
        Path dir = table("byid");
        java.nio.file.Files.createDirectories(dir.resolve("_delta_log"));
        DeltaTestTables t = DeltaTestTables.local(dir);
        // the files' column names are not the physical names of the schema: only the field ids match
        String add = t.writeDataFile(new StructType()
                        .add("written-as-a", LongType.LONG, FieldMetadata.builder().putLong("parquet.field.id", 1).build())
                        .add("written-as-b", StringType.STRING, FieldMetadata.builder().putLong("parquet.field.id", 2).build()),
                new Object[] {1L, "one"}, new Object[] {2L, "two"});
        DeltaTestTables.writeCommit(dir, 0, "{\"protocol\":{\"minReaderVersion\":2,\"minWriterVersion\":5}}",
                DeltaTestTables.metaData("[{\"name\":\"id\",\"type\":\"long\",\"nullable\":true,\"metadata\":{\"delta.columnMapping.id\":1,\"delta.columnMapping.physicalName\":\"col-1\"}},"
                        + "{\"name\":\"label\",\"type\":\"string\",\"nullable\":true,\"metadata\":{\"delta.columnMapping.id\":2,\"delta.columnMapping.physicalName\":\"col-2\"}}]",
                        Map.of("delta.columnMapping.mode", "id", "delta.columnMapping.maxColumnId", "2")), add);
        assertEquals(0, lakesh.run("head --format csv --where \"label = 'two'\" /local/byid; describe --format csv /local/byid"), lakesh.err());
        assertEquals("id,label\n2,two\nid,name,type,required,physical_name,comment\n1,id,long,false,col-1,\n2,label,string,false,col-2,\n", lakesh.out());
        DeltaTestTables.assertSqlReadsWhatTheKernelReads(lakesh, "/local/byid");
    }

    @Test
    void deletionVectorsByAbsolutePathAreApplied() throws Exception {
        Path dir = table("absolute");
        DeltaTestTables.local(dir).create(PAIRS, List.of(), Map.of())
                .append(new Object[] {1, 10}, new Object[] {2, 7}, new Object[] {3, 1});
        ObjectNode add = DeltaTestTables.action(dir, 1, "add");
        Path elsewhere = java.nio.file.Files.createDirectories(lakesh.home().resolve("dvs")).resolve("vector.bin");
        add.set("deletionVector", DeltaTestTables.JSON.readTree(DeletionVectorFiles.writeAt(elsewhere, 2)));
        DeltaTestTables.commitDeletionVector(dir, 2, add);
        assertEquals(0, lakesh.run("head --format csv /local/absolute; count --format csv /local/absolute"), lakesh.err());
        assertTrue(lakesh.out().startsWith("id,amount\n1,10\n2,7\ndirectories,files,size,rows,path\n,1,"), "row 2 (id 3) is gone");
        DeltaTestTables.assertSqlReadsWhatTheKernelReads(lakesh, "/local/absolute");
    }

    @Test
    void inlineDeletionVectorsAreApplied() throws Exception {
        Path dir = table("inline");
        DeltaTestTables.local(dir).create(PAIRS, List.of(), Map.of())
                .append(new Object[] {1, 10}, new Object[] {2, 7}, new Object[] {3, 1});
        ObjectNode add = DeltaTestTables.action(dir, 1, "add");
        add.set("deletionVector", DeltaTestTables.JSON.readTree(DeletionVectorFiles.inline(0)));
        DeltaTestTables.commitDeletionVector(dir, 2, add);
        assertEquals(0, lakesh.run("head --format csv /local/inline; files --format csv /local/inline"), lakesh.err());
        String out = lakesh.out();
        assertTrue(out.startsWith("id,amount\n2,7\n3,1\npath,"), out);
        assertTrue(out.contains(",,3,1,") && out.contains(",inline (1 rows),"), out);
    }

    @Test
    void v2CheckpointsInJsonStandForTheCommitsBeforeThem() throws Exception {
        Path dir = table("v2");
        DeltaTestTables t = DeltaTestTables.local(dir).create(PAIRS, List.of(), Map.of());
        t.append(new Object[] {1, 10});
        t.append(new Object[] {2, 7});
        String v2 = "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[\"v2Checkpoint\"],\"writerFeatures\":[\"v2Checkpoint\"]}}";
        DeltaTestTables.writeCommit(dir, 3, v2);
        // a v2 checkpoint (JSON, named by a UUID) of version 3: checkpointMetadata, protocol, metaData and the live files
        String metadata = "{\"metaData\":" + DeltaTestTables.action(dir, 0, "metaData") + "}";
        String adds = "{\"add\":" + DeltaTestTables.action(dir, 1, "add") + "}\n{\"add\":" + DeltaTestTables.action(dir, 2, "add") + "}";
        java.nio.file.Files.writeString(dir.resolve("_delta_log/00000000000000000003.checkpoint." + java.util.UUID.randomUUID() + ".json"),
                "{\"checkpointMetadata\":{\"version\":3}}\n" + v2 + "\n" + metadata + "\n" + adds + "\n");
        for (int v = 0; v <= 2; v++) {
            java.nio.file.Files.delete(dir.resolve(String.format("_delta_log/%020d.json", v)));
        }
        assertEquals(0, lakesh.run("count --format csv /local/v2; head --format csv /local/v2; describe /local/v2"), lakesh.err());
        String out = lakesh.out();
        assertTrue(out.startsWith("directories,files,size,rows,path\n,2,"), out);
        assertTrue(out.contains(",2,/local/v2\nid,amount\n"), out);
        assertTrue(out.contains("\n1,10\n") && out.contains("\n2,7\n"), out);
        assertTrue(out.contains("reader features  v2Checkpoint\n"), out);
    }

    @Test
    void multiPartCheckpointsAreReadWhole() throws Exception {
        Path dir = table("parts");
        DeltaTestTables t = DeltaTestTables.local(dir).create(PAIRS, List.of(), Map.of());
        for (int i = 1; i <= 4; i++) {
            t.append(new Object[] {i, i * 10});
        }
        t.multiPartCheckpoint(dir, 2);
        for (int v = 0; v < 4; v++) { // log clean-up keeps the commit of the checkpoint's version
            java.nio.file.Files.delete(dir.resolve(String.format("_delta_log/%020d.json", v)));
        }
        assertTrue(java.nio.file.Files.exists(dir.resolve("_delta_log/00000000000000000004.checkpoint.0000000002.0000000002.parquet")));
        assertEquals(0, lakesh.run("count --format csv --where \"amount >= 20\" /local/parts; partitions --format csv /local/parts"), lakesh.err());
        String out = lakesh.out();
        assertTrue(out.contains(",4,") && out.contains(",3,/local/parts\n"), out);
        assertTrue(out.endsWith("partition,data_files,rows,size\n,4,4," + out.substring(out.lastIndexOf(',') + 1)), out);
        assertTrue(out.contains("\n,4,4,"), "all four files from both parts: " + out);
    }

    @Test
    void filesWithoutStatsAreCountedByReadingThem() throws Exception {
        Path dir = table("nostats");
        DeltaTestTables t = DeltaTestTables.local(dir).create(PAIRS, List.of(), Map.of());
        t.append(new Object[] {1, 10});
        ObjectNode add = (ObjectNode) DeltaTestTables.JSON.readTree(t.writeDataFile(PAIRS, new Object[] {2, 7}, new Object[] {3, 1}));
        ((ObjectNode) add.get("add")).remove("stats"); // writers may leave stats out
        DeltaTestTables.writeCommit(dir, 2, add.toString());
        assertEquals(0, lakesh.run("count --format csv /local/nostats; ls -l --format csv /local; partitions --format csv /local/nostats"), lakesh.err());
        String out = lakesh.out();
        assertTrue(out.startsWith("directories,files,size,rows,path\n,2,"), out);
        assertTrue(out.contains(",3,/local/nostats\n"), "counted by reading: " + out);
        assertTrue(out.contains("\ndelta,r1/w2,2,,2,"), "rows from stats are unknown: " + out);
        assertTrue(out.endsWith("partition,data_files,rows,size\n,2,," + out.substring(out.lastIndexOf(',') + 1)), out);
    }

    @Test
    void columnMappingAppliesToPartitionColumnsToo() throws Exception {
        Path dir = table("mappedparts");
        java.nio.file.Files.createDirectories(dir.resolve("_delta_log"));
        DeltaTestTables t = DeltaTestTables.local(dir);
        // partition values are keyed by the physical name in add actions; partitionColumns names the logical one
        ObjectNode add = (ObjectNode) DeltaTestTables.JSON.readTree(t.writeDataFile(new StructType().add("col-i", LongType.LONG), new Object[] {7L}));
        ((ObjectNode) add.get("add")).putObject("partitionValues").put("col-r", "a b/c=d%");
        ObjectNode meta = (ObjectNode) DeltaTestTables.JSON.readTree(DeltaTestTables.metaData(
                "[{\"name\":\"id\",\"type\":\"long\",\"nullable\":true,\"metadata\":{\"delta.columnMapping.id\":1,\"delta.columnMapping.physicalName\":\"col-i\"}},"
                        + "{\"name\":\"region\",\"type\":\"string\",\"nullable\":true,\"metadata\":{\"delta.columnMapping.id\":2,\"delta.columnMapping.physicalName\":\"col-r\"}}]",
                Map.of("delta.columnMapping.mode", "name", "delta.columnMapping.maxColumnId", "2")));
        ((ObjectNode) meta.get("metaData")).putArray("partitionColumns").add("region");
        DeltaTestTables.writeCommit(dir, 0, "{\"protocol\":{\"minReaderVersion\":2,\"minWriterVersion\":5}}", meta.toString(), add.toString());
        assertEquals(0, lakesh.run("head --format csv --where \"region = 'a b/c=d%'\" /local/mappedparts; partitions --format csv /local/mappedparts"),
                lakesh.err());
        String out = lakesh.out();
        assertTrue(out.startsWith("id,region\n7,a b/c=d%\npartition,data_files,rows,size\nregion=a b/c=d%,1,1,"), out);
        DeltaTestTables.assertSqlReadsWhatTheKernelReads(lakesh, "/local/mappedparts");
    }

    @Test
    void nestedColumnsReadAsStructsListsAndMaps() throws Exception {
        Path dir = table("nested");
        java.nio.file.Files.createDirectories(dir.resolve("_delta_log"));
        // the data file comes from another Parquet writer (Iceberg's), with standard list and map layouts
        org.apache.iceberg.types.Types.StructType point = org.apache.iceberg.types.Types.StructType.of(
                org.apache.iceberg.types.Types.NestedField.optional(5, "x", org.apache.iceberg.types.Types.DoubleType.get()),
                org.apache.iceberg.types.Types.NestedField.optional(6, "y", org.apache.iceberg.types.Types.DoubleType.get()));
        org.apache.iceberg.Schema schema = new org.apache.iceberg.Schema(
                org.apache.iceberg.types.Types.NestedField.optional(1, "id", org.apache.iceberg.types.Types.LongType.get()),
                org.apache.iceberg.types.Types.NestedField.optional(2, "point", point),
                org.apache.iceberg.types.Types.NestedField.optional(3, "tags", org.apache.iceberg.types.Types.ListType.ofOptional(7,
                        org.apache.iceberg.types.Types.StringType.get())),
                org.apache.iceberg.types.Types.NestedField.optional(4, "attrs", org.apache.iceberg.types.Types.MapType.ofOptional(8, 9,
                        org.apache.iceberg.types.Types.StringType.get(), org.apache.iceberg.types.Types.LongType.get())));
        Path file = dir.resolve("part-00000.parquet");
        org.apache.iceberg.data.GenericRecord p = org.apache.iceberg.data.GenericRecord.create(point);
        p.setField("x", 1.5);
        p.setField("y", -2.0);
        org.apache.iceberg.data.GenericRecord r = org.apache.iceberg.data.GenericRecord.create(schema);
        r.setField("id", 1L);
        r.setField("point", p);
        r.setField("tags", List.of("a", "b"));
        r.setField("attrs", Map.of("k", 7L));
        try (org.apache.iceberg.io.FileAppender<org.apache.iceberg.data.Record> out = org.apache.iceberg.parquet.Parquet
                .write(org.apache.iceberg.Files.localOutput(file.toFile())).schema(schema)
                .createWriterFunc(org.apache.iceberg.data.parquet.GenericParquetWriter::create).build()) {
            out.add(r);
        }
        DeltaTestTables.writeCommit(dir, 0, "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}",
                DeltaTestTables.metaData("[{\"name\":\"id\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}},"
                        + "{\"name\":\"point\",\"type\":{\"type\":\"struct\",\"fields\":[{\"name\":\"x\",\"type\":\"double\",\"nullable\":true,\"metadata\":{}},"
                        + "{\"name\":\"y\",\"type\":\"double\",\"nullable\":true,\"metadata\":{}}]},\"nullable\":true,\"metadata\":{}},"
                        + "{\"name\":\"tags\",\"type\":{\"type\":\"array\",\"elementType\":\"string\",\"containsNull\":true},\"nullable\":true,\"metadata\":{}},"
                        + "{\"name\":\"attrs\",\"type\":{\"type\":\"map\",\"keyType\":\"string\",\"valueType\":\"long\",\"valueContainsNull\":true},\"nullable\":true,\"metadata\":{}}]",
                        Map.of()),
                "{\"add\":{\"path\":\"part-00000.parquet\",\"partitionValues\":{},\"size\":" + java.nio.file.Files.size(file)
                        + ",\"modificationTime\":1,\"dataChange\":true}}");
        assertEquals("""
                > head --format csv /local/nested
                id,point,tags,attrs
                1,"{x=1.5, y=-2.0}","[a, b]",{k=7}
                > describe --format csv /local/nested
                id,name,type,required,physical_name,comment
                ,id,long,false,,
                ,point,"struct<x: double, y: double>",false,,
                ,tags,array<string>,false,,
                ,attrs,"map<string,long>",false,,
                > head --where "tags = 'a'" /local/nested
                head: --where: column 'tags' is of type array<string>; --where compares columns of simple types
                [exit 1]
                """, lakesh.transcript("head --format csv /local/nested", "describe --format csv /local/nested", "head --where \"tags = 'a'\" /local/nested"));
    }

    @Test
    void inCommitTimestampsAreTheTimesOfHistoryAndTimeTravel() throws Exception {
        Path dir = table("ict");
        DeltaTestTables t = DeltaTestTables.local(dir).create(PAIRS, List.of(), Map.of("delta.enableInCommitTimestamps", "true"));
        t.append(new Object[] {1, 10});
        t.append(new Object[] {2, 7});
        long first = DeltaTestTables.action(dir, 1, "commitInfo").get("inCommitTimestamp").asLong();
        // the file times say nothing once in-commit timestamps are on: move them far away
        for (int v = 0; v <= 2; v++) {
            java.nio.file.Files.setLastModifiedTime(dir.resolve(String.format("_delta_log/%020d.json", v)),
                    java.nio.file.attribute.FileTime.fromMillis(0));
        }
        assertEquals(0, lakesh.run("history --format csv -n 2 /local/ict; count --format csv /local/ict@" + java.time.Instant.ofEpochMilli(first)), lakesh.err());
        String out = lakesh.out();
        assertTrue(out.contains("\n1," + java.time.Instant.ofEpochMilli(first) + ",WRITE,"), out);
        assertTrue(out.endsWith(",1,/local/ict\n"), "version 1 by its in-commit time: " + out);
    }
}
