package io.lakesh.iceberg;

import io.lakesh.testing.HdfsCluster;
import io.lakesh.testing.Lakesh;
import org.apache.hadoop.fs.FileSystem;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.parquet.Parquet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** expire-snapshots, remove-orphans and rewrite-manifests: plans, asking, --force, and other writers at work. */
class MaintenanceTest {
    static final String T = "/iceberg/lake/m/t";

    Lakesh lakesh;
    Path csv;

    @BeforeEach
    void setUp() throws Exception {
        lakesh = Lakesh.inTempHome();
        csv = lakesh.home().resolve("orders.csv");
        Files.writeString(csv, "id,region,amount\n1,EU,10.50\n2,US,7.25\n3,EU,1.00\n");
        assertEquals(0, lakesh.run("create table " + T + " (id bigint, region string, amount double)"), lakesh.err());
    }

    @AfterEach
    void close() {
        lakesh.close();
    }

    Table table() throws Exception {
        return IcebergTables.resolve(lakesh.namespace(), T).table();
    }

    int snapshots() throws Exception {
        List<Snapshot> all = new ArrayList<>();
        table().snapshots().forEach(all::add);
        return all.size();
    }

    String rows() {
        assertEquals(0, lakesh.run("count --format csv " + T), lakesh.err());
        String out = lakesh.out();
        return out.substring(out.lastIndexOf('\n', out.length() - 2) + 1).replaceAll("^,\\d+,\\d+,(\\d+),.*\n", "$1");
    }

    /** A data file another writer wrote (one row, region 'XX'), not committed yet. */
    static DataFile writeDataFile(Table table, long id) throws Exception {
        GenericRecord r = GenericRecord.create(table.schema());
        r.setField("id", id);
        r.setField("region", "XX");
        r.setField("amount", 1.0);
        org.apache.iceberg.PartitionKey partition = new org.apache.iceberg.PartitionKey(table.spec(), table.schema());
        partition.partition(new org.apache.iceberg.data.InternalRecordWrapper(table.schema().asStruct()).wrap(r));
        DataWriter<Record> writer = Parquet.writeData(table.io().newOutputFile(table.location() + "/data/other-" + UUID.randomUUID() + ".parquet"))
                .forTable(table).withSpec(table.spec()).withPartition(table.spec().isUnpartitioned() ? null : partition)
                .createWriterFunc(GenericParquetWriter::create).overwrite().build();
        try (writer) {
            writer.write(r);
        }
        return writer.toDataFile();
    }

    static Path local(String location) {
        return Path.of(URI.create(location.replaceFirst("^file:/+", "file:///")));
    }

    @Test
    void expireShowsWhatGoesRefusesInScriptsAndDeletesOnlyWhatExpiredSnapshotsReach() throws Exception {
        lakesh.run("load " + T + " " + csv + "; load " + T + " " + csv);
        DataFile first = table().snapshots().iterator().next().addedDataFiles(table().io()).iterator().next();
        table().newDelete().deleteFile(first).commit(); // another engine deletes the first load's rows
        lakesh.out();
        assertEquals(3, snapshots());
        assertEquals("3", rows());

        assertEquals(1, lakesh.run("expire-snapshots --older-than 0s --format csv " + T));
        String plan = lakesh.out();
        assertTrue(plan.startsWith("expire 2 of 3 snapshots of " + T + " (committed before "), plan);
        assertTrue(plan.contains("\nkind,files,size\ndata,1," + first.fileSizeInBytes() + "\nmanifest,1,"), plan);
        assertTrue(plan.contains("\nmanifest list,2,"), plan);
        assertTrue(plan.matches("(?s).*\ntotal,4,\\d+\n"), plan);
        String err = lakesh.err();
        assertTrue(err.matches("expire-snapshots: would expire 2 snapshots of " + T + " and delete 4 files \\(\\d+(\\.\\d)? (B|KiB)\\); "
                + "add --force to do it without asking \\(--dry-run lists the files\\)\n"), err);
        assertEquals(3, snapshots(), "a script without --force changes nothing");

        assertEquals(0, lakesh.run("expire-snapshots --older-than 0s --dry-run --format csv " + T), lakesh.err());
        String dry = lakesh.out();
        assertTrue(dry.contains("\nkind,path,size\n"), dry);
        assertTrue(dry.contains("\ndata,data/" + first.location().replaceFirst(".*/", "") + "," + first.fileSizeInBytes() + "\n"), dry);
        assertTrue(dry.endsWith("dry run: nothing changed\n"), dry);
        assertTrue(Files.exists(local(first.location())));

        assertEquals(0, lakesh.run("expire-snapshots --older-than 0s --force " + T), lakesh.err());
        String done = lakesh.out();
        assertTrue(done.matches("(?s).*\nexpired 2 snapshots of " + T + "; deleted 4 files \\(.+\\)\n"), done);
        assertFalse(Files.exists(local(first.location())), "the file only expired snapshots reached is gone");
        assertEquals(1, snapshots());
        assertEquals("3", rows(), "the current snapshot reads as before");

        assertEquals(0, lakesh.run("expire-snapshots --older-than 0s " + T));
        assertTrue(lakesh.out().startsWith("nothing to expire in " + T + " (1 snapshot): none was committed before "), "nothing to expire");
    }

    @Test
    void expireKeepsWhatAConcurrentWriterCommitsWhileTheUserIsAsked() throws Exception {
        lakesh.run("load " + T + " " + csv + "; load " + T + " " + csv);
        lakesh.out();
        List<String> questions = new ArrayList<>();
        lakesh.runner().context().interactive(true, question -> {
            questions.add(question);
            try (Lakesh other = new Lakesh(lakesh.home())) {
                assertEquals(0, other.run("load " + T + " " + csv), other.err()); // a second writer commits meanwhile
            }
            return true;
        });
        assertEquals(0, lakesh.run("expire-snapshots --older-than 0s --retain-last 1 " + T), lakesh.err());
        assertEquals(1, questions.size());
        assertTrue(questions.get(0).startsWith("expire-snapshots: expire 1 snapshot of " + T + " and delete 1 file ("), questions.get(0));
        assertTrue(lakesh.out().endsWith("expired 1 snapshot of " + T + "; deleted 1 file (" + questions.get(0).replaceAll(".*\\((.*)\\)\\?$", "$1") + ")\n"));
        assertEquals(2, snapshots(), "the other writer's snapshot and the one before it stay");
        assertEquals("9", rows(), "no rows lost");
    }

    @Test
    void scriptsCallMaintenanceAsMethods() throws Exception {
        lakesh.run("load " + T + " " + csv + "; load " + T + " " + csv);
        lakesh.out();
        io.lakesh.api.Lake lake = new io.lakesh.api.Lake(lakesh.runner().context());
        Object done = lake.methodMissing("expireSnapshots", new Object[] {"--older-than", "0s", "--force", T});
        assertTrue(String.valueOf(done).startsWith("expired 1 snapshot of " + T + "; deleted 1 file ("), String.valueOf(done));
        assertEquals(1, snapshots());
    }

    @Test
    void aTableNestedInTheLocationKeepsItsFiles() throws Exception {
        Path wh = lakesh.home().resolve("hadoop-warehouse");
        assertEquals(0, lakesh.run("catalog add h --type hadoop --warehouse " + wh.toUri()), lakesh.err());
        assertEquals(0, lakesh.run("create table /iceberg/h/ns/t (id bigint, region string, amount double); load /iceberg/h/ns/t " + csv), lakesh.err());
        assertEquals(0, lakesh.run("create table /iceberg/h/ns/t/inner (id bigint, region string, amount double); load /iceberg/h/ns/t/inner " + csv), lakesh.err());
        lakesh.out();
        FileTime tenDaysAgo = FileTime.from(Instant.now().minus(Duration.ofDays(10)));
        try (var files = Files.walk(wh)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(p, tenDaysAgo);
            }
        }
        assertTrue(Files.isDirectory(wh.resolve("ns/t/inner/metadata")), "the inner table lives inside the outer one's location");
        assertEquals(0, lakesh.run("remove-orphans --force /iceberg/h/ns/t"), lakesh.err());
        assertTrue(lakesh.out().startsWith("no orphan files in /iceberg/h/ns/t older than "), "the inner table's files are not orphans of the outer");
        assertEquals(0, lakesh.run("count --format csv /iceberg/h/ns/t/inner"), lakesh.err());
        assertTrue(lakesh.out().endsWith(",3,/iceberg/h/ns/t/inner\n"));
    }

    @Test
    void askingAndAnsweringNoChangesNothing() throws Exception {
        lakesh.run("load " + T + " " + csv + "; load " + T + " " + csv);
        lakesh.out();
        lakesh.runner().context().interactive(true, question -> false);
        assertEquals(0, lakesh.run("expire-snapshots --older-than 0s " + T), lakesh.err());
        assertTrue(lakesh.out().endsWith("nothing changed in " + T + "\n"));
        assertEquals(2, snapshots());
    }

    @Test
    void removeOrphansDeletesOnlyOldUnreferencedFilesAndKeepsWritersFiles() throws Exception {
        lakesh.run("load " + T + " " + csv);
        lakesh.out();
        Table table = table();
        Path data = local(table.location()).resolve("data");
        FileTime tenDaysAgo = FileTime.from(Instant.now().minus(Duration.ofDays(10)));
        Path orphan = Files.writeString(data.resolve("orphan-of-a-failed-job.parquet"), "not committed, never will be");
        Files.setLastModifiedTime(orphan, tenDaysAgo);
        // a writer in flight: its file exists, its commit comes later
        DataFile inFlight = writeDataFile(table, 100);
        // a slow writer: its file is old, and it commits while remove-orphans waits for the answer
        DataFile slow = writeDataFile(table, 200);
        Files.setLastModifiedTime(local(slow.location()), tenDaysAgo);
        // old metadata stays: every metadata file of the table is referenced by the metadata log
        try (var files = Files.walk(local(table.location()).resolve("metadata"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(p, tenDaysAgo);
            }
        }

        assertEquals(0, lakesh.run("remove-orphans --dry-run --format csv " + T), lakesh.err());
        String dry = lakesh.out();
        assertTrue(dry.startsWith("2 orphan files in " + T + " older than "), dry);
        assertTrue(dry.contains("\nunreferenced,2,"), dry);
        assertTrue(dry.contains("\nunreferenced,data/orphan-of-a-failed-job.parquet,28\n"), dry);
        assertFalse(dry.contains(inFlight.location().replaceFirst(".*/", "")), "young files are not planned");
        assertTrue(Files.exists(orphan));

        List<String> questions = new ArrayList<>();
        lakesh.runner().context().interactive(true, question -> {
            questions.add(question);
            try {
                table().newAppend().appendFile(slow).commit();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return true;
        });
        assertEquals(0, lakesh.run("remove-orphans " + T), lakesh.err());
        assertTrue(questions.get(0).startsWith("remove-orphans: delete 2 orphan files ("), questions.toString());
        assertTrue(lakesh.out().matches("(?s).*\ndeleted 1 orphan file \\(28 B\\) of " + T + "; kept 1 that a writer committed meanwhile\n"));
        assertFalse(Files.exists(orphan));
        assertTrue(Files.exists(local(slow.location())), "committed meanwhile: kept");
        assertTrue(Files.exists(local(inFlight.location())), "younger than --older-than: kept");
        assertEquals("4", rows());
        assertEquals(0, lakesh.run("head -n 9 --format csv " + T), lakesh.err());
        assertEquals(5, lakesh.out().lines().count(), "every data file still reads");

        lakesh.runner().context().interactive(false, q -> false);
        assertEquals(0, lakesh.run("remove-orphans " + T));
        assertTrue(lakesh.out().startsWith("no orphan files in " + T + " older than "));
    }

    @Test
    void rewriteManifestsMergesSmallManifestsIntoOne() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(0, lakesh.run("load " + T + " " + csv), lakesh.err());
        }
        lakesh.out();
        assertEquals(3, table().currentSnapshot().dataManifests(table().io()).size());
        assertEquals(1, lakesh.run("rewrite-manifests " + T));
        assertTrue(lakesh.out().startsWith("rewrite the 3 data manifests ("), "plan first");
        assertTrue(lakesh.err().startsWith("rewrite-manifests: would rewrite 3 manifests ("), "scripts need --force");

        assertEquals(0, lakesh.run("rewrite-manifests --force " + T), lakesh.err());
        long snapshot = table().currentSnapshot().snapshotId();
        assertTrue(lakesh.out().endsWith("rewrote 3 manifests of " + T + " into 1 (snapshot " + snapshot + ", 3 files)\n"));
        assertEquals(1, table().currentSnapshot().dataManifests(table().io()).size());
        assertEquals("replace", table().currentSnapshot().operation());
        assertEquals("9", rows());

        assertEquals(0, lakesh.run("rewrite-manifests " + T));
        assertTrue(lakesh.out().startsWith("nothing to rewrite in " + T + ": 1 data manifest ("), "nothing to do");
    }

    @Test
    void rewriteManifestsKeepsAnAppendCommittedWhileTheUserIsAsked() throws Exception {
        for (int i = 0; i < 3; i++) {
            lakesh.run("load " + T + " " + csv);
        }
        lakesh.out();
        lakesh.runner().context().interactive(true, question -> {
            try (Lakesh other = new Lakesh(lakesh.home())) {
                assertEquals(0, other.run("load " + T + " " + csv), other.err());
            }
            return true;
        });
        assertEquals(0, lakesh.run("rewrite-manifests " + T), lakesh.err());
        String out = lakesh.out();
        assertTrue(out.startsWith("rewrite the 3 data manifests ("), out);
        assertTrue(out.matches("(?s).*\nrewrote 4 manifests of " + T + " into 1 \\(snapshot \\d+, 4 files\\)\n"), out);
        assertEquals("replace", table().currentSnapshot().operation(), "the rewrite is on top of the other writer's append");
        assertEquals(1, table().currentSnapshot().dataManifests(table().io()).size(), "Iceberg re-planned on the new state: the append's manifest is merged too");
        assertEquals("12", rows(), "the concurrent append is kept");
    }

    @Test
    void badInputIsOneLineNamingTheThing() throws Exception {
        lakesh.run("load " + T + " " + csv);
        long id = table().currentSnapshot().snapshotId();
        lakesh.out();
        assertEquals("""
                > expire-snapshots /iceberg/lake/m/tt
                expire-snapshots: '/iceberg/lake/m/tt': No such catalog, namespace or table (did you mean 't'?)
                [exit 1]
                > remove-orphans --older-than soon /iceberg/lake/m/t
                remove-orphans: --older-than takes an age such as 7d, 12h or 30m, or a time such as '2026-11-24 10:00'; not 'soon'
                [exit 2]
                > rewrite-manifests /iceberg/lake/m/t@%d
                rewrite-manifests: '/iceberg/lake/m/t@%d': rewrite-manifests works on the table as a whole; name it without '@'
                [exit 2]
                > expire-snapshots --retain-last 0 /iceberg/lake/m/t
                expire-snapshots: --retain-last must be at least 1 (the current snapshot stays)
                [exit 2]
                > remove-orphans /local/m/t
                remove-orphans: '/local/m/t' is a path-based table (read-only); remove-orphans needs a catalog table under /iceberg
                [exit 1]
                > alter table /iceberg/lake/m/t set property gc.enabled=false
                set gc.enabled=false on /iceberg/lake/m/t
                > remove-orphans /iceberg/lake/m/t
                remove-orphans: '/iceberg/lake/m/t' has gc.enabled=false: its files may belong to other tables too, so none is removed
                [exit 1]
                > expire-snapshots /iceberg/lake/m/t
                expire-snapshots: '/iceberg/lake/m/t': Cannot expire snapshots: GC is disabled (deleting files may corrupt other tables)
                [exit 1]
                """.formatted(id, id), lakesh.transcript(
                "expire-snapshots /iceberg/lake/m/tt",
                "remove-orphans --older-than soon /iceberg/lake/m/t",
                "rewrite-manifests /iceberg/lake/m/t@" + id,
                "expire-snapshots --retain-last 0 /iceberg/lake/m/t",
                "remove-orphans /local/m/t",
                "alter table /iceberg/lake/m/t set property gc.enabled=false",
                "remove-orphans /iceberg/lake/m/t",
                "expire-snapshots /iceberg/lake/m/t"));
    }

    @Test
    void removeOrphansOnHdfs() throws Exception {
        HdfsCluster hdfs = HdfsCluster.shared();
        String warehouse = hdfs.uri() + "maintenance-" + UUID.randomUUID();
        assertEquals(0, lakesh.run("catalog add cluster --type hadoop --warehouse " + warehouse), lakesh.err());
        assertEquals(0, lakesh.run("create table /iceberg/cluster/web/events (id bigint, region string, amount double); load /iceberg/cluster/web/events " + csv), lakesh.err());
        lakesh.out();
        Table table = IcebergTables.resolve(lakesh.namespace(), "/iceberg/cluster/web/events").table();
        try (FileSystem fs = hdfs.fs()) {
            org.apache.hadoop.fs.Path orphan = new org.apache.hadoop.fs.Path(table.location() + "/data/orphan.parquet");
            try (var out = fs.create(orphan)) {
                out.writeBytes("left by a failed job");
            }
            long tenDaysAgo = System.currentTimeMillis() - Duration.ofDays(10).toMillis();
            fs.setTimes(orphan, tenDaysAgo, tenDaysAgo);
            org.apache.hadoop.fs.Path young = new org.apache.hadoop.fs.Path(table.location() + "/data/in-flight.parquet");
            try (var out = fs.create(young)) {
                out.writeBytes("a writer's, not committed yet");
            }
            for (var status : fs.listStatus(new org.apache.hadoop.fs.Path(table.location() + "/metadata"))) {
                fs.setTimes(status.getPath(), tenDaysAgo, tenDaysAgo);
            }

            assertEquals(0, lakesh.run("remove-orphans --force /iceberg/cluster/web/events"), lakesh.err());
            String out = lakesh.out();
            assertTrue(out.startsWith("1 orphan file in /iceberg/cluster/web/events older than "), out);
            assertTrue(out.endsWith("deleted 1 orphan file (20 B) of /iceberg/cluster/web/events\n"), out);
            assertFalse(fs.exists(orphan));
            assertTrue(fs.exists(young));
            assertNotNull(fs.getFileStatus(new org.apache.hadoop.fs.Path(table.location() + "/metadata/version-hint.text")), "the version hint is the table's");
        }
        assertEquals(0, lakesh.run("count --format csv /iceberg/cluster/web/events"), lakesh.err());
        assertTrue(lakesh.out().endsWith(",3,/iceberg/cluster/web/events\n"));
    }
}
