package io.lakesh.delta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.internal.deletionvectors.Base85Codec;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `delete --where` on tables with deletion vectors on: vectors written per the protocol, merged, read back by the kernel and by SQL. */
class DeltaDeletionVectorWriteTest extends DeltaWriteSession {
    @Test
    void deleteWritesDeletionVectorsMergesThemAndRemovesFilesWithNoRowsLeft() throws Exception {
        assertEquals(0, lakesh.run("create table /local/dv (id bigint, region string) --using delta --partitioned-by region "
                + "--property delta.enableDeletionVectors=true"), lakesh.err());
        assertEquals(0, lakesh.run("insert into /local/dv select range, 'EU' from range(1, 6) union all select 6, 'US';"), lakesh.err());
        assertTrue(DeltaTables.resolve(lakesh.namespace(), "/local/dv").snapshot().getProtocol().getWriterFeatures().contains("deletionVectors"));
        String euFile = DeltaFiles.list(DeltaTables.resolve(lakesh.namespace(), "/local/dv")).stream()
                .filter(f -> f.partition().get("region").equals("EU")).findFirst().orElseThrow().path();
        lakesh.out();

        assertEquals(0, lakesh.run("delete /local/dv --where \"id <= 2\" --dry-run --format csv"), lakesh.err());
        String plan = lakesh.out();
        assertTrue(plan.startsWith("delete 2 rows of /local/dv where id <= 2: remove 0 data files, mark them deleted in 1 data file with deletion vectors\n"), plan);
        assertTrue(plan.contains("\ndeletion vector,region=EU/"), plan);
        assertEquals(0, lakesh.run("delete /local/dv --where \"id <= 2\" --force"), lakesh.err());
        assertTrue(lakesh.out().endsWith("deleted 2 rows from /local/dv in version 2 (removed 0 data files, deletion vectors on 1 data file)\n"));
        assertEquals(Set.of("3,EU", "4,EU", "5,EU", "6,US"), kernelRows("/local/dv"));
        DeltaTestTables.assertSqlReadsWhatTheKernelReads(lakesh, "/local/dv");
        assertEquals(Set.of("1,EU", "2,EU", "3,EU", "4,EU", "5,EU", "6,US"), kernelRows("/local/dv@1"), "older versions keep their rows");

        // version 2: the file is removed and added again, same path and stats, with a vector of positions 0 and 1
        List<ObjectNode> v2 = DeltaTestTables.readCommit(table("dv"), 2);
        JsonNode remove = v2.stream().filter(a -> a.has("remove")).findFirst().orElseThrow().get("remove");
        JsonNode add = v2.stream().filter(a -> a.has("add")).findFirst().orElseThrow().get("add");
        assertEquals(remove.get("path"), add.get("path"));
        assertTrue(remove.get("dataChange").asBoolean() && add.get("dataChange").asBoolean() && !remove.has("deletionVector"), v2.toString());
        JsonNode stats = DeltaTestTables.JSON.readTree(add.get("stats").asText());
        assertEquals(5, stats.get("numRecords").asLong(), "numRecords counts the file's rows; the vector's cardinality is subtracted");
        assertFalse(stats.get("tightBounds").asBoolean(), "bounds cover deleted rows too");
        JsonNode dv = add.get("deletionVector");
        assertEquals("u", dv.get("storageType").asText());
        assertEquals(2, dv.get("cardinality").asLong());
        assertEquals(1, dv.get("offset").asInt());
        assertEquals(Set.of(0L, 1L), positions(table("dv"), dv));
        assertEquals("2", v2.get(0).get("commitInfo").get("operationMetrics").get("numDeletedRows").asText());

        // a second delete in the same file merges with its vector; the remove names the vector it replaces
        assertEquals(0, lakesh.run("delete /local/dv --where \"id = 4\" --force"), lakesh.err());
        List<ObjectNode> v3 = DeltaTestTables.readCommit(table("dv"), 3);
        JsonNode replaced = v3.stream().filter(a -> a.has("remove")).findFirst().orElseThrow().get("remove");
        assertEquals(dv, replaced.get("deletionVector"));
        JsonNode merged = v3.stream().filter(a -> a.has("add")).findFirst().orElseThrow().get("add").get("deletionVector");
        assertEquals(Set.of(0L, 1L, 3L), positions(table("dv"), merged));
        assertEquals(Set.of("3,EU", "5,EU", "6,US"), kernelRows("/local/dv"));
        DeltaTestTables.assertSqlReadsWhatTheKernelReads(lakesh, "/local/dv");
        lakesh.out();
        assertEquals(0, lakesh.run("count --format csv /local/dv; files --format csv /local/dv"), lakesh.err());
        String out = lakesh.out();
        assertTrue(out.startsWith("directories,files,size,rows,path\n,2,") && out.contains(",3,/local/dv\n"), out);
        assertTrue(out.contains("u:" + merged.get("pathOrInlineDv").asText() + "@1 (3 rows)"), out);

        // the rows left in the file all match: the file is removed, not given a vector of every row
        assertEquals(0, lakesh.run("delete /local/dv --where \"region = 'EU'\" --force"), lakesh.err());
        assertTrue(lakesh.out().endsWith("deleted 2 rows from /local/dv in version 4 (removed 1 data file, deletion vectors on 0 data files)\n"));
        List<ObjectNode> v4 = DeltaTestTables.readCommit(table("dv"), 4);
        assertEquals(1, v4.stream().filter(a -> a.has("remove")).count());
        assertEquals(0, v4.stream().filter(a -> a.has("add")).count());
        assertEquals(Set.of("6,US"), kernelRows("/local/dv"));
        assertTrue(Files.exists(table("dv").resolve(euFile)), "the data file stays for older versions until vacuum");
        assertEquals(Set.of("3,EU", "5,EU", "6,US"), kernelRows("/local/dv@3"));
    }

    @Test
    void aConcurrentDeleteOfTheSameFileRefusesTheSecondAndLeavesNoVectorFile() throws Exception {
        assertEquals(0, lakesh.run("create table /local/c (id bigint) --using delta --property delta.enableDeletionVectors=true"), lakesh.err());
        assertEquals(0, lakesh.run("insert into /local/c select range from range(4);"), lakesh.err());
        io.lakesh.iceberg.MaintenancePlan first = new io.lakesh.sql.DeltaDelete(lakesh.runner().context(),
                DeltaTables.resolve(lakesh.namespace(), "/local/c"), "id = 1");
        io.lakesh.iceberg.MaintenancePlan second = new io.lakesh.sql.DeltaDelete(lakesh.runner().context(),
                DeltaTables.resolve(lakesh.namespace(), "/local/c"), "id = 2");
        assertTrue(first.apply().contains("in version 2"));
        io.lakesh.LakeshException refused = org.junit.jupiter.api.Assertions.assertThrows(io.lakesh.LakeshException.class, second::apply);
        assertEquals("'/local/c': another writer committed version 2, which removed a file delete rewrites; nothing was committed, run delete again",
                refused.getMessage());
        try (var files = Files.list(table("c"))) {
            assertEquals(1, files.filter(f -> f.getFileName().toString().startsWith("deletion_vector_")).count(), "only the committed vector file");
        }
        assertEquals(Set.of("0", "2", "3"), kernelRows("/local/c"), "the first delete is not lost");
        // a deletion vector file gone is one line naming the table and the file, for the kernel's reader and for SQL
        Path vector;
        try (var files = Files.list(table("c"))) {
            vector = files.filter(f -> f.getFileName().toString().startsWith("deletion_vector_")).findFirst().orElseThrow();
        }
        Files.delete(vector);
        lakesh.out();
        assertEquals(1, lakesh.run("head /local/c"));
        assertEquals("head: '/local/c': file " + vector.getFileName() + " is missing\n", lakesh.err());
        assertEquals(1, lakesh.runner().run(List.of("sql", "select count(*) from '/local/c'")));
        assertEquals("sql: '/local/c': file " + vector.getFileName() + " is missing\n", lakesh.err());
    }

    @Test
    void aTableWithoutTheFeatureIsStillRewritten() throws Exception {
        assertEquals(0, lakesh.run("create table /local/cow (id bigint) --using delta --property delta.enableDeletionVectors=false"), lakesh.err());
        assertEquals(0, lakesh.run("insert into /local/cow select range from range(3);"), lakesh.err());
        lakesh.out();
        assertEquals(0, lakesh.run("delete /local/cow --where \"id = 1\" --force"), lakesh.err());
        assertTrue(lakesh.out().endsWith("deleted 1 row from /local/cow in version 2 (removed 1 data file, wrote 1 data file with the 2 rows kept)\n"));
        assertTrue(DeltaTestTables.readCommit(table("cow"), 2).stream().noneMatch(a -> a.has("add") && a.get("add").has("deletionVector")));
        assertEquals(Set.of("0", "2"), kernelRows("/local/cow"));
    }

    @Test
    void deletionVectorsSerializeAsThePortableRoaringBitmapArray() {
        // positions on both sides of 2^32 need two bitmaps, keyed by their high 32 bits
        byte[] bytes = DeletionVectors.serialize(new long[] {5, (1L << 32) + 7, 3, 5});
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1681511377, b.getInt());
        assertEquals(2, b.getLong());
        assertEquals(0, b.getInt());
        ObjectNode inline = DeletionVectors.inline(new long[] {5, (1L << 32) + 7, 3, 5});
        assertEquals(3, inline.get("cardinality").asLong());
        assertEquals(bytes.length, inline.get("sizeInBytes").asInt());
        assertTrue(Arrays.equals(bytes, Base85Codec.decodeBytes(inline.get("pathOrInlineDv").asText(), bytes.length)));
    }

    /** The positions a 'u' deletion vector holds, read from its file by the protocol's layout (size, bitmap array, CRC-32). */
    private static Set<Long> positions(Path table, JsonNode dv) throws Exception {
        String id = Base85Codec.decodeUUID(dv.get("pathOrInlineDv").asText()).toString();
        byte[] file = Files.readAllBytes(table.resolve("deletion_vector_" + id + ".bin"));
        assertEquals(1, file[0], "format version");
        ByteBuffer b = ByteBuffer.wrap(file, dv.get("offset").asInt(), file.length - dv.get("offset").asInt());
        int size = b.getInt();
        assertEquals(dv.get("sizeInBytes").asInt(), size);
        byte[] vector = new byte[size];
        b.get(vector);
        CRC32 crc = new CRC32();
        crc.update(vector);
        assertEquals((int) crc.getValue(), b.getInt(), "big-endian CRC-32 of the vector");
        ByteBuffer v = ByteBuffer.wrap(vector).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1681511377, v.getInt(), "portable magic");
        assertEquals(1, v.getLong());
        assertEquals(0, v.getInt());
        org.roaringbitmap.RoaringBitmap bitmap = new org.roaringbitmap.RoaringBitmap();
        bitmap.deserialize(v);
        Set<Long> out = new java.util.TreeSet<>();
        bitmap.forEach((int i) -> out.add((long) i));
        return out;
    }
}
