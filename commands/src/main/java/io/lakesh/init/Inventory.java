package io.lakesh.init;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One description of the cluster every recipe reads: hosts with their roles, ports and directories, HDFS
 * replication, the Iceberg catalog in PostgreSQL and the warehouse layout. {@link #load} refuses a bad file
 * before any recipe looks at it, with one line naming the file, the line and the thing to fix.
 */
public record Inventory(Path file, String cluster, int replication, Map<String, Host> hosts, CatalogDb catalog,
                        Map<String, WarehouseDir> warehouse) {

    /** Roles a host can have, with the ports each listens on and their defaults. */
    public static final Map<String, Map<String, Integer>> ROLES = roles();

    private static Map<String, Map<String, Integer>> roles() {
        Map<String, Map<String, Integer>> r = new LinkedHashMap<>();
        r.put("namenode", Map.of("namenode-rpc", 8020, "namenode-http", 9870));
        r.put("datanode", Map.of("datanode", 9866, "datanode-http", 9864, "datanode-ipc", 9867));
        r.put("postgres", Map.of("postgres", 5432));
        r.put("trino-coordinator", Map.of("trino-http", 8080));
        r.put("trino-worker", Map.of("trino-http", 8080));
        r.put("spark", Map.of());
        r.put("flink", Map.of());
        return java.util.Collections.unmodifiableMap(r);
    }

    /** Directories and their defaults; each host may override them. */
    public static final Map<String, List<String>> DIRECTORIES = Map.of(
            "namenode", List.of("/data/hdfs/namenode"),
            "datanode", List.of("/data/hdfs/datanode"),
            "hadoop-conf", List.of("/etc/hadoop/conf"),
            "trino-etc", List.of("/etc/trino"),
            "spark-conf", List.of("/etc/spark/conf"),
            "flink-conf", List.of("/etc/flink/conf"));

    /** A host; {@code ip} is what its name (or `address:`) resolved to when the inventory was read. */
    public record Host(String name, String address, String rack, List<String> roles, Map<String, Integer> ports,
                       Map<String, List<String>> directories, String ip) {
        public boolean has(String role) {
            return roles.contains(role);
        }

        public int port(String key) {
            Integer p = ports.get(key);
            if (p == null) {
                throw new IllegalArgumentException("host " + name + " has no port '" + key + "' (its roles: " + roles + ")");
            }
            return p;
        }

        /** How lakesh reaches the host from here: its `address:` when given, else its name. */
        public String reach() {
            return address != null ? address : name;
        }

        public String directory(String key) {
            return directories.get(key).get(0);
        }
    }

    /**
     * The Iceberg JDBC catalog's database; the admin login creates the user and the database. A password read
     * from an unset variable fails when it is used, so recipes that need none (HDFS configs) still run.
     */
    public record CatalogDb(String name, String database, String user, String password, String adminUser,
                            String adminPassword, String warehouse, String deltaMetastore, Map<String, String> unset) {
        @Override
        public String password() {
            return secret("password", password);
        }

        @Override
        public String adminPassword() {
            return secret("admin-password", adminPassword);
        }

        private String secret(String key, String value) {
            if (unset.containsKey(key)) {
                throw new Invalid(unset.get(key));
            }
            return value;
        }

        @Override
        public String toString() { // passwords stay out of plans and errors
            return "CatalogDb[" + name + " in database " + database + " as " + user + "]";
        }
    }

    /** A warehouse directory on HDFS: owner, group, permission (octal) and optional quotas (-1: none). */
    public record WarehouseDir(String path, String owner, String group, String mode, long namespaceQuota,
                               long spaceQuota) {
    }

    /** A refused inventory: the message names the file, line and what to fix. */
    public static final class Invalid extends io.lakesh.LakeshException {
        Invalid(String message) {
            super(message);
        }
    }

    // --- reading -------------------------------------------------------------------------------

    /** Reads and checks an inventory; host names (or their `address:`) must resolve. */
    public static Inventory load(Path file) {
        return load(file, System.getenv());
    }

    /** As {@link #load(Path)}, with the environment `*-env:` keys read from. */
    public static Inventory load(Path file, Map<String, String> env) {
        YamlTree tree;
        try {
            tree = YamlTree.read(file);
        } catch (YamlTree.Malformed e) {
            throw new Invalid(file.getFileName() + ":" + e.line + ": not YAML: " + e.getMessage());
        } catch (IOException e) {
            throw new Invalid("inventory " + file + ": " + e.getMessage());
        }
        return new InventoryReader(file, tree, env).read();
    }

    /** The hosts that have a role, in file order. */
    public List<Host> withRole(String role) {
        return hosts.values().stream().filter(h -> h.has(role)).toList();
    }

    /** The one host with a role (namenode, postgres, trino-coordinator); null when the inventory has none. */
    public Host the(String role) {
        List<Host> h = withRole(role);
        return h.isEmpty() ? null : h.get(0);
    }

    /** hdfs://namenode:port */
    public String defaultFs() {
        Host nn = the("namenode");
        return "hdfs://" + nn.name() + ":" + nn.port("namenode-rpc");
    }

    /** hdfs://address:port, how lakesh itself reaches the NameNode (files name it as {@link #defaultFs}). */
    public String defaultFsFromHere() {
        Host nn = the("namenode");
        return "hdfs://" + nn.reach() + ":" + nn.port("namenode-rpc");
    }

    /** The catalog's JDBC URL on the postgres host, as the engines' files name it. */
    public String catalogJdbcUrl() {
        return jdbcUrl(the("postgres").name(), catalog.database());
    }

    /** A database's JDBC URL as lakesh itself reaches the postgres host. */
    public String jdbcUrlFromHere(String database) {
        return jdbcUrl(the("postgres").reach(), database);
    }

    private String jdbcUrl(String host, String database) {
        return "jdbc:postgresql://" + host + ":" + the("postgres").port("postgres") + "/" + database;
    }

    public boolean racks() {
        return hosts.values().stream().anyMatch(h -> h.rack() != null);
    }

}
