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
    void lsOfADirectoryIsOneListingCallAndAFileListsAsItself() {
        assertEquals(0, lakesh.run("mkdir -p /hdfs/t9/sub; touch /hdfs/t9/f1; touch /hdfs/t9/f2"), lakesh.err());
        long listings = dfsOps("op_list_status");
        long stats = dfsOps("op_get_file_status");
        assertEquals(0, lakesh.run("ls /hdfs/t9"), lakesh.err());
        assertEquals("f1   file\nf2   file\nsub  dir\n", lakesh.out());
        // the listing, and for the one subdirectory the two looks for a table layout (_delta_log/, metadata/)
        assertEquals(1, dfsOps("op_list_status") - listings, "listings");
        assertEquals(2, dfsOps("op_get_file_status") - stats, "status calls");
        assertEquals(0, lakesh.run("ls /hdfs/t9/f1"), lakesh.err());
        assertEquals("/hdfs/t9/f1  file\n", lakesh.out());
        assertEquals(1, lakesh.run("ls /hdfs/t9/none"));
        assertEquals("ls: '/hdfs/t9/none': No such file or directory\n", lakesh.err());
        assertEquals(0, lakesh.run("ls -d /hdfs/t9"), lakesh.err());
        assertEquals("/hdfs/t9  dir\n", lakesh.out());
    }

    /** Calls made by this JVM's HDFS clients, as Hadoop counts them (per operation, for all clients). */
    private static long dfsOps(String op) {
        return org.apache.hadoop.fs.GlobalStorageStatistics.INSTANCE.get("DFSOpsCountStatistics").getLong(op);
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

    @Test
    void setrepDuCountAndDfOnHdfs() throws Exception {
        try (FileSystem fs = hdfs.fs()) {
            for (int i = 0; i < 3; i++) {
                try (var out = fs.create(new Path("/t5/d/f" + i), (short) 2)) {
                    out.write(new byte[1000]);
                }
            }
        }
        assertEquals(0, lakesh.run("setrep -w 3 /hdfs/t5/d"), lakesh.err());
        assertTrue(lakesh.out().contains("Replication 3 set: /hdfs/t5/d/f2"));
        assertEquals(0, lakesh.run("du -s --format csv /hdfs/t5"));
        assertEquals("size,with_replicas,path\n3000,9000,/hdfs/t5\n", lakesh.out());
        assertEquals(0, lakesh.run("count --format csv /hdfs/t5"));
        assertEquals("directories,files,size,path\n2,3,3000,/hdfs/t5\n", lakesh.out());
        assertEquals(0, lakesh.run("df --format csv /hdfs"));
        String df = lakesh.out();
        assertTrue(df.lines().toList().get(1).startsWith(hdfs.uri().toString().replaceAll("/$", "")), df);
    }

    @Test
    void mvFindAndRmOnHdfs() {
        assertEquals(0, lakesh.run("mkdir -p /hdfs/t6/in; touch /hdfs/t6/in/a.parquet /hdfs/t6/in/b.csv"), lakesh.err());
        assertEquals(0, lakesh.run("mv /hdfs/t6/in /hdfs/t6/out"), lakesh.err());
        assertEquals(0, lakesh.run("find /hdfs/t6 -name '*.parquet'"));
        assertEquals("/hdfs/t6/out/a.parquet\n", lakesh.out());
        assertEquals(0, lakesh.run("ls /hdfs/t6/out/*.{csv,parquet}"));
        assertEquals("/hdfs/t6/out/a.parquet  file\n/hdfs/t6/out/b.csv      file\n", lakesh.out());
        assertEquals(1, lakesh.run("rm -r /hdfs/t6"));
        assertEquals("rm: would delete '/hdfs/t6': 1 directories, 2 files, 0 B; add --force to delete without asking\n", lakesh.err());
        assertEquals(0, lakesh.run("rm -r --force /hdfs/t6; ls /hdfs"));
        assertFalse(lakesh.out().contains("t6"));
    }

    @Test
    void copiesCrossStoresBothWaysAndKeepBytes() throws Exception {
        java.nio.file.Path src = lakesh.warehouse().resolve("tree");
        Files.createDirectories(src.resolve("p=1"));
        for (int i = 0; i < 20; i++) {
            Files.writeString(src.resolve("p=1/part-" + i + ".txt"), "row " + i + "\n");
        }
        assertEquals(0, lakesh.run("cp -t 4 /local/tree /hdfs/t7"), lakesh.err());
        assertEquals(0, lakesh.run("cp " + hdfs.uri() + "t7 /local/back"), lakesh.err());
        assertEquals("row 13\n", Files.readString(lakesh.warehouse().resolve("back/p=1/part-13.txt")));
        assertEquals(0, lakesh.run("cd /hdfs/t7/p=1; cat part-1[0-2].txt; pwd"));
        assertEquals("row 10\nrow 11\nrow 12\n/hdfs/t7/p=1\n", lakesh.out());
        assertEquals(0, lakesh.run("cd /local"));
    }

    @Test
    void hdfsTablesAreLabelledToo() throws Exception {
        try (FileSystem fs = hdfs.fs()) {
            try (var commit = fs.create(new Path("/wh/db/events/_delta_log/00000000000000000000.json"))) {
                commit.write(("{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}\n{\"metaData\":{\"id\":\"e\",\"format\":"
                        + "{\"provider\":\"parquet\",\"options\":{}},\"schemaString\":\"{\\\"type\\\":\\\"struct\\\",\\\"fields\\\":[]}\","
                        + "\"partitionColumns\":[],\"configuration\":{}}}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            new org.apache.iceberg.hadoop.HadoopTables(hdfs.conf()).create(
                    new org.apache.iceberg.Schema(org.apache.iceberg.types.Types.NestedField.optional(1, "id", org.apache.iceberg.types.Types.LongType.get())),
                    hdfs.uri() + "wh/db/orders");
            for (int i = 0; i < 6; i++) {
                fs.mkdirs(new Path("/wh/db/plain" + i + "/metadata"));
            }
        }
        assertEquals(0, lakesh.run("ls -l --format csv /hdfs/wh/db"));
        String csv = lakesh.out();
        // a directory holding a Delta table lists each table at a glance (version 0, no files yet)
        assertTrue(csv.lines().anyMatch(line -> line.matches("delta,r1/w2,0,0,0,0,[^,]+,events")), csv);
        assertTrue(csv.lines().anyMatch(line -> line.matches("iceberg,v2,,,,0,[^,]+,orders")), csv);
        assertEquals(6, csv.lines().filter(line -> line.matches("dir,.*,plain[0-5]")).count(), csv);
    }
}
