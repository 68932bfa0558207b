package io.lakesh.store;

import io.lakesh.config.Config;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.io.File;
import java.util.Map;

/** The Hadoop client configuration: HADOOP_CONF_DIR's site files, lakesh.conf's `hadoop.*`, fail-fast RPC. */
public final class HadoopConf {
    /**
     * Client defaults (a site file or lakesh.conf overrides them): connection retries that fail in seconds,
     * not minutes, when a NameNode is down; composite CRC checksums, comparable across block sizes and stores;
     * no closing of clients by Hadoop's own shutdown hook, so lakesh's cleanup of partial files can still use them.
     */
    private static final Map<String, String> CLIENT_DEFAULTS = Map.of(
            "dfs.checksum.combine.mode", "COMPOSITE_CRC",
            "fs.automatic.close", "false",
            "ipc.client.connect.max.retries", "1",
            "ipc.client.connect.retry.interval", "300",
            "ipc.client.connect.timeout", "3000",
            "ipc.client.connect.max.retries.on.timeouts", "1",
            "dfs.client.retry.policy.enabled", "false",
            "fs.hdfs.impl.disable.cache", "true");

    private HadoopConf() {
    }

    public static Configuration create(Config config) {
        Configuration conf = new Configuration();
        String confDir = System.getenv("HADOOP_CONF_DIR");
        if (confDir != null) {
            for (String site : new String[] {"core-site.xml", "hdfs-site.xml"}) {
                File f = new File(confDir, site);
                if (f.isFile()) {
                    conf.addResource(new Path(f.toURI()));
                }
            }
        }
        CLIENT_DEFAULTS.forEach((key, value) -> {
            if (onlyDefault(conf, key)) {
                conf.set(key, value);
            }
        });
        config.withPrefix(Config.HADOOP_PREFIX).forEach(conf::set);
        return conf;
    }

    private static boolean onlyDefault(Configuration conf, String key) {
        String[] sources = conf.getPropertySources(key);
        if (sources == null) {
            return true;
        }
        for (String s : sources) {
            if (!s.endsWith("-default.xml")) {
                return false;
            }
        }
        return true;
    }
}
