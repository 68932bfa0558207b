package io.lakesh.iceberg;

import io.lakesh.testing.Lakesh;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** partitions, manifests, files --check, cherrypick, set-current, rename table, properties and partition evolution. */
class TableVerbsTest {
    static final String T = "/iceberg/lake/v/t";

    Lakesh lakesh;
    Path csv;

    @BeforeEach
    void setUp() throws Exception {
        lakesh = Lakesh.inTempHome();
        csv = lakesh.home().resolve("orders.csv");
        Files.writeString(csv, "id,region,amount\n1,EU,10.50\n2,US,7.25\n3,EU,1.00\n");
        assertEquals(0, lakesh.run("create table " + T + " (id bigint, region string, amount double) --partitioned-by region"), lakesh.err());
        assertEquals(0, lakesh.run("load " + T + " " + csv), lakesh.err());
        lakesh.out();
    }

    @AfterEach
    void close() {
        lakesh.close();
    }

    Table table() throws Exception {
        return IcebergTables.resolve(lakesh.namespace(), T).table();
    }

    @Test
    void partitionsCountRecordsFilesAndBytesOfEachPartition() throws Exception {
        lakesh.run("load " + T + " " + csv);
        lakesh.out();
        long eu = 0;
        long us = 0;
        for (var task : table().newScan().planFiles()) {
            if (task.file().partition().get(0, String.class).equals("EU")) {
                eu += task.file().fileSizeInBytes();
            } else {
                us += task.file().fileSizeInBytes();
            }
        }
        assertEquals(0, lakesh.run("partitions --format csv " + T), lakesh.err());
        assertEquals("partition,spec_id,records,data_files,size,delete_files,deleted_records\n"
                + "region=EU,0,4,2," + eu + ",0,0\n"
                + "region=US,0,2,2," + us + ",0,0\n", lakesh.out());
        long first = table().history().get(0).snapshotId();
        assertEquals(0, lakesh.run("partitions --format csv " + T + "@" + first), lakesh.err());
        assertTrue(lakesh.out().contains("\nregion=EU,0,2,1,"), "time travel reads that snapshot's manifests");
    }

    @Test
    void manifestsListTheSnapshotsManifests() throws Exception {
        lakesh.run("load " + T + " " + csv);
        lakesh.out();
        List<Snapshot> snapshots = new java.util.ArrayList<>();
        table().snapshots().forEach(snapshots::add);
        assertEquals(0, lakesh.run("manifests --format csv " + T), lakesh.err());
        List<String> lines = lakesh.out().lines().toList();
        assertEquals("content,path,size,spec_id,added_files,existing_files,deleted_files,added_snapshot_id", lines.get(0));
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(1).matches("data,metadata/[^,]+-m0\\.avro,\\d+,0,2,0,0," + snapshots.get(1).snapshotId()), lines.get(1));
        assertTrue(lines.get(2).matches("data,metadata/[^,]+-m0\\.avro,\\d+,0,2,0,0," + snapshots.get(0).snapshotId()), lines.get(2));
    }

    @Test
    void filesCheckReportsMissingFilesAndFails() throws Exception {
        assertEquals(0, lakesh.run("files --check " + T), lakesh.err());
        assertEquals("all 2 data and delete files of " + T + " are on disk\n", lakesh.out());
        DataFile lost = table().currentSnapshot().addedDataFiles(table().io()).iterator().next();
        Files.delete(MaintenanceTest.local(lost.location()));
        assertEquals(1, lakesh.run("files --check --format csv " + T));
        assertEquals("content,path,partition,records,size\ndata," + TableFile.shown(lost.location(), table().location()) + ","
                + table().spec().partitionToPath(lost.partition()) + "," + lost.recordCount() + "," + lost.fileSizeInBytes() + "\n", lakesh.out());
        assertEquals("files: 1 of 2 files of " + T + " are missing on disk; reads of them fail (restore them, or roll back to a snapshot without them)\n", lakesh.err());
    }

    @Test
    void cherrypickAppliesAStagedSnapshotAndSetCurrentIsRollback() throws Exception {
        long first = table().currentSnapshot().snapshotId();
        // a write-audit-publish writer stages a snapshot without making it current
        DataFile staged = MaintenanceTest.writeDataFile(table(), 9);
        Table t = table();
        t.newAppend().appendFile(staged).stageOnly().commit();
        t.refresh();
        long stagedId = -1;
        for (Snapshot s : t.snapshots()) {
            if (s.snapshotId() != first) {
                stagedId = s.snapshotId();
            }
        }
        assertEquals(first, table().currentSnapshot().snapshotId(), "staged, not current");
        assertEquals(0, lakesh.run("cherrypick " + T + "@" + stagedId), lakesh.err());
        assertEquals("current snapshot of " + T + ": " + stagedId + " (fast-forward; was " + first + ")\n", lakesh.out());
        assertEquals(0, lakesh.run("count --format csv " + T));
        assertTrue(lakesh.out().endsWith(",4," + T + "\n"));

        assertEquals(1, lakesh.run("cherrypick " + T + "@" + first));
        assertTrue(lakesh.err().startsWith("cherrypick: '" + T + "': cannot cherry-pick " + first + ": "), lakesh.err());
        assertEquals(2, lakesh.run("cherrypick " + T));
        assertEquals("cherrypick: name the snapshot to apply: cherrypick " + T + "@<snapshot-id> (see 'history " + T + "')\n", lakesh.err());

        assertEquals(0, lakesh.run("set-current " + T + "@" + first), lakesh.err());
        assertEquals("current snapshot of " + T + ": " + first + " (was " + stagedId + ")\n", lakesh.out());
    }

    @Test
    void renameTableKeepsItsDataAndSuggestsNames() throws Exception {
        assertEquals("""
                > rename table /iceberg/lake/v/t orders
                renamed /iceberg/lake/v/t to /iceberg/lake/v/orders
                > ls /iceberg/lake/v
                orders  iceberg
                > rename table /iceberg/lake/v/ordrs x
                rename: '/iceberg/lake/v/ordrs': No such catalog, namespace or table (did you mean 'orders'?)
                [exit 1]
                > create table /iceberg/lake/w/other (id int)
                > rename table /iceberg/lake/v/orders /iceberg/lake/w/other
                rename: '/iceberg/lake/w/other': table exists; rename to another name, or drop it first
                [exit 1]
                > rename table /iceberg/lake/v/orders /local/x
                rename: '/local/x': a table is renamed within its catalog: give a new name or a path under /iceberg/lake/
                [exit 1]
                > rename table /iceberg/lake/v/orders /iceberg/lake/w/orders
                renamed /iceberg/lake/v/orders to /iceberg/lake/w/orders
                """, lakesh.transcript(
                "rename table /iceberg/lake/v/t orders",
                "ls /iceberg/lake/v",
                "rename table /iceberg/lake/v/ordrs x",
                "create table /iceberg/lake/w/other (id int)",
                "rename table /iceberg/lake/v/orders /iceberg/lake/w/other",
                "rename table /iceberg/lake/v/orders /local/x",
                "rename table /iceberg/lake/v/orders /iceberg/lake/w/orders"));
        assertEquals(0, lakesh.run("count --format csv /iceberg/lake/w/orders"), lakesh.err());
        assertTrue(lakesh.out().endsWith(",3,/iceberg/lake/w/orders\n"));
    }

    @Test
    void propertiesAreSetAndUnset() throws Exception {
        assertEquals("""
                > alter table /iceberg/lake/v/t set property write.target-file-size-bytes=1048576 owner=sales
                set write.target-file-size-bytes=1048576, owner=sales on /iceberg/lake/v/t
                > alter table /iceberg/lake/v/t unset property owner
                unset owner on /iceberg/lake/v/t
                > alter table /iceberg/lake/v/t unset property owner
                alter: '/iceberg/lake/v/t' has no property 'owner' (see 'describe /iceberg/lake/v/t'); the table is unchanged
                [exit 1]
                > alter table /iceberg/lake/v/t set property owner
                alter: 'owner': write properties as KEY=VALUE
                [exit 2]
                """, lakesh.transcript(
                "alter table /iceberg/lake/v/t set property write.target-file-size-bytes=1048576 owner=sales",
                "alter table /iceberg/lake/v/t unset property owner",
                "alter table /iceberg/lake/v/t unset property owner",
                "alter table /iceberg/lake/v/t set property owner"));
        assertEquals("1048576", table().properties().get("write.target-file-size-bytes"));
        assertNull(table().properties().get("owner"));
    }

    @Test
    void partitionFieldsEvolveAndNewDataUsesTheNewSpec() throws Exception {
        assertEquals("""
                > alter table /iceberg/lake/v/t add partition field bucket(4, id)
                added partition field bucket(4, id) to /iceberg/lake/v/t; new data files: identity(region), bucket[4](id) (existing files keep their partitioning)
                > alter table /iceberg/lake/v/t drop partition field region
                dropped partition field region from /iceberg/lake/v/t; new data files: bucket[4](id) (existing files keep their partitioning)
                > alter table /iceberg/lake/v/t add partition field truncate(2, region)
                added partition field truncate(2, region) to /iceberg/lake/v/t; new data files: bucket[4](id), truncate[2](region) (existing files keep their partitioning)
                > alter table /iceberg/lake/v/t add partition field day(region)
                alter: '/iceberg/lake/v/t': Cannot bind: day cannot transform string values from 'region'; the table is unchanged
                [exit 1]
                > alter table /iceberg/lake/v/t drop partition field truncate(3, region)
                alter: '/iceberg/lake/v/t': Cannot find partition field to remove: truncate[3](ref(name="region")); the table is unchanged
                [exit 1]
                > alter table /iceberg/lake/v/t add partition field squash(id)
                alter: unknown partition transform 'squash' (known: identity, year, month, day, hour, bucket(N, col), truncate(N, col))
                [exit 2]
                """, lakesh.transcript(
                "alter table /iceberg/lake/v/t add partition field bucket(4, id)",
                "alter table /iceberg/lake/v/t drop partition field region",
                "alter table /iceberg/lake/v/t add partition field truncate(2, region)",
                "alter table /iceberg/lake/v/t add partition field day(region)",
                "alter table /iceberg/lake/v/t drop partition field truncate(3, region)",
                "alter table /iceberg/lake/v/t add partition field squash(id)"));
        assertEquals(0, lakesh.run("load " + T + " " + csv), lakesh.err());
        lakesh.out();
        assertEquals(0, lakesh.run("partitions --format csv " + T), lakesh.err());
        String partitions = lakesh.out();
        assertTrue(partitions.contains("\nregion=EU,0,2,1,"), partitions);
        assertTrue(partitions.matches("(?s).*\nid_bucket_4=\\d/region_trunc_2=US,3,1,1,.*"), partitions);
        assertTrue(partitions.contains("\nregion=US,0,1,1,"), "files of the first spec keep their partitions: " + partitions);
        assertEquals(0, lakesh.run("count --format csv --where \"region = 'US'\" " + T), lakesh.err());
        assertTrue(lakesh.out().endsWith(",2," + T + "\n"), "rows of both specs are found");
    }
}
