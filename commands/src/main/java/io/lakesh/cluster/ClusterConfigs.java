package io.lakesh.cluster;

import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The site files of the local cluster, written by Hadoop's own {@link Configuration}: `conf/` for the NameNode
 * and clients (lakesh's /hdfs reads it), and `datanode-N/conf/` for each DataNode (its ports and data folder).
 */
final class ClusterConfigs {
    /** Heartbeat 1 s and recheck 5 s: the NameNode counts a stopped DataNode dead after ~20 s, not 10 minutes. */
    static final Map<String, String> FAST_FAILURE_DETECTION = Map.of(
            "dfs.heartbeat.interval", "1",
            "dfs.namenode.heartbeat.recheck-interval", "5000");

    private ClusterConfigs() {
    }

    static void write(ClusterHome home, ClusterSpec spec) throws IOException {
        Map<String, String> core = new LinkedHashMap<>();
        core.put("fs.defaultFS", spec.uri().toString().replaceAll("/$", ""));
        core.put("hadoop.tmp.dir", home.tmp().toString());

        Map<String, String> hdfs = new LinkedHashMap<>();
        // replication is the writing client's choice: clients reading this file write 2 copies
        hdfs.put("dfs.replication", Integer.toString(spec.replication()));
        hdfs.put("dfs.namenode.name.dir", home.nameDir().resolve("name").toString());
        hdfs.put("dfs.namenode.http-address", ClusterSpec.HOST + ":" + spec.nameNodeHttpPort());
        hdfs.put("dfs.namenode.secondary.http-address", ClusterSpec.HOST + ":0");
        hdfs.put("dfs.namenode.safemode.extension", "0");
        hdfs.put("dfs.namenode.datanode.registration.ip-hostname-check", "false");
        hdfs.putAll(FAST_FAILURE_DETECTION);
        // a client notices a DataNode that stopped answering in 10 s rather than 60
        hdfs.put("dfs.client.socket-timeout", "10000");
        // closing a file asks the NameNode until a DataNode has reported the last block; on one machine that takes
        // milliseconds, so the client's first wait of 400 ms would make every small file cost ~0.4 s
        hdfs.put("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", "20");
        hdfs.put("dfs.permissions.enabled", "true");

        writeConf(home.confDir(), core, hdfs);
        for (ClusterSpec.DataNodePorts d : spec.dataNodes()) {
            Map<String, String> node = new LinkedHashMap<>(hdfs);
            node.put("dfs.datanode.data.dir", home.dataNodeDir(d.index()).resolve("data").toString());
            node.put("dfs.datanode.address", ClusterSpec.HOST + ":" + d.dataPort());
            node.put("dfs.datanode.ipc.address", ClusterSpec.HOST + ":" + d.ipcPort());
            node.put("dfs.datanode.http.address", ClusterSpec.HOST + ":" + d.httpPort());
            node.put("dfs.datanode.hostname", ClusterSpec.HOST);
            writeConf(home.dataNodeDir(d.index()).resolve("conf"), core, node);
        }
    }

    private static void writeConf(Path dir, Map<String, String> core, Map<String, String> hdfs) throws IOException {
        Files.createDirectories(dir);
        writeXml(dir.resolve("core-site.xml"), core);
        writeXml(dir.resolve("hdfs-site.xml"), hdfs);
        // the daemons log through reload4j (hadoop-common's backend); quiet except start-up and trouble
        Files.writeString(dir.resolve("log4j.properties"), """
                log4j.rootLogger=WARN,console
                log4j.logger.org.apache.hadoop.hdfs.server.namenode.NameNode=INFO
                log4j.logger.org.apache.hadoop.hdfs.server.datanode.DataNode=INFO
                log4j.logger.org.apache.hadoop.hdfs.server.datanode.DataNode.clienttrace=WARN
                log4j.appender.console=org.apache.log4j.ConsoleAppender
                log4j.appender.console.layout=org.apache.log4j.PatternLayout
                log4j.appender.console.layout.ConversionPattern=%d{ISO8601} %p %c{2}: %m%n
                """);
    }

    private static void writeXml(Path file, Map<String, String> settings) throws IOException {
        Configuration conf = new Configuration(false);
        settings.forEach((k, v) -> conf.set(k, v, "lakesh cluster"));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            conf.writeXml(out);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
