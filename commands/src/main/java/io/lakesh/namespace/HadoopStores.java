package io.lakesh.namespace;

import io.lakesh.LakeshException;
import io.lakesh.config.Config;
import io.lakesh.store.HadoopConf;
import io.lakesh.store.HadoopStore;
import io.lakesh.store.Store;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.net.URI;

/** The only place the namespace touches Hadoop classes, so they load when a Hadoop store is first used. */
final class HadoopStores {
    private HadoopStores() {
    }

    static Object configuration(Config config, java.nio.file.Path confDir) {
        return HadoopConf.create(config, confDir);
    }

    /** lakesh's own file-system client: a configuration without Hadoop's default resources (see HadoopConf.client). */
    static Object clientConfiguration(Config config, java.nio.file.Path confDir) {
        return HadoopConf.client(config, confDir);
    }

    static Store open(URI uri, Namespace ns) {
        try {
            return new HadoopStore(uri, (Configuration) ns.hadoopClientConf());
        } catch (IOException e) {
            throw new LakeshException("cannot open " + uri + ": " + e.getMessage());
        }
    }
}
