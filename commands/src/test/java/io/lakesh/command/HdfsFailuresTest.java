package io.lakesh.command;

import io.lakesh.testing.HdfsCluster;
import io.lakesh.testing.Lakesh;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.security.PrivilegedExceptionAction;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What users see when HDFS says no: unreachable NameNode, permissions, a cancelled copy. */
class HdfsFailuresTest {
    static HdfsCluster hdfs;

    @BeforeAll
    static void start() {
        hdfs = HdfsCluster.shared();
    }

    private static Lakesh withHdfs() throws Exception {
        Lakesh l = Lakesh.inTempHome();
        Files.writeString(l.home().resolve("lakesh.conf"), "mount./hdfs = " + hdfs.uri() + "\n");
        l.close();
        return new Lakesh(l.home());
    }

    @Test
    void anUnreachableNameNodeFailsInSecondsWithOneLine() {
        try (Lakesh lakesh = Lakesh.inTempHome()) {
            assertEquals(0, lakesh.run("mount /dead hdfs://127.0.0.1:1/"), lakesh.err());
            lakesh.out();
            long start = System.nanoTime();
            assertEquals(1, lakesh.run("ls /dead"));
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            String err = lakesh.err();
            assertEquals(1, err.lines().count(), err);
            assertTrue(err.startsWith("ls: cannot reach the file system of '/dead': connection refused"), err);
            // a behaviour, not a benchmark: seconds, not the minutes of Hadoop's default retries
            assertTrue(seconds < 20, "took " + seconds + " s");
        }
    }

    @Test
    void permissionDeniedNamesThePath() throws Exception {
        try (FileSystem fs = hdfs.fs()) {
            fs.mkdirs(new Path("/private/inner"));
            fs.setPermission(new Path("/private"), new FsPermission((short) 0700));
        }
        UserGroupInformation alice = UserGroupInformation.createUserForTesting("alice", new String[] {"users"});
        AtomicInteger status = new AtomicInteger();
        String err = alice.doAs((PrivilegedExceptionAction<String>) () -> {
            try (Lakesh lakesh = withHdfs()) {
                status.set(lakesh.run("ls /hdfs/private"));
                return lakesh.err();
            }
        });
        assertEquals(1, status.get());
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("ls: '/hdfs/private': Permission denied: user=alice, access=READ_EXECUTE, inode=\"/private\""), err);
    }

    @Test
    void aCancelledCopyLeavesNoPartialFile() throws Exception {
        try (Lakesh lakesh = withHdfs()) {
            java.nio.file.Path big = lakesh.warehouse().resolve("big.bin");
            try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
                f.setLength(2L << 30);
            }
            AtomicInteger status = new AtomicInteger(-1);
            Thread copy = new Thread(() -> status.set(lakesh.run("cp /local/big.bin /hdfs/cancelled.bin")));
            copy.start();
            Thread.sleep(700);
            copy.interrupt(); // what Ctrl-C does in the session
            copy.join(60_000);
            assertFalse(copy.isAlive(), "the copy stopped");
            assertEquals(1, status.get());
            assertEquals("cp: cancelled\n", lakesh.err());
            try (FileSystem fs = hdfs.fs()) {
                assertFalse(fs.exists(new Path("/cancelled.bin")), "no target file");
                assertFalse(fs.exists(new Path("/cancelled.bin._COPYING_")), "no temporary file");
            }
        }
    }
}
