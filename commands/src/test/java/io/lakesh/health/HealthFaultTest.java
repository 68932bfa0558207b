package io.lakesh.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakesh.testing.HdfsCluster;
import io.lakesh.testing.Lakesh;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Random;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A DataNode dies during a read, on a cluster of its own: the read completes, `health` reports the dead node and
 * the under-replicated blocks, and OK again once the node is back. Two DataNodes and replication 2, so no third
 * node can take the lost replicas and the under-replication lasts until the node returns.
 */
class HealthFaultTest {
    static final int BLOCK = 1 << 20;

    @TempDir
    java.nio.file.Path dir;

    @Test
    void aDeadDataNodeWarnsUntilItIsBack() throws Exception {
        try (HdfsCluster hdfs = HdfsCluster.start(dir.resolve("dfs"), 2);
             Lakesh lakesh = HealthTest.withConf(hdfs.uri().toString())) {
            byte[] content = new byte[3 * BLOCK + 1000];
            new Random(7).nextBytes(content);
            try (FileSystem fs = hdfs.fs(); FSDataOutputStream s = fs.create(new Path("/f.bin"), true, 4096, (short) 2, BLOCK)) {
                s.write(content);
            }
            assertEquals(0, lakesh.run("health --json"), lakesh.out() + lakesh.err());
            lakesh.out();

            // half the file read, then a DataNode goes: the client reads on from the other replicas
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            MiniDFSCluster.DataNodeProperties stopped;
            String deadAddress;
            var location = lakesh.namespace().resolve("/hdfs/f.bin");
            try (InputStream in = location.store().open(location.storePath())) {
                digest.update(in.readNBytes(content.length / 2));
                deadAddress = hdfs.cluster().getDataNodes().get(0).getDatanodeId().getXferAddr();
                stopped = hdfs.cluster().stopDataNode(0);
                digest.update(in.readAllBytes());
            }
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(content), digest.digest(), "the read completes right");

            long start = System.nanoTime();
            // the report counts a node dead from its last heartbeat; its replicas leave the block counts when the
            // NameNode's next heartbeat check removes it, up to a recheck interval later
            JsonNode dead = waitFor(lakesh, r -> HealthTest.check(r, "/hdfs", "dead_datanodes").get("value").asInt() == 1
                    && HealthTest.check(r, "/hdfs", "under_replicated_blocks").get("value").asInt() > 0, 45);
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            // dead after 2 × recheck (5 s) + 10 × heartbeat (1 s) on this cluster: about 20 s, and one more recheck
            assertTrue(seconds <= 35, "dead reported after " + seconds + " s");
            assertEquals("WARNING", dead.get("status").asText());
            assertEquals(1, dead.get("exit_code").asInt());
            JsonNode node = HealthTest.check(dead, "/hdfs", "dead_datanodes");
            assertEquals("WARNING", node.get("status").asText());
            assertEquals("1 dead: " + deadAddress, node.get("message").asText());
            assertEquals(1, HealthTest.check(dead, "/hdfs", "live_datanodes").get("value").asInt());
            JsonNode under = HealthTest.check(dead, "/hdfs", "under_replicated_blocks");
            assertEquals(4, under.get("value").asInt(), "every block of the file lost one of its two replicas");
            assertEquals("WARNING", under.get("status").asText());
            assertEquals(0, HealthTest.check(dead, "/hdfs", "missing_blocks").get("value").asInt());

            assertTrue(hdfs.cluster().restartDataNode(stopped, true));
            hdfs.cluster().waitActive();
            JsonNode back = waitFor(lakesh, r -> r.get("status").asText().equals("OK"), 60);
            assertEquals(0, HealthTest.check(back, "/hdfs", "dead_datanodes").get("value").asInt());
            assertEquals(0, HealthTest.check(back, "/hdfs", "under_replicated_blocks").get("value").asInt());
            assertEquals(2, HealthTest.check(back, "/hdfs", "live_datanodes").get("value").asInt());
            assertEquals(0, lakesh.run("health"), "exit status follows");
        }
    }

    /** Runs `health --json` each second until the report matches; fails with the last report after the time. */
    static JsonNode waitFor(Lakesh lakesh, Predicate<JsonNode> until, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        JsonNode last;
        do {
            lakesh.run("health --json");
            last = HealthTest.JSON.readTree(lakesh.out());
            lakesh.err();
            if (until.test(last)) {
                return last;
            }
            Thread.sleep(1000);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not within " + seconds + " s; last report " + last.toPrettyString());
    }
}
