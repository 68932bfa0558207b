package io.lakesh.namespace;

import io.lakesh.iceberg.Catalogs;
import io.lakesh.iceberg.IcebergTree;
import org.apache.hadoop.conf.Configuration;

/** Creates the virtual trees; the only place the namespace names Iceberg classes, so they load on first use. */
final class Trees {
    private Trees() {
    }

    static VirtualTree iceberg(Namespace ns) {
        return new IcebergTree(new Catalogs(ns.home(), ns.config(), () -> (Configuration) ns.hadoopConf()));
    }
}
