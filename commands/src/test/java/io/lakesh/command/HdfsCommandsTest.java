package io.lakesh.command;

import io.lakesh.testing.HdfsCluster;
import io.lakesh.testing.Lakesh;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** File commands against a real HDFS (MiniDFSCluster: 3 DataNodes, replication 2). */
class HdfsCommandsTest {
    static HdfsCluster hdfs;
    static Lakesh lakesh;

    @BeforeAll
    static void start() throws Exception {
        hdfs = HdfsCluster.shared();
        lakesh = Lakesh.inTempHome();
        Files.writeString(lakesh.home().resolve("lakesh.conf"), "mount./hdfs = " + hdfs.uri() + "\nhadoop.dfs.replication = 2\n");
        lakesh.close();
        lakesh = new Lakesh(lakesh.home());
    }

    @AfterAll
    static void stop() {
        lakesh.close();
    }

    @Test
    void mkdirTouchAndLsOnHdfs() {
        assertEquals(0, lakesh.run("mkdir -p /hdfs/t1/a/b; touch /hdfs/t1/a/f1"), lakesh.err());
        assertEquals(0, lakesh.run("ls /hdfs/t1/a"));
        assertEquals("b   dir\nf1  file\n", lakesh.out());
    }

    @Test
    void filesWrittenToHdfsGetTheConfiguredReplication() throws Exception {
        Files.writeString(lakesh.warehouse().resolve("r.txt"), "replicated\n");
        assertEquals(0, lakesh.run("mkdir -p /hdfs/t2; cp /local/r.txt /hdfs/t2/"), lakesh.err());
        try (FileSystem fs = hdfs.fs()) {
            assertEquals(2, fs.getFileStatus(new Path("/t2/r.txt")).getReplication());
        }
        assertEquals(0, lakesh.run("ls --format csv -l /hdfs/t2"));
        String csv = lakesh.out();
        assertTrue(csv.lines().anyMatch(l -> l.startsWith("-rw-r--r--,2,") && l.endsWith(",11,") == false && l.contains(",file,r.txt")), csv);
    }

    @Test
    void checksumsAgreeBetweenLocalAndHdfsCopies() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(7).nextBytes(data);
        Files.write(lakesh.warehouse().resolve("c.bin"), data);
        assertEquals(0, lakesh.run("mkdir -p /hdfs/t3; cp /local/c.bin /hdfs/t3/c.bin"), lakesh.err());
        assertEquals(0, lakesh.run("checksum --format csv /local/c.bin /hdfs/t3/c.bin"), lakesh.err());
        String[] lines = lakesh.out().split("\n");
        assertEquals(3, lines.length);
        String local = lines[1].split(",")[1];
        String remote = lines[2].split(",")[1];
        assertEquals(local, remote, "same content, same checksum");
        assertTrue(lines[2].startsWith("COMPOSITE-CRC32C,"), lines[2]);
    }

    @Test
    void blocksShowTwoReplicasOnDistinctDataNodes() throws Exception {
        try (FileSystem fs = hdfs.fs()) {
            try (var out = fs.create(new Path("/t4/b.txt"), (short) 2)) {
                out.write("hello".getBytes(StandardCharsets.UTF_8));
            }
        }
        assertEquals(0, lakesh.run("blocks --format csv /hdfs/t4/b.txt"), lakesh.err());
        String[] row = lakesh.out().split("\n")[1].split(",", 6);
        assertEquals("2", row[4]);
        String[] nodes = row[5].replace("\"", "").split(",");
        assertEquals(2, nodes.length);
        assertFalse(nodes[0].equals(nodes[1]));
    }
}
