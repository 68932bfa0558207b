package io.lakesh.iceberg;

import io.lakesh.testing.Lakesh;
import io.lakesh.testing.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalog commands on a JDBC catalog in a real PostgreSQL (the catalog Trino shares). */
class PostgresCatalogTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    PostgresServer postgres;
    String url;
    Lakesh lakesh;
    Path csv;

    @BeforeEach
    void setUp() throws Exception {
        postgres = PostgresServer.shared();
        url = postgres.createDatabase("catalog_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet());
        lakesh = Lakesh.inTempHome();
        csv = lakesh.home().resolve("orders.csv");
        Files.writeString(csv, "id,region,amount\n1,EU,10.50\n2,US,7.25\n3,EU,1.00\n");
    }

    @AfterEach
    void close() {
        lakesh.close();
    }

    private String addCatalog(String password) {
        return "catalog add pg --type jdbc --uri " + url + " --warehouse " + lakesh.home().resolve("pg-warehouse").toUri()
                + " --property jdbc.user=" + PostgresServer.USER + " --property jdbc.password=" + password
                + " --property jdbc.schema-version=V1";
    }

    /** Rows of the catalog's own table, as Trino would read them. */
    private List<String> icebergTables() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select catalog_name, table_namespace, table_name, metadata_location from iceberg_tables order by 3")) {
            while (r.next()) {
                rows.add(r.getString(1) + "|" + r.getString(2) + "|" + r.getString(3) + "|" + r.getString(4));
            }
        }
        return rows;
    }

    @Test
    void createLoadDescribeHistoryAndDropGoThroughPostgres() throws Exception {
        assertEquals(0, lakesh.run(addCatalog(PostgresServer.PASSWORD)), lakesh.err());
        assertEquals("added catalog pg at /iceberg/pg (saved in lakesh.conf)\n", lakesh.out());
        assertEquals(0, lakesh.run("create table /iceberg/pg/sales/orders (id bigint not null, region string, amount decimal(10,2)) --partitioned-by region"), lakesh.err());
        assertEquals(0, lakesh.run("load /iceberg/pg/sales/orders " + csv), lakesh.err());
        assertEquals("loaded 3 rows into /iceberg/pg/sales/orders\n", lakesh.out());

        List<String> tables = icebergTables();
        assertEquals(1, tables.size(), tables.toString());
        org.apache.iceberg.Table table = IcebergTables.resolve(lakesh.namespace(), "/iceberg/pg/sales/orders").table();
        String metadata = ((org.apache.iceberg.HasTableOperations) table).operations().current().metadataFileLocation();
        assertEquals("pg|sales|orders|" + metadata, tables.get(0), "the catalog row points at the newest metadata");

        assertEquals(0, lakesh.run("ls /iceberg/pg/sales; describe /iceberg/pg/sales/orders"), lakesh.err());
        String described = lakesh.out();
        assertTrue(described.startsWith("orders  iceberg\n"), described);
        assertTrue(described.contains("partitioning  identity(region) as region\n"), described);
        assertTrue(described.endsWith("""
                id  name    type            required  doc
                 1  id      long            true
                 2  region  string          false
                 3  amount  decimal(10, 2)  false
                """), described);

        assertEquals(0, lakesh.run("load /iceberg/pg/sales/orders " + csv + "; history --format csv /iceberg/pg/sales/orders"), lakesh.err());
        List<String> history = lakesh.out().lines().toList();
        assertEquals(4, history.size(), history.toString());
        assertTrue(history.get(2).endsWith(",append,3,6,2,*"), history.get(2));
        assertTrue(history.get(3).matches("\\d+,,[^,]+,append,3,3,2,"), history.get(3));

        assertEquals(0, lakesh.run("count --format csv /iceberg/pg/sales/orders"), lakesh.err());
        assertTrue(lakesh.out().endsWith(",6,/iceberg/pg/sales/orders\n"));

        // maintenance commits through the same catalog row
        assertEquals(0, lakesh.run("expire-snapshots --older-than 0s --force /iceberg/pg/sales/orders"), lakesh.err());
        assertTrue(lakesh.out().matches("(?s).*\nexpired 1 snapshot of /iceberg/pg/sales/orders; deleted 1 file \\(.+\\)\n"));
        table.refresh();
        assertEquals("pg|sales|orders|" + ((org.apache.iceberg.HasTableOperations) table).operations().current().metadataFileLocation(),
                icebergTables().get(0));
        assertEquals(1, java.util.stream.StreamSupport.stream(table.snapshots().spliterator(), false).count(), "one snapshot left");

        assertEquals(1, lakesh.run("drop table /iceberg/pg/sales/orders"));
        assertTrue(lakesh.err().startsWith("drop: would drop '/iceberg/pg/sales/orders' (4 data files, "), "scripts need --force");
        assertEquals(0, lakesh.run("drop table /iceberg/pg/sales/orders --purge --force"), lakesh.err());
        assertEquals("dropped /iceberg/pg/sales/orders and its files\n", lakesh.out());
        assertEquals(List.of(), icebergTables(), "the catalog row is gone");
        assertEquals(1, lakesh.run("describe /iceberg/pg/sales/ordrs"));
        assertEquals("describe: '/iceberg/pg/sales/ordrs': No such catalog, namespace or table\n", lakesh.err());
    }

    @Test
    void aWrongPasswordIsOneLineNamingTheCatalog() {
        assertEquals(0, lakesh.run(addCatalog("wrong")), lakesh.err());
        lakesh.out();
        assertEquals(1, lakesh.run("ls /iceberg/pg"));
        String err = lakesh.err();
        assertTrue(err.startsWith("ls: cannot open Iceberg catalog 'pg': "), err);
        assertTrue(err.contains("password authentication failed for user \"lakesh\""), err);
        assertEquals(1, err.lines().count(), err);
    }
}
