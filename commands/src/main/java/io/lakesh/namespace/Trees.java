package io.lakesh.namespace;

import io.lakesh.iceberg.Catalogs;
import io.lakesh.iceberg.IcebergTree;
import org.apache.hadoop.conf.Configuration;

/** Creates the virtual trees; the only place the namespace names Iceberg and Trino classes, so they load on first use. */
final class Trees {
    private Trees() {
    }

    static VirtualTree iceberg(Namespace ns) {
        return new IcebergTree(new Catalogs(ns.home(), ns.config(), () -> (Configuration) ns.hadoopConf()));
    }

    static VirtualTree trino(Namespace ns) {
        return new io.lakesh.trino.TrinoTree(() -> io.lakesh.sql.TrinoEngine.of(ns));
    }
}
