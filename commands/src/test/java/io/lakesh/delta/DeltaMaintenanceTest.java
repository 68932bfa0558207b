package io.lakesh.delta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** lakesh's changes to Delta tables beyond appends (restore, checkpoint, alter, vacuum, delete, optimize), read back by the kernel. */
class DeltaMaintenanceTest extends DeltaWriteSession {
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
}
