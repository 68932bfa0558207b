package io.lakesh.delta;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `delta.targetFileSize`: set by lakesh's own metadata commit (the kernel refuses the key), read by optimize and appends. */
class DeltaTargetFileSizeTest extends DeltaWriteSession {
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
}
