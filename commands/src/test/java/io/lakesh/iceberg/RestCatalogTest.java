package io.lakesh.iceberg;

import io.lakesh.testing.Lakesh;
import io.lakesh.testing.RestCatalogServer;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.rest.RESTCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalog and table commands on a REST catalog: a real HTTP server speaking the Iceberg REST protocol. */
class RestCatalogTest {
    RestCatalogServer server;
    Lakesh lakesh;
    Path csv;

    @BeforeEach
    void setUp() throws Exception {
        lakesh = Lakesh.inTempHome();
        server = RestCatalogServer.start(Files.createDirectories(lakesh.home().resolve("rest-server")));
        csv = lakesh.home().resolve("orders.csv");
        Files.writeString(csv, "id,region,amount\n1,EU,10.50\n2,US,7.25\n3,EU,1.00\n");
    }

    @AfterEach
    void close() throws Exception {
        lakesh.close();
        server.close();
    }

    /** What another REST client (here Iceberg's own, outside lakesh) sees in the catalog. */
    private List<String> rowsSeenByAnotherClient(String namespace, String table) throws Exception {
        try (RESTCatalog other = new RESTCatalog()) {
            other.initialize("other", Map.of("uri", server.uri()));
            Table t = other.loadTable(org.apache.iceberg.catalog.TableIdentifier.of(namespace, table));
            List<String> rows = new ArrayList<>();
            try (CloseableIterable<Record> records = IcebergGenerics.read(t).build()) {
                for (Record r : records) {
                    rows.add(r.getField("id") + "|" + r.getField("region") + "|" + r.getField("amount"));
                }
            }
            rows.sort(null);
            return rows;
        }
    }

    @Test
    void createLoadExploreChangeAndDropGoThroughTheRestServer() throws Exception {
        assertEquals(0, lakesh.run("catalog add rest --type rest --uri " + server.uri()), lakesh.err());
        assertEquals("added catalog rest at /iceberg/rest (saved in lakesh.conf)\n", lakesh.out());
        int before = server.requests();

        assertEquals(0, lakesh.run("create table /iceberg/rest/sales/orders (id bigint not null, region string, amount decimal(10,2)) --partitioned-by region"), lakesh.err());
        assertEquals(0, lakesh.run("load /iceberg/rest/sales/orders " + csv), lakesh.err());
        assertEquals("loaded 3 rows into /iceberg/rest/sales/orders\n", lakesh.out());
        assertTrue(server.requests() > before, "the commits reached the server");
        Table table = IcebergTables.resolve(lakesh.namespace(), "/iceberg/rest/sales/orders").table();
        assertEquals("RESTTableOperations", ((org.apache.iceberg.HasTableOperations) table).operations().getClass().getSimpleName(),
                "lakesh used Iceberg's REST client");
        assertEquals(List.of("1|EU|10.50", "2|US|7.25", "3|EU|1.00"), rowsSeenByAnotherClient("sales", "orders"));

        assertEquals(0, lakesh.run("ls /iceberg/rest; ls /iceberg/rest/sales"), lakesh.err());
        String listed = lakesh.out();
        assertTrue(listed.contains("sales"), listed);
        assertTrue(listed.contains("orders"), listed);
        assertEquals(0, lakesh.run("describe /iceberg/rest/sales/orders"), lakesh.err());
        String described = lakesh.out();
        assertTrue(described.contains("partitioning  identity(region) as region\n"), described);
        assertTrue(described.contains(" 3  amount  decimal(10, 2)  false"), described);

        assertEquals(0, lakesh.run("select region, sum(amount) as total from /iceberg/rest/sales/orders group by region order by region;"), lakesh.err());
        String selected = lakesh.out();
        assertTrue(selected.matches("(?s).*EU\\s+11\\.50.*US\\s+7\\.25.*"), selected);

        assertEquals(0, lakesh.run("alter table /iceberg/rest/sales/orders add column note string"), lakesh.err());
        lakesh.out();
        assertEquals(0, lakesh.run("rename table /iceberg/rest/sales/orders /iceberg/rest/sales/orders2"), lakesh.err());
        lakesh.out();
        assertEquals(0, lakesh.run("history --format csv /iceberg/rest/sales/orders2"), lakesh.err());
        assertEquals(2, lakesh.out().lines().count(), "header and the one load");
        assertEquals(List.of("1|EU|10.50", "2|US|7.25", "3|EU|1.00"), rowsSeenByAnotherClient("sales", "orders2"));

        assertEquals(1, lakesh.run("describe /iceberg/rest/sales/orders"));
        assertEquals("describe: '/iceberg/rest/sales/orders': No such catalog, namespace or table (did you mean 'orders2'?)\n", lakesh.err());

        assertEquals(0, lakesh.run("drop table /iceberg/rest/sales/orders2 --purge --force"), lakesh.err());
        assertEquals("dropped /iceberg/rest/sales/orders2 and its files\n", lakesh.out());
        try (RESTCatalog other = new RESTCatalog()) {
            other.initialize("other", Map.of("uri", server.uri()));
            assertEquals(List.of(), other.listTables(org.apache.iceberg.catalog.Namespace.of("sales")));
        }
    }

    @Test
    void aRestServerThatIsDownIsOneLineNamingTheCatalog() throws Exception {
        String uri = server.uri();
        server.close();
        assertEquals(0, lakesh.run("catalog add rest --type rest --uri " + uri), lakesh.err());
        lakesh.out();
        assertEquals(1, lakesh.run("ls /iceberg/rest"));
        String err = lakesh.err();
        assertTrue(err.startsWith("ls: cannot open Iceberg catalog 'rest': "), err);
        assertTrue(err.contains(uri.substring("http://".length())), "names the server: " + err);
        assertEquals(1, err.lines().count(), err);
    }
}
