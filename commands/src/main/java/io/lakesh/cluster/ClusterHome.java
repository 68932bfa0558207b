package io.lakesh.cluster;

import io.lakesh.config.LakeshHome;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the local cluster lives: `$LAKESH_HOME/cluster` with the daemons' class path (`lib/`), the client and
 * NameNode configuration (`conf/`), one folder per DataNode, pid files and logs. Plain paths and no Hadoop
 * classes: the namespace asks {@link #exists()} at start-up.
 */
public record ClusterHome(Path dir) {

    public static ClusterHome of(LakeshHome home) {
        return new ClusterHome(home.dir().resolve("cluster"));
    }

    /** The cluster was created (its configuration written): /hdfs mounts it unless something else names /hdfs. */
    public boolean exists() {
        return Files.isRegularFile(confDir().resolve("core-site.xml")) && Files.isRegularFile(specFile());
    }

    /** core-site.xml and hdfs-site.xml for clients and the NameNode (a HADOOP_CONF_DIR). */
    public Path confDir() {
        return dir.resolve("conf");
    }

    Path lib() {
        return dir.resolve("lib");
    }

    Path specFile() {
        return dir.resolve("cluster.properties");
    }

    Path nameDir() {
        return dir.resolve("namenode");
    }

    Path dataNodeDir(int index) {
        return dir.resolve("datanode-" + index);
    }

    Path logs() {
        return dir.resolve("logs");
    }

    Path tmp() {
        return dir.resolve("tmp");
    }
}
