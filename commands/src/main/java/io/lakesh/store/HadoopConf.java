package io.lakesh.store;

import io.lakesh.config.Config;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.UserGroupInformation;

import java.io.File;
import java.util.Map;

/**
 * The Hadoop client configuration: HADOOP_CONF_DIR's site files, lakesh.conf's `hadoop.*`, fail-fast RPC.
 * Two flavours of the same settings: {@link #client} for lakesh's own file-system client and {@link #create}
 * (with Hadoop's default resources) for the table libraries that hand it to Hadoop code of their own.
 */
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

    private static boolean loginConfigured;

    private HadoopConf() {
    }

    /** With Hadoop's default resources (core-default.xml and whatever Hadoop adds later), for Iceberg and Delta. */
    public static Configuration create(Config config) {
        return create(config, environmentConfDir());
    }

    /** As {@link #create(Config)}, with the site files of the given folder (null: none) instead of HADOOP_CONF_DIR's. */
    public static Configuration create(Config config, java.nio.file.Path confDir) {
        return apply(new Configuration(), config, confDir);
    }

    /**
     * Without Hadoop's default resources: the HDFS client has the same defaults in its code, and parsing
     * core-default.xml (150 KB, again whenever HdfsConfiguration or JobConf add theirs) is most of what a cold
     * `ls` of HDFS pays for the Hadoop client. Only for {@link HadoopStore}, which uses nothing but FileSystem.
     */
    public static Configuration client(Config config) {
        return client(config, environmentConfDir());
    }

    /** As {@link #client(Config)}, with the site files of the given folder (null: none) instead of HADOOP_CONF_DIR's. */
    public static Configuration client(Config config, java.nio.file.Path confDir) {
        Configuration conf = apply(new Configuration(false), config, confDir);
        configureLogin(conf);
        return conf;
    }

    /** HADOOP_CONF_DIR, or null. */
    public static java.nio.file.Path environmentConfDir() {
        String dir = System.getenv("HADOOP_CONF_DIR");
        return dir == null || dir.isBlank() ? null : java.nio.file.Path.of(dir);
    }

    private static Configuration apply(Configuration conf, Config config, java.nio.file.Path confDir) {
        if (confDir != null) {
            for (String site : new String[] {"core-site.xml", "hdfs-site.xml"}) {
                File f = confDir.resolve(site).toFile();
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

    /**
     * The process's login (UserGroupInformation) reads the first client configuration, so that it sees the
     * site files' security settings and does not build and parse a default Configuration of its own.
     * Once per process: the login is global, and later namespaces share it.
     */
    private static synchronized void configureLogin(Configuration conf) {
        if (!loginConfigured) {
            UserGroupInformation.setConfiguration(conf);
            loginConfigured = true;
        }
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
