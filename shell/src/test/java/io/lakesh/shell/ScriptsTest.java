package io.lakesh.shell;

import io.lakesh.config.LakeshHome;
import io.lakesh.testing.HdfsCluster;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every shipped script, run as `lakesh -f`, against a real HDFS and the local warehouse. */
class ScriptsTest {
    static HdfsCluster hdfs;
    static java.nio.file.Path root = java.nio.file.Path.of(System.getProperty("lakesh.root", "..")).toAbsolutePath().normalize();

    @TempDir
    java.nio.file.Path dir;
    LakeshHome home;
    String out;
    String err;

    @BeforeAll
    static void startHdfs() {
        hdfs = HdfsCluster.shared();
    }

    @BeforeEach
    void home() throws Exception {
        home = new LakeshHome(dir.resolve("home")).ensureCreated();
        Files.writeString(home.config(), "mount./hdfs = " + hdfs.uri() + "\nhadoop.dfs.replication = 2\n");
    }

    int lakesh(String... args) {
        MainRun r = MainRun.of(home, "", args);
        out = r.out();
        err = r.err();
        return r.status();
    }

    String script(String name) {
        return root.resolve(name).toString();
    }

    @Test
    void smallFilesReportFindsTheDirectoryOfSmallFiles() throws Exception {
        try (FileSystem fs = hdfs.fs()) {
            for (int i = 0; i < 5; i++) {
                try (var s = fs.create(new Path("/sf/many/part-" + i))) {
                    s.write(new byte[100]);
                }
            }
            try (var s = fs.create(new Path("/sf/big/part-0"))) {
                s.write(new byte[5000]);
            }
        }
        assertEquals(0, lakesh("--format", "csv", "-f", script("scripts/small-files.groovy"), "/hdfs/sf", "1000"), err);
        assertEquals("directory,files,small_files,small_ratio,average_bytes\n/hdfs/sf/many,5,5,100%,100\n", out);
    }

    @Test
    void diskUsageListsTablesBiggestFirst() throws Exception {
        java.nio.file.Path w = home.warehouse();
        Files.createDirectories(w.resolve("db/events/_delta_log"));
        Files.write(w.resolve("db/events/part-0.parquet"), new byte[300]);
        Files.createDirectories(w.resolve("db/orders/metadata"));
        Files.write(w.resolve("db/orders/metadata/v1.metadata.json"), new byte[10]);
        Files.createDirectories(w.resolve("db/raw"));
        assertEquals(0, lakesh("--format", "csv", "-f", script("scripts/disk-usage.groovy"), "/local/db"), err);
        assertEquals("table,format,files,bytes,with_replicas\n"
                + "/local/db/events,delta,1,300,300\n/local/db/orders,iceberg,1,10,10\n", out);
    }

    @Test
    void replicationCheckPassesThenFlagsAnUnderReplicatedFile() throws Exception {
        try (FileSystem fs = hdfs.fs()) {
            for (String f : new String[] {"/rc/a", "/rc/b"}) {
                try (var s = fs.create(new Path(f), (short) 2)) {
                    s.write(new byte[10]);
                }
            }
        }
        assertEquals(0, lakesh("-f", script("scripts/replication-check.groovy"), "/hdfs/rc", "2"), err);
        assertEquals("2 files under /hdfs/rc: replication ok (expected 2)\n", out);
        try (FileSystem fs = hdfs.fs()) {
            fs.setReplication(new Path("/rc/b"), (short) 1);
        }
        assertEquals(1, lakesh("--format", "csv", "-f", script("scripts/replication-check.groovy"), "/hdfs/rc", "2"), err);
        assertEquals("path,problem,blocks\n/hdfs/rc/b,replication 1 < 2,\n", out);
    }

    @Test
    void healthScriptExitsWithTheWorstStatus() throws Exception {
        assertEquals(0, lakesh("-f", script("scripts/health.groovy")), err);
        assertTrue(out.matches("OK: \\d+ checks, 0 not OK\n"), out);

        Files.writeString(home.config(), "mount./hdfs = " + hdfs.uri() + "\nhealth.live_datanodes.warning = 9\n");
        assertEquals(1, lakesh("--format", "csv", "-f", script("scripts/health.groovy")), err);
        assertEquals("component,target,check,status,value,message\nhdfs,/hdfs,live_datanodes,WARNING,3,3 live\n",
                out.lines().limit(2).collect(java.util.stream.Collectors.joining("\n", "", "\n")));
        assertTrue(out.matches("(?s).*\nWARNING: \\d+ checks, 1 not OK\n"), out);

        Files.writeString(home.config(), "mount./hdfs = hdfs://127.0.0.1:1/\n");
        assertEquals(2, lakesh("--format", "csv", "-f", script("scripts/health.groovy")), err);
        assertTrue(out.startsWith("component,target,check,status,value,message\nhdfs,/hdfs,namenode,CRITICAL,,cannot reach"), out);

        Files.writeString(home.config(), "health.timeout = soon\n");
        assertEquals(3, lakesh("-f", script("scripts/health.groovy")));
        assertEquals("health: lakesh.conf: health.timeout = soon is not a number; write e.g. health.timeout = 5\n", err);
    }

    @Test
    void theTourRunsAndCleansUp() {
        assertEquals(0, lakesh("-f", script("examples/tour.groovy")), err);
        assertTrue(out.startsWith("6 entries under /local/tour:\n"), out);
        assertTrue(out.contains("/local/tour/sales/2026/orders.csv  file      0"), out);
        assertTrue(Files.notExists(home.warehouse().resolve("tour")));
    }

    @Test
    void scriptErrorsNameFileAndLine() throws Exception {
        java.nio.file.Path bad = dir.resolve("bad.groovy");
        Files.writeString(bad, "println 'start'\nlake.ls('/local/missing')\nprintln 'never'\n");
        assertEquals(1, lakesh("-f", bad.toString()));
        assertEquals("start\n", out);
        assertEquals("bad.groovy:2: ls: '/local/missing': No such file or directory\n", err);

        java.nio.file.Path syntax = dir.resolve("syntax.groovy");
        Files.writeString(syntax, "def x = 1\ndef y = (x +\n");
        assertEquals(1, lakesh("-f", syntax.toString()));
        assertTrue(err.startsWith("syntax.groovy:2:12: "), err);
        assertEquals(1, err.lines().count(), err);
    }

    @Test
    void scriptsSeeArgsEnvAndSetTheExitStatus() throws Exception {
        java.nio.file.Path s = dir.resolve("args.groovy");
        Files.writeString(s, "println args.join('|')\nprintln env.containsKey('PATH')\nprintln sh('pwd')\nexit args.length\n");
        assertEquals(2, lakesh("-f", s.toString(), "a b", "c"), err);
        assertEquals("a b|c\ntrue\n/local\n", out);
    }

    @Test
    void commandFilesTakeArgumentsAndCanKeepGoing() throws Exception {
        java.nio.file.Path s = dir.resolve("layout.lsh");
        Files.writeString(s, "# layout for ${1}\nmkdir -p /local/${1}/raw\ncat /local/missing\ntouch /local/${1}/raw/done\n");
        assertEquals(1, lakesh("-f", s.toString(), "sales"));
        assertTrue(Files.isDirectory(home.warehouse().resolve("sales/raw")));
        assertTrue(Files.notExists(home.warehouse().resolve("sales/raw/done")), "stopped at the failure");
        assertEquals(1, lakesh("--keep-going", "-f", s.toString(), "sales"));
        assertTrue(Files.exists(home.warehouse().resolve("sales/raw/done")), "went on after the failure");
        assertEquals(2, lakesh("-f", s.toString()));
        assertEquals("layout.lsh:2: ${1} is not set (the script got 0 arguments)\n", err);
    }
}
