package io.lakesh.shell;

import io.lakesh.testing.HdfsCluster;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** With HADOOP_CONF_DIR set, its fs.defaultFS appears at /hdfs and its hdfs-site.xml sets the replication. */
class HadoopConfDirIT {
    @Test
    void hadoopConfDirMountsHdfsAndCarriesItsReplication() throws Exception {
        HdfsCluster hdfs = HdfsCluster.shared();
        java.nio.file.Path dir = Files.createTempDirectory("lakesh-hadoop-conf-");
        java.nio.file.Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("core-site.xml"), "<configuration>\n  <property>\n    <name>fs.defaultFS</name>\n    <value>"
                + hdfs.uri().toString().replaceAll("/$", "") + "</value>\n  </property>\n</configuration>\n");
        Files.writeString(conf.resolve("hdfs-site.xml"), "<configuration><property><name>dfs.replication</name><value>1</value></property></configuration>\n");
        Files.createDirectories(dir.resolve("home/warehouse"));
        Files.writeString(dir.resolve("home/warehouse/r.txt"), "x");
        String jar = System.getProperty("lakesh.root") + "/shell/target/lakesh.jar";
        ProcessBuilder pb = new ProcessBuilder("java", "-jar", jar, "-c", "ls /; mkdir -p /hdfs/confdir; cp /local/r.txt /hdfs/confdir/")
                .redirectErrorStream(true);
        pb.environment().put("LAKESH_HOME", dir.resolve("home").toString());
        pb.environment().put("HADOOP_CONF_DIR", conf.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), output);
        assertEquals("hdfs     dir\niceberg  mount\nlocal    dir\n", output);
        try (FileSystem fs = hdfs.fs()) {
            assertEquals(1, fs.getFileStatus(new Path("/confdir/r.txt")).getReplication(), "the client took hdfs-site.xml's replication");
        }
    }
}
