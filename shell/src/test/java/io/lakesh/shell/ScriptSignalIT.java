package io.lakesh.shell;

import io.lakesh.testing.HdfsCluster;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ctrl-C (SIGINT) on a non-interactive `lakesh -c 'cp …'` ends the process without leaving partial files. */
class ScriptSignalIT {
    @Test
    void interruptingAScriptedCopyLeavesNoPartialFile() throws Exception {
        HdfsCluster hdfs = HdfsCluster.shared();
        java.nio.file.Path home = Files.createTempDirectory("lakesh-signal-");
        Files.writeString(home.resolve("lakesh.conf"), "mount./hdfs = " + hdfs.uri() + "\n");
        Files.createDirectories(home.resolve("warehouse"));
        try (RandomAccessFile f = new RandomAccessFile(home.resolve("warehouse/big.bin").toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        String jar = System.getProperty("lakesh.root") + "/shell/target/lakesh.jar";
        ProcessBuilder pb = new ProcessBuilder("java", "-jar", jar, "-c", "cp /local/big.bin /hdfs/signal.bin")
                .redirectErrorStream(true);
        pb.environment().put("LAKESH_HOME", home.toString());
        Process p = pb.start();
        try (FileSystem fs = hdfs.fs()) {
            long deadline = System.currentTimeMillis() + 30_000;
            while (!fs.exists(new Path("/signal.bin._COPYING_")) && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(fs.exists(new Path("/signal.bin._COPYING_")), "the copy started");
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "lakesh ended after SIGINT");
            assertNotEquals(0, p.exitValue());
            assertFalse(fs.exists(new Path("/signal.bin")), "no target file");
            assertFalse(fs.exists(new Path("/signal.bin._COPYING_")), "no temporary file");
        } finally {
            p.destroyForcibly();
        }
    }
}
