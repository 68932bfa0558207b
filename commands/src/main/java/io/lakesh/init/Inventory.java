package io.lakesh.init;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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

    private static final Set<String> TOP_KEYS = Set.of("cluster", "replication", "defaults", "hosts", "catalog", "warehouse");
    private static final Set<String> HOST_KEYS = Set.of("address", "rack", "roles", "ports", "directories");
    private static final Set<String> DEFAULT_KEYS = Set.of("ports", "directories");
    private static final Set<String> CATALOG_KEYS = Set.of("name", "database", "user", "password", "password-env",
            "admin-user", "admin-password", "admin-password-env", "warehouse", "delta-metastore");
    private static final Set<String> DIR_KEYS = Set.of("owner", "group", "mode", "namespace-quota", "space-quota");

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
        return new Reader(file, tree, env).read();
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

    private static final class Reader {
        private final Path file;
        private final YamlTree tree;
        private final Map<String, String> env;

        Reader(Path file, YamlTree tree, Map<String, String> env) {
            this.file = file;
            this.tree = tree;
            this.env = env;
        }

        private Invalid invalid(String path, String message) {
            return new Invalid(file.getFileName() + ":" + tree.line(path) + ": " + message);
        }

        Inventory read() {
            JsonNode root = tree.root();
            if (root == null || !root.isObject()) {
                throw new Invalid(file.getFileName() + ": an inventory is a YAML map with hosts: (see lakefs-init/inventory.example.yaml)");
            }
            keys(root, "", TOP_KEYS);
            String cluster = text(root, "cluster", "lakehouse");
            JsonNode hostsNode = root.get("hosts");
            if (hostsNode == null || !hostsNode.isObject() || hostsNode.isEmpty()) {
                throw invalid("", "no hosts: an inventory names its hosts under hosts:");
            }
            JsonNode defaults = root.path("defaults");
            keys(defaults, "defaults", DEFAULT_KEYS);
            Map<String, Integer> defaultPorts = ports(defaults.path("ports"), "defaults/ports");
            Map<String, List<String>> defaultDirs = directories(defaults.path("directories"), "defaults/directories");

            Map<String, Host> hosts = new LinkedHashMap<>();
            var names = hostsNode.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                hosts.put(name, host(name, hostsNode.get(name), defaultPorts, defaultDirs));
            }
            one(hosts, "namenode", true);
            one(hosts, "postgres", false);
            one(hosts, "trino-coordinator", false);
            long datanodes = hosts.values().stream().filter(h -> h.has("datanode")).count();
            if (datanodes == 0) {
                throw invalid("hosts", "no host has the role datanode: HDFS needs at least one");
            }
            int replication = root.has("replication") ? integer(root.get("replication"), "replication") : Math.min(3, (int) datanodes);
            if (replication < 1 || replication > datanodes) {
                throw invalid("replication", "replication " + replication + " needs " + replication
                        + " datanodes, the inventory has " + datanodes + " (lower replication or add datanodes)");
            }
            if (hosts.values().stream().anyMatch(h -> h.rack() != null)) {
                for (Host h : hosts.values()) {
                    if (h.has("datanode") && h.rack() == null) {
                        throw invalid("hosts/" + h.name(), "datanode " + h.name() + " has no rack: give every datanode a rack, or none");
                    }
                }
            }
            CatalogDb catalog = catalog(root.get("catalog"), hosts);
            Map<String, WarehouseDir> warehouse = warehouse(root.get("warehouse"));
            // last: the slowest check, and only for an inventory that is right otherwise
            hosts.replaceAll((name, h) -> resolve(h));
            return new Inventory(file, cluster, replication, java.util.Collections.unmodifiableMap(hosts), catalog, warehouse);
        }

        private Host host(String name, JsonNode node, Map<String, Integer> defaultPorts, Map<String, List<String>> defaultDirs) {
            String path = "hosts/" + name;
            if (!name.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
                throw invalid(path, "'" + name + "' is not a host name");
            }
            if (node == null || !node.isObject()) {
                throw invalid(path, "host " + name + " needs roles: [...]");
            }
            keys(node, path, HOST_KEYS);
            JsonNode rolesNode = node.get("roles");
            if (rolesNode == null || !rolesNode.isArray() || rolesNode.isEmpty()) {
                throw invalid(path, "host " + name + " has no roles (known roles: " + String.join(", ", ROLES.keySet()) + ")");
            }
            List<String> roles = new ArrayList<>();
            for (int i = 0; i < rolesNode.size(); i++) {
                String role = rolesNode.get(i).asText();
                if (!ROLES.containsKey(role)) {
                    throw invalid(path + "/roles/" + i, "host " + name + ": unknown role '" + role + "'"
                            + didYouMean(role, ROLES.keySet()) + " (known roles: " + String.join(", ", ROLES.keySet()) + ")");
                }
                if (!roles.contains(role)) {
                    roles.add(role);
                }
            }
            if (roles.contains("trino-coordinator") && roles.contains("trino-worker")) {
                throw invalid(path + "/roles", "host " + name + " is trino-coordinator and trino-worker: the coordinator schedules work on itself already");
            }
            Map<String, Integer> own = ports(node.path("ports"), path + "/ports");
            Map<String, Integer> ports = new TreeMap<>();
            Map<Integer, String> taken = new TreeMap<>();
            for (String role : roles) {
                for (var p : new TreeMap<>(ROLES.get(role)).entrySet()) {
                    int port = own.getOrDefault(p.getKey(), defaultPorts.getOrDefault(p.getKey(), p.getValue()));
                    String other = taken.putIfAbsent(port, p.getKey());
                    if (other != null && !other.equals(p.getKey())) {
                        String where = own.containsKey(p.getKey()) ? path + "/ports/" + p.getKey()
                                : own.containsKey(other) ? path + "/ports/" + other : path;
                        throw invalid(where, "host " + name + ": port " + port + " is both " + other + " and " + p.getKey()
                                + " (give one of them another port under ports:)");
                    }
                    ports.put(p.getKey(), port);
                }
            }
            for (String key : own.keySet()) {
                if (!ports.containsKey(key)) {
                    throw invalid(path + "/ports/" + key, "host " + name + ": port '" + key + "' belongs to no role of this host " + roles);
                }
            }
            Map<String, List<String>> dirs = new TreeMap<>(DIRECTORIES);
            dirs.putAll(defaultDirs);
            dirs.putAll(directories(node.path("directories"), path + "/directories"));
            String rack = node.has("rack") ? node.get("rack").asText() : null;
            if (rack != null && !rack.matches("(/[A-Za-z0-9_.-]+)+")) {
                throw invalid(path + "/rack", "host " + name + ": rack '" + rack + "' is not a rack path such as /dc1/rack1");
            }
            String address = node.has("address") ? node.get("address").asText() : null;
            return new Host(name, address, rack, List.copyOf(roles), java.util.Collections.unmodifiableMap(ports),
                    java.util.Collections.unmodifiableMap(dirs), null);
        }

        private void one(Map<String, Host> hosts, String role, boolean required) {
            List<String> with = hosts.values().stream().filter(h -> h.has(role)).map(Host::name).toList();
            if (with.isEmpty() && required) {
                throw invalid("hosts", "no host has the role " + role + " (add it to one host's roles)");
            }
            if (with.size() > 1) {
                throw invalid("hosts/" + with.get(1) + "/roles", "two hosts have the role " + role + " (" + String.join(", ", with)
                        + "): the recipes set up one");
            }
        }

        private Map<String, Integer> ports(JsonNode node, String path) {
            Map<String, Integer> ports = new TreeMap<>();
            if (node.isMissingNode()) {
                return ports;
            }
            Set<String> known = new java.util.TreeSet<>();
            ROLES.values().forEach(m -> known.addAll(m.keySet()));
            keys(node, path, known);
            node.fields().forEachRemaining(e -> {
                int port = integer(e.getValue(), path + "/" + e.getKey());
                if (port < 1 || port > 65535) {
                    throw invalid(path + "/" + e.getKey(), e.getKey() + ": " + port + " is not a port (1-65535)");
                }
                ports.put(e.getKey(), port);
            });
            return ports;
        }

        private Map<String, List<String>> directories(JsonNode node, String path) {
            Map<String, List<String>> dirs = new TreeMap<>();
            if (node.isMissingNode()) {
                return dirs;
            }
            keys(node, path, DIRECTORIES.keySet());
            node.fields().forEachRemaining(e -> {
                List<String> list = new ArrayList<>();
                if (e.getValue().isArray()) {
                    e.getValue().forEach(v -> list.add(v.asText()));
                } else {
                    list.add(e.getValue().asText());
                }
                for (String d : list) {
                    if (!d.startsWith("/")) {
                        throw invalid(path + "/" + e.getKey(), e.getKey() + ": '" + d + "' is not an absolute path");
                    }
                }
                if (list.isEmpty()) {
                    throw invalid(path + "/" + e.getKey(), e.getKey() + ": no directory given");
                }
                dirs.put(e.getKey(), List.copyOf(list));
            });
            return dirs;
        }

        private CatalogDb catalog(JsonNode node, Map<String, Host> hosts) {
            if (node == null) {
                return null;
            }
            keys(node, "catalog", CATALOG_KEYS);
            if (hosts.values().stream().noneMatch(h -> h.has("postgres"))) {
                throw invalid("catalog", "catalog: needs a host with the role postgres");
            }
            String name = text(node, "name", "lakehouse");
            String database = text(node, "database", "iceberg_catalog");
            String user = text(node, "user", "iceberg");
            for (String[] id : new String[][] {{"database", database}, {"user", user}}) {
                if (!id[1].matches("[a-z_][a-z0-9_]*")) {
                    throw invalid("catalog/" + id[0], "catalog " + id[0] + " '" + id[1] + "': use a lower-case identifier (a-z, 0-9, _)");
                }
            }
            Map<String, String> unset = new TreeMap<>();
            return new CatalogDb(name, database, user, secret(node, "password", true, unset), text(node, "admin-user", "postgres"),
                    secret(node, "admin-password", false, unset), hdfsPath(node, "warehouse", "/warehouse/iceberg"),
                    hdfsPath(node, "delta-metastore", "/warehouse/trino-metastore"), java.util.Collections.unmodifiableMap(unset));
        }

        private String hdfsPath(JsonNode node, String key, String fallback) {
            String p = text(node, key, fallback);
            if (!p.startsWith("/")) {
                throw invalid("catalog/" + key, "catalog " + key + ": '" + p + "' is not an absolute HDFS path");
            }
            return p;
        }

        /** `key: value`, or `key-env: VARIABLE` to keep passwords out of the file. */
        private String secret(JsonNode node, String key, boolean required, Map<String, String> unset) {
            if (node.has(key + "-env")) {
                String variable = node.get(key + "-env").asText();
                String value = env.get(variable);
                if (value == null || value.isEmpty()) {
                    unset.put(key, invalid("catalog/" + key + "-env", "catalog " + key + ": environment variable " + variable
                            + " is not set (export it before running recipes that use the catalog)").getMessage());
                }
                return value;
            }
            if (node.has(key)) {
                return node.get(key).asText();
            }
            if (required) {
                throw invalid("catalog", "catalog: needs " + key + ": or " + key + "-env: (a variable that holds it)");
            }
            return null;
        }

        private Map<String, WarehouseDir> warehouse(JsonNode node) {
            Map<String, WarehouseDir> dirs = new LinkedHashMap<>();
            if (node == null) {
                return dirs;
            }
            if (!node.isObject()) {
                throw invalid("warehouse", "warehouse: is a map of HDFS directories to owner, group, mode, quotas");
            }
            node.fields().forEachRemaining(e -> {
                String path = "warehouse/" + e.getKey();
                String dir = e.getKey();
                if (!dir.startsWith("/") || dir.contains("//") || (dir.length() > 1 && dir.endsWith("/"))) {
                    throw invalid(path, "warehouse: '" + dir + "' is not an absolute HDFS path");
                }
                JsonNode d = e.getValue();
                keys(d, path, DIR_KEYS);
                String mode = text(d, "mode", "755");
                if (!mode.matches("[0-1]?[0-7]{3}")) {
                    throw invalid(path + "/mode", "warehouse " + dir + ": mode '" + mode + "' is not octal like 755 or 1777");
                }
                dirs.put(dir, new WarehouseDir(dir, text(d, "owner", null), text(d, "group", null), mode,
                        size(d, "namespace-quota", path, false), size(d, "space-quota", path, true)));
            });
            return java.util.Collections.unmodifiableMap(dirs);
        }

        /** A quota: a count, or bytes with k/m/g/t (binary) for the space quota. */
        private long size(JsonNode d, String key, String path, boolean bytes) {
            if (!d.has(key)) {
                return -1;
            }
            String v = d.get(key).asText().trim().toLowerCase(java.util.Locale.ROOT);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(bytes ? "(\\d+)([kmgtp]?)" : "(\\d+)").matcher(v);
            if (!m.matches()) {
                throw invalid(path + "/" + key, key + " '" + v + "': " + (bytes ? "bytes, e.g. 500g or 2t" : "a number of names"));
            }
            long n = Long.parseLong(m.group(1));
            int shift = bytes ? 10 * "kmgtp".indexOf(m.group(2).isEmpty() ? "?" : m.group(2)) + 10 : 0;
            return bytes && !m.group(2).isEmpty() ? n << shift : n;
        }

        private Host resolve(Host h) {
            String name = h.address() != null ? h.address() : h.name();
            try {
                String ip = InetAddress.getByName(name).getHostAddress();
                return new Host(h.name(), h.address(), h.rack(), h.roles(), h.ports(), h.directories(), ip);
            } catch (UnknownHostException e) {
                throw invalid("hosts/" + h.name() + (h.address() != null ? "/address" : ""), "host " + h.name()
                        + (h.address() != null ? " (address " + h.address() + ")" : "")
                        + " does not resolve: fix DNS or /etc/hosts, or give its address: in the inventory");
            }
        }

        private void keys(JsonNode node, String path, Set<String> known) {
            if (node.isMissingNode() || node.isNull()) {
                return;
            }
            if (!node.isObject()) {
                throw invalid(path, (path.isEmpty() ? "the inventory" : path.replace('/', '.')) + " must be a map");
            }
            node.fieldNames().forEachRemaining(k -> {
                if (!known.contains(k)) {
                    String where = path.isEmpty() ? "" : path.replace('/', '.') + ": ";
                    throw invalid(path.isEmpty() ? k : path + "/" + k, where + "unknown key '" + k + "'"
                            + didYouMean(k, known) + " (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
                }
            });
        }

        private String text(JsonNode node, String key, String fallback) {
            JsonNode v = node.get(key);
            return v == null || v.isNull() ? fallback : v.asText();
        }

        private int integer(JsonNode node, String path) {
            if (node.isIntegralNumber() && node.canConvertToInt()) {
                return node.intValue();
            }
            if (node.isTextual() && node.asText().matches("\\d{1,9}")) {
                return Integer.parseInt(node.asText());
            }
            throw invalid(path, path.replace('/', '.') + ": '" + node.asText() + "' is not a whole number");
        }

        private static String didYouMean(String typed, Set<String> known) {
            String best = io.lakesh.Names.closest(typed, known);
            return best == null ? "" : " (did you mean '" + best + "'?)";
        }
    }
}
