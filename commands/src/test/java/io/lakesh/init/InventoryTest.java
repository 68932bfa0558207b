package io.lakesh.init;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Inventories: the example of the reference architecture, and bad ones refused in one line naming the line. */
class InventoryTest {
    static final Path EXAMPLE = Path.of(System.getProperty("lakesh.root", "..")).toAbsolutePath().normalize()
            .resolve("lakefs-init/inventory.example.yaml");
    static final Map<String, String> ENV = Map.of("LAKESH_CATALOG_PASSWORD", "pw", "PGPASSWORD", "admin-pw");

    @TempDir
    Path dir;

    @Test
    void theExampleDescribesTheReferenceArchitecture() {
        Inventory inv = Inventory.load(EXAMPLE, ENV);
        assertEquals(List.of("cpu-node1", "cpu-node2", "worker-node3"), List.copyOf(inv.hosts().keySet()));
        assertEquals(2, inv.replication());
        assertEquals("cpu-node1", inv.the("namenode").name());
        assertEquals(List.of("cpu-node1", "cpu-node2", "worker-node3"), inv.withRole("datanode").stream().map(Inventory.Host::name).toList());
        assertEquals("hdfs://cpu-node1:8020", inv.defaultFs());
        assertEquals("jdbc:postgresql://cpu-node1:5432/iceberg_catalog", inv.catalogJdbcUrl());
        // files name the hosts; lakesh itself reaches them by their address: where the names do not resolve here
        assertEquals("hdfs://10.0.0.11:8020", inv.defaultFsFromHere());
        assertEquals("jdbc:postgresql://10.0.0.11:5432/postgres", inv.jdbcUrlFromHere("postgres"));
        assertEquals("pw", inv.catalog().password());
        assertEquals("10.0.0.13", inv.hosts().get("worker-node3").ip());
        assertEquals(List.of("/data/hdfs/datanode"), inv.hosts().get("worker-node3").directories().get("datanode"));
        assertEquals(List.of("/data1/hdfs/datanode", "/data2/hdfs/datanode"), inv.hosts().get("cpu-node2").directories().get("datanode"));
        assertEquals(20L << 40, inv.warehouse().get("/warehouse/iceberg").spaceQuota());
        assertEquals("1777", inv.warehouse().get("/tmp").mode());
        assertEquals("""
                cpu-node1 /dc1/rack1
                10.0.0.11 /dc1/rack1
                cpu-node2 /dc1/rack1
                10.0.0.12 /dc1/rack1
                worker-node3 /dc1/rack2
                10.0.0.13 /dc1/rack2
                """, HadoopSiteFiles.topology(inv));
    }

    private static final String GOOD = """
            cluster: t
            replication: 2
            hosts:
              a:
                address: 127.0.0.1
                roles: [namenode, datanode, postgres]
              b:
                address: 127.0.0.1
                roles: [datanode]
            catalog: {password: x}
            """;

    private String refusal(String yaml) throws Exception {
        Path file = dir.resolve("inv.yaml");
        Files.writeString(file, yaml);
        return assertThrows(Inventory.Invalid.class, () -> Inventory.load(file, Map.of())).getMessage();
    }

    @Test
    void aGoodSmallInventoryLoads() throws Exception {
        Path file = dir.resolve("inv.yaml");
        Files.writeString(file, GOOD);
        Inventory inv = Inventory.load(file, Map.of());
        assertEquals(Map.of("namenode-http", 9870, "namenode-rpc", 8020, "datanode", 9866, "datanode-http", 9864,
                "datanode-ipc", 9867, "postgres", 5432), inv.hosts().get("a").ports());
        assertNull(inv.hosts().get("b").rack());
    }

    @Test
    void anUnknownRoleIsRefusedNamingTheLine() throws Exception {
        assertEquals("inv.yaml:9: host b: unknown role 'datnode' (did you mean 'datanode'?) (known roles: namenode, datanode, "
                + "postgres, trino-coordinator, trino-worker, spark, flink)", refusal(GOOD.replace("roles: [datanode]", "roles: [datanode, datnode]")));
    }

    @Test
    void aPortTakenTwiceOnOneHostIsRefused() throws Exception {
        assertEquals("inv.yaml:7: host a: port 8020 is both namenode-rpc and postgres (give one of them another port under ports:)",
                refusal(GOOD.replace("roles: [namenode, datanode, postgres]", "roles: [namenode, datanode, postgres]\n    ports: {postgres: 8020}")));
    }

    @Test
    void aClusterWithoutNamenodeIsRefused() throws Exception {
        assertEquals("inv.yaml:3: no host has the role namenode (add it to one host's roles)",
                refusal(GOOD.replace("[namenode, datanode, postgres]", "[datanode, postgres]")));
    }

    @Test
    void replicationAboveTheDatanodesIsRefused() throws Exception {
        assertEquals("inv.yaml:2: replication 3 needs 3 datanodes, the inventory has 2 (lower replication or add datanodes)",
                refusal(GOOD.replace("replication: 2", "replication: 3")));
    }

    @Test
    void aHostThatDoesNotResolveIsRefusedByName() throws Exception {
        assertEquals("inv.yaml:7: host b.invalid does not resolve: fix DNS or /etc/hosts, or give its address: in the inventory",
                refusal(GOOD.replace("  b:\n    address: 127.0.0.1\n", "  b.invalid:\n")));
        assertEquals("inv.yaml:8: host b (address no-such-host.invalid) does not resolve: fix DNS or /etc/hosts, or give its address: in the inventory",
                refusal(GOOD.replace("  b:\n    address: 127.0.0.1\n", "  b:\n    address: no-such-host.invalid\n")));
    }

    @Test
    void typosAndMissingSecretsAreRefused() throws Exception {
        assertEquals("inv.yaml:3: unknown key 'hots' (did you mean 'hosts'?) (known: catalog, cluster, defaults, hosts, replication, warehouse)",
                refusal(GOOD.replace("hosts:", "hots:")));
        Path unset = dir.resolve("unset.yaml");
        Files.writeString(unset, GOOD.replace("catalog: {password: x}", "catalog: {password-env: NOT_SET_HERE}"));
        Inventory inv = Inventory.load(unset, Map.of()); // the HDFS recipes need no password
        assertEquals("unset.yaml:10: catalog password: environment variable NOT_SET_HERE is not set (export it before running recipes that use the catalog)",
                assertThrows(Inventory.Invalid.class, () -> inv.catalog().password()).getMessage());
        assertEquals("inv.yaml:12: warehouse /w: mode '789' is not octal like 755 or 1777",
                refusal(GOOD + "warehouse:\n  /w: {mode: \"789\"}\n"));
        assertEquals("inv.yaml:1: not YAML: mapping values are not allowed here", refusal("a: b: c\n"));
        assertEquals("inventory " + dir.resolve("none.yaml") + ": no such file",
                assertThrows(Inventory.Invalid.class, () -> Inventory.load(dir.resolve("none.yaml"), Map.of())).getMessage());
    }
}
