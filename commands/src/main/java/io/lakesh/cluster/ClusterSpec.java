package io.lakesh.cluster;

import io.lakesh.LakeshException;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The cluster's shape, chosen once and kept in `cluster.properties`: the NameNode's RPC and web ports and each
 * DataNode's data, IPC and web ports, all on 127.0.0.1. Kept so that a restart comes back where clients and
 * the NameNode expect it.
 */
public record ClusterSpec(int nameNodePort, int nameNodeHttpPort, List<DataNodePorts> dataNodes) {
    public static final String HOST = "127.0.0.1";

    public record DataNodePorts(int index, int dataPort, int ipcPort, int httpPort) {
    }

    public int replication() {
        return Math.min(2, dataNodes.size());
    }

    /** A new cluster on free ports. */
    static ClusterSpec fresh(int dataNodes) throws IOException {
        return new ClusterSpec(freePort(), freePort(), List.of()).withDataNodes(dataNodes);
    }

    /** The same NameNode with DataNodes added up to the count (existing ones keep their ports). */
    ClusterSpec withDataNodes(int count) throws IOException {
        List<DataNodePorts> nodes = new ArrayList<>(dataNodes);
        while (nodes.size() < count) {
            nodes.add(new DataNodePorts(nodes.size() + 1, freePort(), freePort(), freePort()));
        }
        return new ClusterSpec(nameNodePort, nameNodeHttpPort, List.copyOf(nodes));
    }

    static ClusterSpec read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
            int count = Integer.parseInt(p.getProperty("datanodes"));
            List<DataNodePorts> nodes = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                nodes.add(new DataNodePorts(i, port(p, "datanode." + i + ".data"), port(p, "datanode." + i + ".ipc"),
                        port(p, "datanode." + i + ".http")));
            }
            return new ClusterSpec(port(p, "namenode.rpc"), port(p, "namenode.http"), List.copyOf(nodes));
        } catch (IOException | RuntimeException e) {
            throw new LakeshException("cannot read " + file + " (" + e.getMessage()
                    + "); stop the cluster and remove " + file.getParent() + " to start over");
        }
    }

    private static int port(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException(key + " is missing");
        }
        return Integer.parseInt(v.trim());
    }

    /** Written whole, then renamed into place: a cut-short write never leaves half a spec. */
    void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("namenode.rpc", Integer.toString(nameNodePort));
        p.setProperty("namenode.http", Integer.toString(nameNodeHttpPort));
        p.setProperty("datanodes", Integer.toString(dataNodes.size()));
        for (DataNodePorts d : dataNodes) {
            p.setProperty("datanode." + d.index() + ".data", Integer.toString(d.dataPort()));
            p.setProperty("datanode." + d.index() + ".ipc", Integer.toString(d.ipcPort()));
            p.setProperty("datanode." + d.index() + ".http", Integer.toString(d.httpPort()));
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp)) {
            p.store(w, "lakesh local cluster: ports on " + HOST);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** hdfs://127.0.0.1:port/ */
    public java.net.URI uri() {
        return java.net.URI.create("hdfs://" + HOST + ":" + nameNodePort + "/");
    }

    /** The NameNode's web UI. */
    public String webUi() {
        return "http://" + HOST + ":" + nameNodeHttpPort + "/";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }
}
