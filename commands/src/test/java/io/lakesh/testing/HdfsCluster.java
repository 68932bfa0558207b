package io.lakesh.testing;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real HDFS in this JVM: a NameNode and 3 DataNodes (MiniDFSCluster), replication 2 as in the reference
 * architecture. {@link #shared()} starts one per JVM for all tests; bench starts its own.
 */
public final class HdfsCluster implements AutoCloseable {
    private static HdfsCluster shared;

    private final MiniDFSCluster cluster;
    private final Path baseDir;

    private HdfsCluster(MiniDFSCluster cluster, Path baseDir) {
        this.cluster = cluster;
        this.baseDir = baseDir;
    }

    public static synchronized HdfsCluster shared() {
        if (shared == null) {
            try {
                Path base = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "lakesh-hdfs-");
                shared = start(base, 3);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start MiniDFSCluster: " + e.getMessage(), e);
            }
            HdfsCluster started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "hdfs-cluster-stop"));
        }
        return shared;
    }

    public static HdfsCluster start(Path baseDir, int dataNodes) throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toString());
        conf.setInt("dfs.replication", 2);
        conf.setLong("dfs.heartbeat.interval", 1);
        conf.setInt("dfs.namenode.heartbeat.recheck-interval", 5000);
        conf.setBoolean("dfs.permissions.enabled", true);
        conf.setBoolean("dfs.namenode.datanode.registration.ip-hostname-check", false);
        conf.set("dfs.datanode.hostname", "127.0.0.1");
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf)
                .numDataNodes(dataNodes)
                .build();
        cluster.waitActive();
        return new HdfsCluster(cluster, baseDir);
    }

    /** hdfs://127.0.0.1:port/ */
    public URI uri() {
        return URI.create("hdfs://127.0.0.1:" + cluster.getNameNodePort() + "/");
    }

    public Configuration conf() {
        return cluster.getConfiguration(0);
    }

    public MiniDFSCluster cluster() {
        return cluster;
    }

    /** A client as the cluster's superuser (the user running the tests). */
    public FileSystem fs() throws IOException {
        return FileSystem.newInstance(uri(), conf());
    }

    @Override
    public void close() {
        cluster.shutdown(true);
        if (!Files.exists(baseDir)) {
            return; // shutdown(true) removed it already
        }
        try (var files = Files.walk(baseDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("HdfsCluster: could not remove " + baseDir + ": " + e.getMessage());
        }
    }
}
