package io.lakesh.init;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.HdfsConstants;
import org.apache.hadoop.hdfs.server.datanode.DataNode;
import org.apache.hadoop.hdfs.server.namenode.NameNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated HDFS configuration runs a real NameNode and DataNode, and clients write with its replication. */
class HadoopSiteFilesTest {
    @TempDir
    java.nio.file.Path dir;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aNameNodeAndADataNodeStartFromTheGeneratedFiles() throws Exception {
        java.nio.file.Path inventory = dir.resolve("inventory.yaml");
        Files.writeString(inventory, """
                cluster: one
                replication: 1
                defaults:
                  directories: {namenode: %s/nn, datanode: %s/dn, hadoop-conf: %s/conf}
                hosts:
                  127.0.0.1:
                    roles: [namenode, datanode]
                    ports: {namenode-rpc: %d, namenode-http: %d, datanode: %d, datanode-http: %d, datanode-ipc: %d}
                """.formatted(dir, dir, dir, freePort(), freePort(), freePort(), freePort(), freePort()));
        Inventory inv = Inventory.load(inventory, Map.of());
        Map<String, String> files = HadoopSiteFiles.render(inv);
        for (Map.Entry<String, String> f : files.entrySet()) {
            java.nio.file.Path p = dir.resolve("conf").resolve(f.getKey().substring("hadoop/127.0.0.1/".length()));
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }

        Configuration conf = new Configuration();
        conf.addResource(new Path(dir.resolve("conf/core-site.xml").toUri()));
        conf.addResource(new Path(dir.resolve("conf/hdfs-site.xml").toUri()));
        // a single machine: the DataNode registers as 127.0.0.1, whatever its reverse lookup says
        conf.setBoolean("dfs.namenode.datanode.registration.ip-hostname-check", false);
        // format and start each register metrics under one name; in one JVM that needs Hadoop's mini-cluster mode
        org.apache.hadoop.metrics2.lib.DefaultMetricsSystem.setMiniClusterMode(true);
        NameNode.format(conf);
        NameNode nn = NameNode.createNameNode(new String[0], conf);
        DataNode dn = null;
        try {
            dn = DataNode.createDataNode(new String[0], conf);
            assertEquals(inv.defaultFs(), "hdfs://127.0.0.1:" + nn.getNameNodeAddress().getPort());
            try (FileSystem fs = FileSystem.newInstance(URI.create(inv.defaultFs()), conf)) {
                DistributedFileSystem dfs = (DistributedFileSystem) fs;
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (dfs.getDataNodeStats(HdfsConstants.DatanodeReportType.LIVE).length < 1 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertEquals(1, dfs.getDataNodeStats(HdfsConstants.DatanodeReportType.LIVE).length);
                try (var o = fs.create(new Path("/hello"))) {
                    o.write("hello".getBytes());
                }
                assertEquals(1, fs.getFileStatus(new Path("/hello")).getReplication(), "the client takes replication from the files");
            }
            assertTrue(Files.isDirectory(dir.resolve("nn/current")), "the NameNode formatted the configured directory");
            assertTrue(Files.isDirectory(dir.resolve("dn/current")), "the DataNode stores blocks in the configured directory");
        } finally {
            if (dn != null) {
                dn.shutdown();
            }
            nn.stop();
            nn.join();
        }
    }
}
