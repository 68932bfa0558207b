package io.lakesh.delta;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** optimize of Delta tables: `delta.targetFileSize` (set by lakesh's own metadata commit, the kernel refuses the key), sorting and z-order. */
class DeltaOptimizeTest extends DeltaWriteSession {
    @Test
    void targetFileSizeIsSetByLakeshAndReadByOptimize() throws Exception {
        assertEquals(0, lakesh.run("create table /local/t (id bigint, region string) --using delta --partitioned-by region"), lakesh.err());
        for (int i = 0; i < 3; i++) {
            assertEquals(0, lakesh.run("insert into /local/t select " + i + ", 'EU';"), lakesh.err());
        }
        lakesh.out();
        assertEquals("""
                > alter table /local/t set property delta.targetFileSize=1M
                set delta.targetFileSize=1M on /local/t (version 4)
                > alter table /local/t set property delta.targetFileSize=1M owner=ops
                alter: '/local/t': set delta.targetFileSize in an alter table of its own (lakesh commits it itself, the kernel the other properties); the table is unchanged
                [exit 1]
                > alter table /local/t set property delta.targetFileSize=big
                alter: '/local/t': delta.targetFileSize 'big' is not a size (e.g. 134217728 or 128M); the table is unchanged
                [exit 1]
                > alter table /local/t set property delta.targetFilesize=1M
                alter: '/local/t': Unknown configuration was specified: delta.targetFilesize; the table is unchanged
                [exit 1]
                """, lakesh.transcript("alter table /local/t set property delta.targetFileSize=1M",
                "alter table /local/t set property delta.targetFileSize=1M owner=ops", "alter table /local/t set property delta.targetFileSize=big",
                "alter table /local/t set property delta.targetFilesize=1M"));
        assertEquals(4, DeltaTables.resolve(lakesh.namespace(), "/local/t").version(), "refused changes commit nothing");
        assertEquals("1M", DeltaTables.resolve(lakesh.namespace(), "/local/t").snapshot().getTableProperties().get("delta.targetFileSize"),
                "the kernel reads the property lakesh committed");
        assertEquals("SET TBLPROPERTIES", DeltaTestTables.action(table("t"), 4, "commitInfo").get("operation").asText());
        // the kernel still appends to the table, and optimize plans and writes to the table's size
        assertEquals(0, lakesh.run("insert into /local/t select 3, 'EU';"), lakesh.err());
        lakesh.out();
        assertEquals(0, lakesh.run("optimize /local/t --dry-run"), lakesh.err());
        String plan = lakesh.out();
        assertTrue(plan.startsWith("rewrite 4 data files (") && plan.contains(" into files of up to 1.0 MiB;"), plan);
        assertEquals(0, lakesh.run("optimize /local/t --target-size 2M --dry-run"), lakesh.err());
        assertTrue(lakesh.out().contains(" into files of up to 2.0 MiB;"), "--target-size wins over the property");
        assertEquals(0, lakesh.run("optimize /local/t --force"), lakesh.err());
        assertEquals(Set.of("0,EU", "1,EU", "2,EU", "3,EU"), kernelRows("/local/t"));
        assertEquals(0, lakesh.run("alter table /local/t unset property delta.targetFileSize"), lakesh.err());
        assertTrue(lakesh.out().startsWith("unset delta.targetFileSize on /local/t (version 7)"));
        assertFalse(DeltaTables.resolve(lakesh.namespace(), "/local/t").snapshot().getTableProperties().containsKey("delta.targetFileSize"));
        DeltaTestTables.assertSqlReadsWhatTheKernelReads(lakesh, "/local/t");
    }

    @Test
    void optimizeSortsOrZOrdersTheRowsItWrites() throws Exception {
        assertEquals(0, lakesh.run("create table /local/z (id bigint, x int, y int) --using delta"), lakesh.err());
        for (int i = 0; i < 3; i++) {
            assertEquals(0, lakesh.run("insert into /local/z select " + i + " * 10 + r, (r * 7 + " + i + ") % 10, (r * 3 + " + i + ") % 10 from range(10) t(r);"), lakesh.err());
        }
        Set<String> before = kernelRows("/local/z");
        assertEquals(2, lakesh.run("optimize /local/z --zorder-by x --force"), "z-order needs 2 to 4 columns");
        assertTrue(lakesh.err().startsWith("optimize: --zorder-by takes 2 to 4 columns"));
        assertEquals(2, lakesh.run("optimize /local/z --sort-by nope --force"));
        assertEquals("optimize: no column 'nope' in /local/z to order by\n", lakesh.err());
        lakesh.out();
        assertEquals(0, lakesh.run("optimize /local/z --sort-by 'id desc' --force"), lakesh.err());
        assertTrue(lakesh.out().contains(", sorted by id desc;"));
        assertEquals(before, kernelRows("/local/z"));
        List<DeltaFiles.DataFile> files = DeltaFiles.list(DeltaTables.resolve(lakesh.namespace(), "/local/z"));
        assertEquals(1, files.size());
        assertEquals(0, lakesh.runner().run(List.of("sql", "--format", "csv", "select id from read_parquet('" + table("z").resolve(files.get(0).path())
                + "') limit 3")), lakesh.err());
        assertEquals("id\n29\n28\n27\n", lakesh.out(), "the file holds the rows in the order asked for");
        // z-order: the rows stay, and the commit records the columns as Delta's OPTIMIZE does
        assertEquals(0, lakesh.run("insert into /local/z select 100, 1, 1;"), lakesh.err());
        assertEquals(0, lakesh.run("optimize /local/z --zorder-by x,y --target-size 1M --force"), lakesh.err());
        assertTrue(lakesh.out().contains(", z-ordered by x, y;"));
        assertEquals("[\"x\",\"y\"]", DeltaTestTables.action(table("z"), 6, "commitInfo").get("operationParameters").get("zOrderBy").asText());
        Set<String> all = new java.util.TreeSet<>(before);
        all.add("100,1,1");
        assertEquals(all, kernelRows("/local/z"));
        DeltaTestTables.assertSqlReadsWhatTheKernelReads(lakesh, "/local/z");
    }

    @Test
    void lakeshsOwnCommitsWriteTheCheckpointsTheIntervalAsksFor() throws Exception {
        assertEquals(0, lakesh.run("create table /local/k (id bigint) --using delta --property delta.checkpointInterval=2"), lakesh.err());
        assertEquals(0, lakesh.run("insert into /local/k select range from range(4);"), lakesh.err());
        assertEquals(0, lakesh.run("insert into /local/k select 10;"), lakesh.err());
        assertEquals(0, lakesh.run("delete /local/k --where \"id = 1\" --force"), lakesh.err());
        assertEquals(0, lakesh.run("delete /local/k --where \"id = 2\" --force"), lakesh.err());
        java.nio.file.Path log = table("k").resolve("_delta_log");
        assertTrue(java.nio.file.Files.exists(log.resolve("00000000000000000002.checkpoint.parquet")), "the kernel's hook after its append");
        assertFalse(java.nio.file.Files.exists(log.resolve("00000000000000000003.checkpoint.parquet")));
        assertTrue(java.nio.file.Files.exists(log.resolve("00000000000000000004.checkpoint.parquet")), "lakesh's delete at version 4");
        for (int v = 0; v < 4; v++) {
            java.nio.file.Files.delete(log.resolve(String.format("%020d.json", v)));
        }
        assertEquals(Set.of("0", "10", "3"), kernelRows("/local/k"), "read from the checkpoint lakesh wrote");
    }
}
