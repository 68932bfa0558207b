package io.lakesh.cluster;

import io.lakesh.config.LakeshHome;
import io.lakesh.testing.Lakesh;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The local cluster as processes, one lifecycle in order: start (3 DataNodes live, /hdfs mounted with replication
 * 2), a second start that changes nothing, status, a stale pid file, stop, and health against the stopped cluster.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalClusterTest {
    static Path home;
    static LocalCluster cluster;

    @BeforeAll
    static void create() throws Exception {
        assumeTrue(System.getenv("HADOOP_CONF_DIR") == null, "HADOOP_CONF_DIR names another /hdfs");
        home = Files.createTempDirectory("lakesh-cluster-");
        cluster = new LocalCluster(new LakeshHome(home));
        Runtime.getRuntime().addShutdownHook(new Thread(LocalClusterTest::stopQuietly));
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.stop();
            io.lakesh.init.TrinoLocal.deleteTree(home);
        }
    }

    private static void stopQuietly() {
        try {
            cluster.stop();
        } catch (Exception e) {
            System.err.println("LocalClusterTest: stopping the cluster: " + e.getMessage());
        }
    }

    @Test
    @Order(1)
    void startRunsANameNodeAndThreeDataNodesAndMountsHdfs() throws Exception {
        assertEquals(List.of("create the cluster under " + home.resolve("cluster") + " (free ports on 127.0.0.1, replication 2)",
                "format the NameNode", "start namenode", "start datanode-1", "start datanode-2", "start datanode-3"), cluster.plan(3));
        try (Lakesh lakesh = new Lakesh(home)) {
            assertEquals(0, lakesh.run("cluster start"), lakesh.err());
            String out = lakesh.out();
            ClusterSpec spec = cluster.spec().orElseThrow();
            assertTrue(out.startsWith("started namenode, datanode-1, datanode-2, datanode-3; 3 DataNodes live after "), out);
            assertTrue(out.contains("/hdfs = " + spec.uri() + ", web UI " + spec.webUi()), out);
            assertTrue(cluster.running());

            // the session that started it writes through it, with the cluster's replication
            Files.writeString(home.resolve("a.txt"), "hello\n");
            assertEquals(0, lakesh.run("put " + home.resolve("a.txt") + " /hdfs/a.txt"), lakesh.err());
            lakesh.out();
            assertEquals(2, replication(lakesh, "/hdfs/a.txt"));
        }
        // a new session finds it without any configuration
        try (Lakesh lakesh = new Lakesh(home)) {
            assertEquals(0, lakesh.run("cat /hdfs/a.txt"), lakesh.err());
            assertEquals("hello\n", lakesh.out());
            assertEquals(2, replication(lakesh, "/hdfs/a.txt"));
        }
    }

    @Test
    @Order(2)
    void aSecondStartChangesNothing() throws Exception {
        List<Long> pids = cluster.status().stream().map(LocalCluster.ProcessStatus::pid).toList();
        assertEquals(List.of(), cluster.plan(3));
        try (Lakesh lakesh = new Lakesh(home)) {
            assertEquals(0, lakesh.run("cluster start"), lakesh.err());
            assertTrue(lakesh.out().startsWith("the local cluster is already running (3 DataNodes): /hdfs = "));
        }
        assertEquals(pids, cluster.status().stream().map(LocalCluster.ProcessStatus::pid).toList());
    }

    @Test
    @Order(3)
    void statusShowsEachProcessWithPidPortsAndTheWebUi() throws Exception {
        ClusterSpec spec = cluster.spec().orElseThrow();
        try (Lakesh lakesh = new Lakesh(home)) {
            assertEquals(0, lakesh.run("cluster status"), lakesh.err());
            List<String> lines = lakesh.out().lines().toList();
            assertEquals(6, lines.size(), String.join("\n", lines));
            assertTrue(lines.get(0).matches("process +pid +state +address +web +log"), lines.get(0));
            long nn = cluster.pid("namenode").orElseThrow();
            assertTrue(lines.get(1).matches("namenode +" + nn + " +running +127\\.0\\.0\\.1:" + spec.nameNodePort()
                    + " +" + java.util.regex.Pattern.quote(spec.webUi()) + " +.*namenode\\.log"), lines.get(1));
            for (int i = 1; i <= 3; i++) {
                assertTrue(lines.get(1 + i).matches("datanode-" + i + " +\\d+ +running +127\\.0\\.0\\.1:"
                        + spec.dataNodes().get(i - 1).dataPort() + " .*"), lines.get(1 + i));
            }
            assertEquals("web UI " + spec.webUi() + "  (" + spec.uri() + ", replication 2)", lines.get(5));
        }
        // the web UI answers
        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(spec.webUi() + "dfshealth.html")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
    }

    @Test
    @Order(4)
    void aBiggerCountAddsDataNodesAndASmallerOneIsRefused() {
        assertEquals(List.of("start datanode-4"), cluster.plan(4));
        io.lakesh.LakeshException e = org.junit.jupiter.api.Assertions.assertThrows(io.lakesh.LakeshException.class, () -> cluster.plan(2));
        assertEquals("the local cluster has 3 DataNodes; it cannot shrink to 2 (their blocks would go): start it with --datanodes 3,"
                + " or 'cluster stop' and remove " + home.resolve("cluster") + " to start over", e.getMessage());
        try (Lakesh lakesh = new Lakesh(home)) {
            assertEquals(2, lakesh.run("cluster start --datanodes 0"));
            assertEquals("cluster: --datanodes takes 1 to 16, not 0\n", lakesh.err());
            assertEquals(2, lakesh.run("cluster restart"));
            assertEquals("cluster: unknown action 'restart' (start, stop, status)\n", lakesh.err());
        }
    }

    @Test
    @Order(5)
    void aPidFileOfAnotherProcessIsStaleAndStartReplacesIt() throws Exception {
        long pid = cluster.pid("datanode-3").orElseThrow();
        ProcessHandle dataNode = ProcessHandle.of(pid).orElseThrow();
        dataNode.destroyForcibly();
        dataNode.onExit().get();
        // the number now names this test JVM: alive, but not the DataNode
        Files.writeString(home.resolve("cluster/datanode-3.pid"), Long.toString(ProcessHandle.current().pid()));
        LocalCluster.ProcessStatus stale = cluster.status().get(3);
        assertEquals("stale pid file", stale.state());
        assertFalse(cluster.running());
        assertEquals(List.of("start datanode-3"), cluster.plan(3));
        LocalCluster.StartResult r = cluster.start(3, java.time.Duration.ofSeconds(120), s -> { });
        assertEquals(List.of("datanode-3"), r.started());
        assertTrue(cluster.running());
    }

    @Test
    @Order(6)
    void stopEndsEveryProcessAndHealthThenSaysCriticalWithTheReasonQuickly() throws Exception {
        List<Long> pids = cluster.status().stream().map(LocalCluster.ProcessStatus::pid).toList();
        try (Lakesh lakesh = new Lakesh(home)) {
            assertEquals(0, lakesh.run("cluster stop"), lakesh.err());
            assertEquals("stopped datanode-1, datanode-2, datanode-3, namenode\n", lakesh.out());
            for (long pid : pids) {
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " still runs");
            }
            assertEquals(0, lakesh.run("cluster status"), lakesh.err());
            assertEquals(4, lakesh.out().lines().filter(l -> l.contains(" stopped ")).count());
            assertEquals(0, lakesh.run("cluster stop"));
            assertEquals("the local cluster is not running\n", lakesh.out());

            long start = System.nanoTime();
            assertEquals(2, lakesh.run("health --json"), lakesh.err());
            long millis = (System.nanoTime() - start) / 1_000_000;
            var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lakesh.out());
            assertEquals("CRITICAL", report.get("status").asText());
            var namenode = report.get("checks").get(0);
            assertEquals("/hdfs", namenode.get("target").asText());
            assertEquals("CRITICAL", namenode.get("status").asText());
            assertTrue(namenode.get("message").asText().contains("the local cluster is stopped (cluster start)"), namenode.toString());
            assertTrue(millis < 10_000, "health took " + millis + " ms");
        }
    }

    private static int replication(Lakesh lakesh, String path) throws Exception {
        var location = lakesh.namespace().resolve(path);
        return location.store().stat(location.storePath()).replication();
    }
}
