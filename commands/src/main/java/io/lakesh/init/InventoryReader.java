package io.lakesh.init;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakesh.init.Inventory.CatalogDb;
import io.lakesh.init.Inventory.Host;
import io.lakesh.init.Inventory.Invalid;
import io.lakesh.init.Inventory.WarehouseDir;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.lakesh.init.Inventory.DIRECTORIES;
import static io.lakesh.init.Inventory.ROLES;

/** Reads an inventory's YAML tree into an {@link Inventory}, refusing the first wrong thing by its line. */
final class InventoryReader {
    private static final Set<String> TOP_KEYS = Set.of("cluster", "replication", "defaults", "hosts", "catalog", "warehouse");
    private static final Set<String> HOST_KEYS = Set.of("address", "rack", "roles", "ports", "directories");
    private static final Set<String> DEFAULT_KEYS = Set.of("ports", "directories");
    private static final Set<String> CATALOG_KEYS = Set.of("name", "database", "user", "password", "password-env",
            "admin-user", "admin-password", "admin-password-env", "warehouse", "delta-metastore");
    private static final Set<String> DIR_KEYS = Set.of("owner", "group", "mode", "namespace-quota", "space-quota");

    private final Path file;
    private final YamlTree tree;
    private final Map<String, String> env;

    InventoryReader(Path file, YamlTree tree, Map<String, String> env) {
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
