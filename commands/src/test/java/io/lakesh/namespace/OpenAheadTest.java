package io.lakesh.namespace;

import io.lakesh.config.Config;
import io.lakesh.config.LakeshHome;
import io.lakesh.testing.HdfsCluster;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A command line that names a Hadoop store gets its client opened in the background, before the command runs. */
class OpenAheadTest {
    private static final List<Mount> MOUNTS = List.of(
            new Mount("/local", URI.create("file:///tmp/w/"), "default"),
            new Mount("/hdfs", URI.create("hdfs://nn:8020/"), "lakesh.conf"),
            new Mount("/archive", URI.create("hdfs://old:8020/data"), "lakesh.conf"));

    @Test
    void mountPointsAndHdfsUrisNamedInTheLineAreTheTargets() {
        assertEquals(List.of(URI.create("hdfs://nn:8020/")), OpenAhead.targets(MOUNTS, "ls /hdfs/bench/ls"));
        assertEquals(List.of(URI.create("hdfs://nn:8020/")), OpenAhead.targets(MOUNTS, "cd /hdfs; ls"));
        assertEquals(List.of(URI.create("hdfs://old:8020/data"), URI.create("hdfs://x:9000/")),
                OpenAhead.targets(MOUNTS, "cp '/archive/a b' hdfs://x:9000/in/"));
        assertEquals(List.of(), OpenAhead.targets(MOUNTS, "ls /local/hdfs /hdfsx a/hdfs"), "only whole leading components");
        assertEquals(List.of(), OpenAhead.targets(MOUNTS, "ls /local"), "the local store needs no opening");
    }

    @Test
    void theStoreIsOpenBeforeTheCommandAsksForIt() throws Exception {
        HdfsCluster hdfs = HdfsCluster.shared();
        Path home = Files.createTempDirectory("lakesh-ahead-");
        Files.writeString(home.resolve("lakesh.conf"), "mount./hdfs = " + hdfs.uri() + "\n");
        LakeshHome h = new LakeshHome(home).ensureCreated();
        try (Namespace ns = new Namespace(h, new Config(h.config()))) {
            assertNull(OpenAhead.start(ns, "ls /local"), "nothing to open");
            assertFalse(ns.isOpen(hdfs.uri()));
            Thread t = OpenAhead.start(ns, "ls /hdfs/x");
            t.join(30_000);
            assertTrue(ns.isOpen(hdfs.uri()), "opened by " + t.getName());
        }
    }
}
