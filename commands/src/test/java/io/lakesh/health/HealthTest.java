package io.lakesh.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakesh.testing.HdfsCluster;
import io.lakesh.testing.Lakesh;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `health` against the shared MiniDFSCluster, a NameNode that is not there, and local tables. */
class HealthTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static HdfsCluster hdfs;

    @BeforeAll
    static void start() {
        hdfs = HdfsCluster.shared();
    }

    /** A lakesh whose lakesh.conf mounts the given HDFS at /hdfs, plus more lines. */
    static Lakesh withConf(String hdfsUri, String... lines) throws Exception {
        Lakesh l = Lakesh.inTempHome();
        l.close();
        Files.writeString(l.home().resolve("lakesh.conf"),
                (hdfsUri == null ? "" : "mount./hdfs = " + hdfsUri + "\n") + String.join("\n", lines) + "\n");
        return new Lakesh(l.home());
    }

    /** The check's JSON object (component, target, check), failing the test when there is none. */
    static JsonNode check(JsonNode report, String target, String check) {
        for (JsonNode c : report.get("checks")) {
            if (c.get("target").asText().equals(target) && c.get("check").asText().equals(check)) {
                return c;
            }
        }
        throw new AssertionError("no check " + target + " " + check + " in " + report.toPrettyString());
    }

    @Test
    void aHealthyClusterIsOkOnEveryCheckAndExitsZero() throws Exception {
        try (Lakesh lakesh = withConf(hdfs.uri().toString())) {
            assertEquals(0, lakesh.run("health --json"), lakesh.err());
            JsonNode report = JSON.readTree(lakesh.out());
            assertEquals("OK", report.get("status").asText(), report.toPrettyString());
            assertEquals(0, report.get("exit_code").asInt());
            assertEquals(3, check(report, "/hdfs", "live_datanodes").get("value").asInt());
            assertEquals(0, check(report, "/hdfs", "dead_datanodes").get("value").asInt());
            for (String c : new String[] {"namenode", "safe_mode", "under_replicated_blocks", "missing_blocks", "corrupt_blocks",
                    "capacity_used_percent"}) {
                assertEquals("OK", check(report, "/hdfs", c).get("status").asText(), c);
            }
            assertEquals("hdfs", check(report, "/hdfs", "namenode").get("component").asText());
            JsonNode lake = check(report, "lake", "reachable");
            assertEquals("catalog", lake.get("component").asText());
            assertEquals("OK", lake.get("status").asText());
        }
    }

    @Test
    void prometheusOutputHasHelpTypeAndOneGaugePerCheck() throws Exception {
        try (Lakesh lakesh = withConf(hdfs.uri().toString())) {
            assertEquals(0, lakesh.run("health --prometheus"), lakesh.err());
            String text = lakesh.out();
            String stable = text.lines()
                    .filter(l -> l.startsWith("#") || l.contains("check=\"live_datanodes\"") || l.contains("check=\"dead_datanodes\"")
                            || l.startsWith("lakesh_health_overall"))
                    .collect(Collectors.joining("\n", "", "\n"));
            assertEquals("""
                    # HELP lakesh_health_status Status of a health check: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
                    # TYPE lakesh_health_status gauge
                    lakesh_health_status{component="hdfs",target="/hdfs",check="live_datanodes"} 0
                    lakesh_health_status{component="hdfs",target="/hdfs",check="dead_datanodes"} 0
                    # HELP lakesh_health_value The value a health check measured (its unit is in the check's name).
                    # TYPE lakesh_health_value gauge
                    lakesh_health_value{component="hdfs",target="/hdfs",check="live_datanodes"} 3
                    lakesh_health_value{component="hdfs",target="/hdfs",check="dead_datanodes"} 0
                    # HELP lakesh_health_overall_status Worst status of all health checks: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
                    # TYPE lakesh_health_overall_status gauge
                    lakesh_health_overall_status 0
                    """, stable);
            assertTrue(text.contains("lakesh_health_status{component=\"catalog\",target=\"lake\",check=\"reachable\"} 0\n"), text);
            // every sample line is `name{labels} number`: what the textfile collector parses
            for (String line : text.lines().filter(l -> !l.startsWith("#")).toList()) {
                assertTrue(line.matches("lakesh_health_[a-z_]+(\\{[^}]*})? -?[0-9.E-]+"), line);
            }
        }
    }

    @Test
    void theTableEndsWithTheOverallStatus() throws Exception {
        try (Lakesh lakesh = withConf(hdfs.uri().toString())) {
            assertEquals(0, lakesh.run("health"), lakesh.err());
            String out = lakesh.out();
            assertTrue(out.startsWith("component  target  check "), out);
            assertTrue(out.contains("\nhdfs       /hdfs   dead_datanodes "), out);
            assertTrue(out.endsWith("\nstatus: OK (0 of 9 checks not OK)\n"), out);
            assertEquals(0, lakesh.run("health --format csv"), lakesh.err());
            assertTrue(lakesh.out().contains("\nhdfs,/hdfs,live_datanodes,OK,3,3 live\n"));
        }
    }

    @Test
    void aStoppedNameNodeIsCriticalWithTheReasonWithinSeconds() throws Exception {
        try (Lakesh lakesh = withConf("hdfs://127.0.0.1:1/")) {
            long start = System.nanoTime();
            assertEquals(2, lakesh.run("health --json"), lakesh.err());
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            JsonNode report = JSON.readTree(lakesh.out());
            assertEquals("CRITICAL", report.get("status").asText());
            JsonNode namenode = check(report, "/hdfs", "namenode");
            assertEquals("CRITICAL", namenode.get("status").asText());
            assertTrue(namenode.get("message").asText().startsWith("cannot reach the file system of '/hdfs': connection refused"),
                    namenode.toString());
            long hdfsChecks = StreamSupport.stream(report.get("checks").spliterator(), false)
                    .filter(c -> c.get("component").asText().equals("hdfs")).count();
            assertEquals(1, hdfsChecks, "nothing else is asked of a NameNode that does not answer");
            assertTrue(seconds < 15, "took " + seconds + " s");
        }
    }

    @Test
    void partsThatAcceptButNeverAnswerAreCriticalAfterTheTimeout() throws Exception {
        // a listening socket that never replies: the connection succeeds, every request waits forever
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            int port = silent.getLocalPort();
            try (Lakesh lakesh = withConf("hdfs://127.0.0.1:" + port + "/", "health.timeout = 2",
                    "catalog.pg.type = jdbc", "catalog.pg.warehouse = file:///tmp/never",
                    "catalog.pg.uri = jdbc:postgresql://127.0.0.1:" + port + "/iceberg")) {
                long start = System.nanoTime();
                assertEquals(2, lakesh.run("health --json"), lakesh.err());
                long seconds = (System.nanoTime() - start) / 1_000_000_000L;
                JsonNode report = JSON.readTree(lakesh.out());
                for (JsonNode c : new JsonNode[] {check(report, "/hdfs", "namenode"), check(report, "pg", "reachable")}) {
                    assertEquals("CRITICAL", c.get("status").asText(), c.toString());
                    assertEquals("no answer within 2.0 s (health.timeout in lakesh.conf)", c.get("message").asText());
                }
                assertEquals("OK", check(report, "lake", "reachable").get("status").asText(), "the other catalog still answers");
                assertTrue(seconds < 8, "took " + seconds + " s");
            }
        }
    }

    @Test
    void withoutTheSuperuserTheDataNodeReportIsUnknownAndTheRestStillRuns() throws Exception {
        var alice = org.apache.hadoop.security.UserGroupInformation.createUserForTesting("alice", new String[] {"users"});
        JsonNode report = alice.doAs((java.security.PrivilegedExceptionAction<JsonNode>) () -> {
            try (Lakesh lakesh = withConf(hdfs.uri().toString())) {
                assertEquals(3, lakesh.run("health --json"), lakesh.err());
                return JSON.readTree(lakesh.out());
            }
        });
        JsonNode live = check(report, "/hdfs", "live_datanodes");
        assertEquals("UNKNOWN", live.get("status").asText());
        assertTrue(live.get("message").asText().contains("Superuser privilege is required"), live.toString());
        assertEquals("OK", check(report, "/hdfs", "missing_blocks").get("status").asText());
        assertEquals("UNKNOWN", report.get("status").asText());
    }

    @Test
    void thresholdsComeFromLakeshConf() throws Exception {
        try (Lakesh lakesh = withConf(hdfs.uri().toString(), "health.live_datanodes.warning = 4")) {
            assertEquals(1, lakesh.run("health --json"), lakesh.err());
            JsonNode report = JSON.readTree(lakesh.out());
            assertEquals("WARNING", report.get("status").asText());
            assertEquals("WARNING", check(report, "/hdfs", "live_datanodes").get("status").asText());
        }
        try (Lakesh lakesh = withConf(hdfs.uri().toString(), "health.capacity_used_percent.warning = 0",
                "health.capacity_used_percent.critical = none")) {
            assertEquals(1, lakesh.run("health --json"), lakesh.err());
            assertEquals("WARNING", check(JSON.readTree(lakesh.out()), "/hdfs", "capacity_used_percent").get("status").asText());
        }
    }

    @Test
    void itsOwnErrorsAreUnknown() throws Exception {
        try (Lakesh lakesh = withConf(null, "health.dead_datanodes.warning = lots")) {
            assertEquals(3, lakesh.run("health"));
            assertEquals("health: lakesh.conf: health.dead_datanodes.warning = lots is not a number; "
                    + "write e.g. health.dead_datanodes.warning = 5 (or none)\n", lakesh.err());
        }
        try (Lakesh lakesh = withConf(null, "health.dead_datanode.warning = 1")) {
            assertEquals(3, lakesh.run("health"));
            assertTrue(lakesh.err().startsWith("health: lakesh.conf: health.dead_datanode.warning is not a health setting "
                    + "(levels are health.<check>.warning or .critical for active_workers, capacity_used_percent, corrupt_blocks, dead_datanodes, "), lakesh.err());
        }
        try (Lakesh lakesh = Lakesh.inTempHome()) {
            assertEquals(3, lakesh.run("health --bogus"));
            assertTrue(lakesh.err().startsWith("health: Unknown option: '--bogus'"));
            assertEquals(3, lakesh.run("health --json --prometheus"));
            assertEquals("health: --json and --prometheus are two outputs; choose one\n", lakesh.err());
            assertEquals(0, lakesh.run("health --help"));
            assertTrue(lakesh.out().startsWith("Usage: health"));
        }
    }

    @Test
    void icebergTablesReportSnapshotsSmallFilesAndMissingFiles() throws Exception {
        try (Lakesh lakesh = withConf(null, "health.small_file_min_files = 2")) {
            Path csv = lakesh.home().resolve("rows.csv");
            Files.writeString(csv, "id,region\n1,EU\n2,US\n");
            assertEquals(0, lakesh.run("create table /iceberg/lake/h/t (id bigint, region string); load /iceberg/lake/h/t " + csv
                    + "; load /iceberg/lake/h/t " + csv), lakesh.err());
            lakesh.out();
            assertEquals(1, lakesh.run("health --json /iceberg/lake/h/t"), lakesh.err());
            JsonNode report = JSON.readTree(lakesh.out());
            String t = "/iceberg/lake/h/t";
            assertEquals("OK", check(report, t, "metadata").get("status").asText());
            assertEquals(2, check(report, t, "snapshots").get("value").asInt());
            JsonNode small = check(report, t, "small_file_ratio");
            assertEquals(1.0, small.get("value").asDouble());
            assertEquals("WARNING", small.get("status").asText());
            assertEquals("2 of 2 data files under 33554432 bytes", small.get("message").asText());
            assertEquals("OK", check(report, t, "missing_files").get("status").asText());
            assertTrue(check(report, t, "last_commit_age_seconds").get("value").asLong() < 600);
            assertEquals(0, check(report, t, "orphan_bytes").get("value").asLong());

            // a file nothing references, older than remove-orphans' 3 days, counts as orphan bytes
            Path orphan = lakesh.warehouse().resolve("h/t/data/stray.parquet");
            Files.write(orphan, new byte[1234]);
            Files.setLastModifiedTime(orphan, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 4 * 86_400_000L));
            assertEquals(1, lakesh.run("health --json /iceberg/lake/h/t"), lakesh.err());
            JsonNode orphans = check(JSON.readTree(lakesh.out()), t, "orphan_bytes");
            assertEquals(1234, orphans.get("value").asLong());
            assertEquals("1 unreferenced files older than 3d ('remove-orphans /iceberg/lake/h/t' deletes them)", orphans.get("message").asText());
            Files.delete(orphan);

            // --tables finds the same table through the catalog; a lost data file is critical
            try (var files = Files.walk(lakesh.warehouse().resolve("h/t/data"))) {
                Path data = files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
                Files.delete(data);
            }
            assertEquals(2, lakesh.run("health --json --tables"), lakesh.err());
            JsonNode missing = check(JSON.readTree(lakesh.out()), t, "missing_files");
            assertEquals("CRITICAL", missing.get("status").asText());
            assertEquals(1, missing.get("value").asInt());
            assertTrue(missing.get("message").asText().startsWith("1 of 2 files are missing, e.g. "), missing.toString());
        }
    }

    @Test
    void aDeltaTableReportsItsVersionsAndANonTableIsCritical() throws Exception {
        try (Lakesh lakesh = withConf(null)) {
            Path log = Files.createDirectories(lakesh.warehouse().resolve("events/_delta_log"));
            Files.writeString(log.resolve("00000000000000000000.json"), String.join("\n",
                    "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}",
                    "{\"metaData\":{\"id\":\"e1\",\"format\":{\"provider\":\"parquet\",\"options\":{}},"
                            + "\"schemaString\":\"{\\\"type\\\":\\\"struct\\\",\\\"fields\\\":[{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"long\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}}]}\","
                            + "\"partitionColumns\":[],\"configuration\":{},\"createdTime\":1}}",
                    "{\"add\":{\"path\":\"part-0.parquet\",\"partitionValues\":{},\"size\":100,\"modificationTime\":1,\"dataChange\":true}}",
                    ""));
            Files.writeString(log.resolve("00000000000000000001.json"),
                    "{\"add\":{\"path\":\"part-1.parquet\",\"partitionValues\":{},\"size\":50000000,\"modificationTime\":2,\"dataChange\":true}}\n");
            Files.write(lakesh.warehouse().resolve("events/part-0.parquet"), new byte[100]);
            Files.createDirectories(lakesh.warehouse().resolve("plain"));
            assertEquals(2, lakesh.run("health --json /local/events /local/plain"), lakesh.err());
            JsonNode report = JSON.readTree(lakesh.out());
            assertEquals(2, check(report, "/local/events", "versions").get("value").asInt());
            assertEquals(0.5, check(report, "/local/events", "small_file_ratio").get("value").asDouble());
            JsonNode missing = check(report, "/local/events", "missing_files");
            assertEquals("CRITICAL", missing.get("status").asText());
            assertEquals("1 of 2 data files are missing, e.g. part-1.parquet", missing.get("message").asText());
            JsonNode plain = check(report, "/local/plain", "metadata");
            assertEquals("CRITICAL", plain.get("status").asText());
            assertTrue(plain.get("message").asText().startsWith("'/local/plain' is not an Iceberg table"), plain.toString());
        }
    }
}
