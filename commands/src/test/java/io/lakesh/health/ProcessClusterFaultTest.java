package io.lakesh.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakesh.cluster.ClusterSpec;
import io.lakesh.cluster.LocalCluster;
import io.lakesh.config.Config;
import io.lakesh.config.LakeshHome;
import io.lakesh.store.HadoopConf;
import io.lakesh.testing.Lakesh;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fault test on the process cluster: a DataNode killed by its pid (SIGKILL) in the middle of a read of a
 * replication-2 file; the read completes with the right checksum, `health` reports the dead node and the
 * under-replicated blocks within ~30 s, and OK again once `cluster start` has brought the node back. Two DataNodes,
 * so every block has a replica on the killed node and none can be re-replicated until it returns.
 */
class ProcessClusterFaultTest {
    static final int BLOCK = 4 << 20;

    @Test
    void aDataNodeKilledDuringAReadIsReportedAndRecovers() throws Exception {
        assumeTrue(System.getenv("HADOOP_CONF_DIR") == null, "HADOOP_CONF_DIR names another /hdfs");
        java.nio.file.Path home = Files.createTempDirectory("lakesh-fault-");
        LocalCluster cluster = new LocalCluster(new LakeshHome(home));
        // the daemons run in sessions of their own and would outlive a test JVM stopped before the finally below
        Thread stopAtExit = new Thread(() -> {
            try {
                cluster.stop();
            } catch (java.io.IOException e) {
                System.err.println("ProcessClusterFaultTest: stopping the cluster: " + e.getMessage());
            }
        });
        Runtime.getRuntime().addShutdownHook(stopAtExit);
        try {
            cluster.start(2, Duration.ofSeconds(180), s -> { });
            ClusterSpec spec = cluster.spec().orElseThrow();
            byte[] content = new byte[10 * BLOCK + 12345]; // 11 blocks, some tens of MB
            new Random(11).nextBytes(content);
            try (FileSystem fs = FileSystem.newInstance(spec.uri(),
                    HadoopConf.client(new Config(home.resolve("lakesh.conf")), cluster.home().confDir()));
                 FSDataOutputStream s = fs.create(new Path("/fault.bin"), true, 65536, (short) 2, BLOCK)) {
                s.write(content);
            }
            try (Lakesh lakesh = new Lakesh(home)) {
                assertEquals(0, lakesh.run("health --json"), lakesh.out() + lakesh.err());
                lakesh.out();

                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                long victim = cluster.pid("datanode-1").orElseThrow();
                String deadAddress = "127.0.0.1:" + spec.dataNodes().get(0).dataPort();
                var location = lakesh.namespace().resolve("/hdfs/fault.bin");
                try (InputStream in = location.store().open(location.storePath())) {
                    digest.update(in.readNBytes(content.length / 2));
                    ProcessHandle dataNode = ProcessHandle.of(victim).orElseThrow();
                    assertTrue(dataNode.destroyForcibly(), "kill -9 " + victim);
                    dataNode.onExit().get();
                    digest.update(in.readAllBytes());
                }
                assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(content), digest.digest(), "the read completes right");
                assertFalse(cluster.running());

                long start = System.nanoTime();
                JsonNode dead = HealthFaultTest.waitFor(lakesh, r -> HealthTest.check(r, "/hdfs", "dead_datanodes").get("value").asInt() == 1
                        && HealthTest.check(r, "/hdfs", "under_replicated_blocks").get("value").asInt() > 0, 60);
                long seconds = (System.nanoTime() - start) / 1_000_000_000L;
                // dead after 2 × recheck (5 s) + 10 × heartbeat (1 s): ~20 s, then up to one recheck for the block counts
                assertTrue(seconds <= 35, "dead reported after " + seconds + " s");
                assertEquals("WARNING", dead.get("status").asText());
                assertEquals("1 dead: " + deadAddress, HealthTest.check(dead, "/hdfs", "dead_datanodes").get("message").asText());
                assertEquals(1, HealthTest.check(dead, "/hdfs", "live_datanodes").get("value").asInt());
                assertEquals(11, HealthTest.check(dead, "/hdfs", "under_replicated_blocks").get("value").asInt(),
                        "every block lost one of its two replicas");
                assertEquals(0, HealthTest.check(dead, "/hdfs", "missing_blocks").get("value").asInt());

                assertEquals(List.of("start datanode-1"), cluster.plan(2));
                assertEquals(0, lakesh.run("cluster start"), lakesh.err());
                assertTrue(lakesh.out().startsWith("started datanode-1; 2 DataNodes live"));
                JsonNode back = HealthFaultTest.waitFor(lakesh, r -> r.get("status").asText().equals("OK"), 60);
                assertEquals(2, HealthTest.check(back, "/hdfs", "live_datanodes").get("value").asInt());
                assertEquals(0, HealthTest.check(back, "/hdfs", "under_replicated_blocks").get("value").asInt());
                assertEquals(0, lakesh.run("health"));
                lakesh.out();
            }
        } finally {
            cluster.stop();
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
            io.lakesh.init.TrinoLocal.deleteTree(home);
        }
    }
}
