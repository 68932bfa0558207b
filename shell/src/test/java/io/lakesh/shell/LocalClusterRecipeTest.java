package io.lakesh.shell;

import io.lakesh.cluster.LocalCluster;
import io.lakesh.config.LakeshHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `lakesh init local-cluster`: the example inventory's three DataNodes as processes here, planned, applied, applied again. */
class LocalClusterRecipeTest {
    static final Path ROOT = Path.of(System.getProperty("lakesh.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void planApplyAndApplyAgainStartTheClusterOnce() throws Exception {
        LakeshHome home = new LakeshHome(dir.resolve("home")).ensureCreated();
        String inventory = ROOT.resolve("lakefs-init/inventory.example.yaml").toString();
        LocalCluster cluster = new LocalCluster(home);
        try {
            MainRun plan = MainRun.of(home, "", "init", "local-cluster", "--inventory", inventory, "--plan");
            assertEquals(0, plan.status(), plan.err());
            assertTrue(plan.out().contains("+ start namenode"), plan.out());
            assertTrue(plan.out().contains("+ start datanode-3"), plan.out());
            assertFalse(cluster.running(), "a plan changes nothing");

            MainRun apply = MainRun.of(home, "", "init", "local-cluster", "--inventory", inventory, "--apply");
            assertEquals(0, apply.status(), apply.err());
            assertTrue(cluster.running(), apply.out());
            assertEquals(3, cluster.status().stream().filter(s -> s.process().startsWith("datanode") && s.running()).count(),
                    cluster.status().toString());

            MainRun again = MainRun.of(home, "", "init", "local-cluster", "--inventory", inventory, "--apply");
            assertEquals(0, again.status(), again.err());
            assertTrue(again.out().contains("nothing to change"), again.out());

            MainRun ls = MainRun.of(home, "", "-c", "mkdir /hdfs/demo; ls /hdfs");
            assertEquals(0, ls.status(), ls.err());
            assertTrue(ls.out().contains("demo"), "the cluster is /hdfs: " + ls.out());
        } finally {
            cluster.stop();
        }
        assertFalse(cluster.running());
    }
}
