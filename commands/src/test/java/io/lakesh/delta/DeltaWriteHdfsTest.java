package io.lakesh.delta;

import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.lakesh.testing.HdfsCluster;
import io.lakesh.testing.Lakesh;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Delta tables lakesh writes on a real HDFS (MiniDFSCluster): commits by NameNode rename, read back by the kernel. */
class DeltaWriteHdfsTest {

    static java.util.List<String> headRows(Lakesh lakesh, String table) {
        lakesh.out();
        assertEquals(0, lakesh.run("head -n 100 --format csv " + table), lakesh.err());
        return lakesh.out().lines().skip(1).toList();
    }

    @Test
    void writesOnHdfsCommitPutIfAbsentAndReadBackByTheKernel() throws Exception {
        HdfsCluster hdfs = HdfsCluster.shared();
        Lakesh setup = Lakesh.inTempHome();
        Files.writeString(setup.home().resolve("lakesh.conf"), "mount./hdfs = " + hdfs.uri() + "\nhadoop.dfs.replication = 2\n");
        setup.close();
        String dir = "/deltaw-" + System.nanoTime();
        String table = "/hdfs" + dir + "/events";
        int n = 4;
        try (Lakesh lakesh = new Lakesh(setup.home()); Lakesh other = new Lakesh(setup.home())) {
            assertEquals(0, lakesh.run("create table " + table + " (id bigint, region string) --using delta --partitioned-by region"), lakesh.err());
            Path csv = setup.home().resolve("events.csv");
            Files.writeString(csv, "id,region\n1,EU\n2,a b/c=d%\n");
            assertEquals(0, lakesh.run("load " + table + " " + csv), lakesh.err());
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<String>> done = new ArrayList<>();
                for (Lakesh session : List.of(lakesh, other)) {
                    done.add(pool.submit(() -> {
                        StringBuilder errors = new StringBuilder();
                        for (int i = 0; i < n; i++) {
                            if (session.run("insert into " + table + " select 100 + " + i + ", 'US';") != 0) {
                                errors.append(session.err());
                            }
                        }
                        return errors.toString();
                    }));
                }
                for (Future<String> f : done) {
                    assertEquals("", f.get(5, TimeUnit.MINUTES));
                }
            } finally {
                pool.shutdownNow();
            }
            List<Long> versions = new ArrayList<>();
            List<String> others = new ArrayList<>();
            try (FileSystem fs = hdfs.fs()) {
                for (FileStatus f : fs.listStatus(new org.apache.hadoop.fs.Path(hdfs.uri() + dir.substring(1) + "/events/_delta_log"))) {
                    String name = f.getPath().getName();
                    if (name.matches("\\d{20}\\.json")) {
                        versions.add(Long.parseLong(name.substring(0, 20)));
                    } else if (!name.endsWith(".parquet") && !name.equals("_last_checkpoint") && !name.endsWith(".crc")) {
                        others.add(name);
                    }
                }
            }
            versions.sort(null);
            assertEquals(LongStream.rangeClosed(0, 1 + 2L * n).boxed().toList(), versions);
            assertEquals(List.of(), others, "no temporary commit files left");
            Snapshot snapshot = TableManager.loadSnapshot(hdfs.uri() + dir.substring(1) + "/events")
                    .build(new DeltaTestTables(hdfs.conf(), "").engine());
            assertEquals(1 + 2L * n, snapshot.getVersion());
            lakesh.out();
            assertEquals(0, lakesh.run("head -n 100 --format csv " + table), lakesh.err());
            Set<String> rows = new TreeSet<>(lakesh.out().lines().skip(1).toList());
            Set<String> expected = new TreeSet<>(Arrays.asList("1,EU", "2,a b/c=d%"));
            for (int i = 0; i < n; i++) {
                expected.add((100 + i) + ",US");
            }
            assertEquals(expected, rows, "each writer's rows are there once (the same values from both writers are one set entry)");
            assertEquals(0, lakesh.run("count --format csv " + table), lakesh.err());
            assertEquals(true, lakesh.out().contains("," + (2 + 2 * n) + "," + table), "every append counted");
            DeltaTestTables.assertSqlReadsWhatTheKernelReads(lakesh, table);

            // lakesh's own commits on HDFS: compaction, delete, restore, checkpoint, then vacuum of what no version reaches
            long v = 1 + 2L * n;
            assertEquals(0, lakesh.run("optimize " + table + " --force"), lakesh.err());
            assertTrue(lakesh.out().endsWith(" in " + table + " as version " + (v + 1) + "\n"));
            assertEquals(0, lakesh.run("delete " + table + " --where \"region = 'EU'\" --force"), lakesh.err());
            assertEquals(0, lakesh.run("rollback " + table + "@" + v), lakesh.err());
            lakesh.out();
            assertEquals(0, lakesh.run("checkpoint " + table), lakesh.err());
            assertEquals("checkpoint of " + table + " at version " + (v + 3) + " (_delta_log/" + String.format("%020d", v + 3)
                    + ".checkpoint.parquet)\n", lakesh.out());
            assertEquals(expected, new TreeSet<>(headRows(lakesh, table)));
            assertEquals(0, lakesh.run("vacuum " + table + " --retain 0h --allow-short-retention --force"), lakesh.err());
            String vacuumed = lakesh.out();
            assertTrue(vacuumed.contains("vacuumed " + table + ": deleted "), vacuumed);
            assertEquals(expected, new TreeSet<>(headRows(lakesh, table)), "the latest version reads after vacuum");
            assertEquals(1, lakesh.run("head " + table + "@" + (v + 1)), "a version whose files were vacuumed");
            lakesh.err();
        }
    }

    @Test
    void deleteWritesDeletionVectorsOnHdfs() throws Exception {
        HdfsCluster hdfs = HdfsCluster.shared();
        Lakesh setup = Lakesh.inTempHome();
        Files.writeString(setup.home().resolve("lakesh.conf"), "mount./hdfs = " + hdfs.uri() + "\nhadoop.dfs.replication = 2\n");
        setup.close();
        String dir = "/deltadv-" + System.nanoTime();
        String table = "/hdfs" + dir + "/t";
        try (Lakesh lakesh = new Lakesh(setup.home())) {
            assertEquals(0, lakesh.run("create table " + table + " (id bigint, region string) --using delta --partitioned-by region "
                    + "--property delta.enableDeletionVectors=true"), lakesh.err());
            assertEquals(0, lakesh.run("insert into " + table + " select range, 'a b/c=d%' from range(4);"), lakesh.err());
            assertEquals(0, lakesh.run("delete " + table + " --where \"id = 1\" --force"), lakesh.err());
            assertTrue(lakesh.out().endsWith("(removed 0 data files, deletion vectors on 1 data file)\n"));
            assertEquals(Set.of("0,a b/c=d%", "2,a b/c=d%", "3,a b/c=d%"), new TreeSet<>(headRows(lakesh, table)));
            DeltaTestTables.assertSqlReadsWhatTheKernelReads(lakesh, table);
            try (FileSystem fs = hdfs.fs()) {
                FileStatus[] vectors = fs.globStatus(new org.apache.hadoop.fs.Path(hdfs.uri() + dir.substring(1) + "/t/deletion_vector_*.bin"));
                assertEquals(1, vectors.length, "one deletion vector file, in the table directory");
            }
        }
    }
}
