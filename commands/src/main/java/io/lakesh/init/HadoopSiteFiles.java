package io.lakesh.init;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HDFS configuration of every node of an inventory: `core-site.xml`, `hdfs-site.xml`, `workers`, and with
 * racks a `topology.table` for Hadoop's {@code TableMapping}. Each node gets the settings of its own roles;
 * every client (and Trino, Spark) gets the cluster's replication, which HDFS takes from the writer.
 */
public final class HadoopSiteFiles {
    private HadoopSiteFiles() {
    }

    /** Paths relative to the output folder (`hadoop/<host>/core-site.xml`, …) to their text. */
    public static Map<String, String> render(Inventory inv) {
        Map<String, String> files = new LinkedHashMap<>();
        for (Inventory.Host h : inv.hosts().values()) {
            String dir = "hadoop/" + h.name() + "/";
            files.put(dir + "core-site.xml", xml(inv, h, coreSite(inv, h)));
            files.put(dir + "hdfs-site.xml", xml(inv, h, hdfsSite(inv, h)));
            files.put(dir + "workers", workers(inv));
            if (inv.racks()) {
                files.put(dir + "topology.table", topology(inv));
            }
        }
        return files;
    }

    public static Map<String, String> coreSite(Inventory inv, Inventory.Host h) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("fs.defaultFS", inv.defaultFs());
        if (inv.racks()) {
            // a table file rather than a script: nothing to execute on the NameNode, and easy to read
            p.put("net.topology.node.switch.mapping.impl", "org.apache.hadoop.net.TableMapping");
            p.put("net.topology.table.file.name", h.directory("hadoop-conf") + "/topology.table");
        }
        return p;
    }

    public static Map<String, String> hdfsSite(Inventory inv, Inventory.Host h) {
        Inventory.Host nn = inv.the("namenode");
        Map<String, String> p = new LinkedHashMap<>();
        p.put("dfs.replication", Integer.toString(inv.replication()));
        p.put("dfs.namenode.rpc-address", nn.name() + ":" + nn.port("namenode-rpc"));
        p.put("dfs.namenode.http-address", nn.name() + ":" + nn.port("namenode-http"));
        if (h.has("namenode")) {
            p.put("dfs.namenode.name.dir", uris(h.directories().get("namenode")));
        }
        if (h.has("datanode")) {
            p.put("dfs.datanode.data.dir", uris(h.directories().get("datanode")));
            p.put("dfs.datanode.address", "0.0.0.0:" + h.port("datanode"));
            p.put("dfs.datanode.http.address", "0.0.0.0:" + h.port("datanode-http"));
            p.put("dfs.datanode.ipc.address", "0.0.0.0:" + h.port("datanode-ipc"));
        }
        return p;
    }

    private static String uris(List<String> dirs) {
        return String.join(",", dirs.stream().map(d -> "file://" + d).toList());
    }

    static String workers(Inventory inv) {
        StringBuilder sb = new StringBuilder();
        inv.withRole("datanode").forEach(h -> sb.append(h.name()).append('\n'));
        return sb.toString();
    }

    /**
     * `host rack` lines by name and by IP address: Hadoop's mapping looks DataNodes up by IP (it normalises names
     * to addresses first), people read the names.
     */
    static String topology(Inventory inv) {
        StringBuilder sb = new StringBuilder();
        for (Inventory.Host h : inv.withRole("datanode")) {
            sb.append(h.name()).append(' ').append(h.rack()).append('\n');
            if (!h.ip().equals(h.name())) {
                sb.append(h.ip()).append(' ').append(h.rack()).append('\n');
            }
        }
        return sb.toString();
    }

    /** Hadoop's configuration XML, properties in the given order. */
    static String xml(Inventory inv, Inventory.Host h, Map<String, String> properties) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<!-- ").append(generatedBy(inv, h)).append(" -->\n<configuration>\n");
        properties.forEach((k, v) -> sb.append("  <property>\n    <name>").append(escape(k)).append("</name>\n    <value>")
                .append(escape(v)).append("</value>\n  </property>\n"));
        return sb.append("</configuration>\n").toString();
    }

    static String generatedBy(Inventory inv, Inventory.Host h) {
        return "lakesh init for " + h.name() + " of cluster " + inv.cluster() + ": change the inventory, not this file";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
