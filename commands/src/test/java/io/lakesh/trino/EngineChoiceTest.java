package io.lakesh.trino;

import io.lakesh.sql.TrinoEngine;
import io.lakesh.testing.Lakesh;
import io.lakesh.testing.TrinoServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `explain` on Trino, and `\engine auto` picking DuckDB or Trino by the bytes a query scans. */
class EngineChoiceTest {

    @Test
    void explainInTrinoModeAndTrinoExplainShowTrinosPlanAsText() {
        try (Lakesh lakesh = TrinoServer.connect(Lakesh.inTempHome())) {
            assertEquals(0, lakesh.run("\\engine trino"), lakesh.err());
            lakesh.out();
            assertEquals(0, lakesh.run("explain select regionkey, count(*) from tpch.tiny.nation group by 1;"), lakesh.err());
            String plan = lakesh.out();
            assertTrue(plan.startsWith("Trino version: ") || plan.startsWith("Fragment 0 ["), plan);
            assertTrue(plan.contains("Aggregate") && plan.contains("TableScan[table = tpch:tiny:nation]"), plan);
            assertFalse(plan.contains("Query Plan"), "the plan, not a table with a header: " + plan);
            assertEquals(0, lakesh.run("\\engine duckdb; trino explain select regionkey, count(*) from tpch.tiny.nation group by 1"), lakesh.err());
            String again = lakesh.out();
            assertTrue(again.startsWith("engine: duckdb\n") && again.contains("TableScan[table = tpch:tiny:nation]"), again);
        }
    }

    @Test
    void autoKeepsSmallScansInDuckdbAndSendsLargeOnesToTrinoSayingWhich() throws Exception {
        try (Lakesh lakesh = TrinoServer.connectIceberg(Lakesh.inTempHome())) {
            String s = "s" + System.nanoTime();
            Path csv = lakesh.home().resolve("orders.csv");
            Files.writeString(csv, "id,region,amount\n1,EU,10\n2,US,7\n3,EU,1\n");
            String table = "/iceberg/pg/" + s + "/orders";
            assertEquals(0, lakesh.run("create table " + table + " (id bigint, region string, amount int); load " + table + " " + csv), lakesh.err());
            assertEquals(0, lakesh.run("create table /iceberg/lake/" + s + "/local (id bigint); insert into /iceberg/lake/" + s + "/local select 1;"), lakesh.err());
            lakesh.out();
            assertEquals(0, lakesh.run("\\format csv; \\engine auto"), lakesh.err());
            assertEquals("format: csv\nengine: auto\n", lakesh.out());
            String query = "select region, sum(amount) as total from " + table + " where id > 0 group by region order by region;";
            TrinoEngine trino = TrinoEngine.of(lakesh.namespace());

            String picked = picked(lakesh, query);
            assertEquals("region,total\nEU,11\nUS,7\n", lakesh.out());
            assertTrue(picked.matches("engine: duckdb \\(\\d+ B to scan, under engine.auto.trino-bytes 1\\.0 GiB\\)\n"), picked);
            assertEquals(null, trino.lastQueryId(), "nothing went to Trino");

            lakesh.namespace().config().set("engine.auto.trino-bytes", "1");
            picked = picked(lakesh, query);
            assertEquals("region,total\nEU,11\nUS,7\n", lakesh.out(), "Trino's answer is DuckDB's");
            assertTrue(picked.matches("engine: trino \\(\\d+ B to scan, at least engine.auto.trino-bytes 1 B\\)\n"), picked);
            assertTrue(queryText(trino.lastQueryId()).contains("from \"iceberg\".\"" + s + "\".\"orders\" AS \"orders\" where id > 0"),
                    "the namespace's name became Trino's: " + queryText(trino.lastQueryId()));

            // a catalog Trino does not share stays in DuckDB however large, and says why; a /trino table goes to Trino
            picked = picked(lakesh, "select count(*) as n from /iceberg/lake/" + s + "/local;");
            assertEquals("n\n1\n", lakesh.out());
            assertTrue(picked.matches("engine: duckdb \\(\\d+ B to scan, but catalog lake is not shared with Trino "
                    + "\\(set catalog.lake.trino-catalog in lakesh.conf\\)\\)\n"), picked);
            assertEquals("engine: trino (a /trino table)\n", picked(lakesh, "select count(*) as n from /trino/tpch/tiny/region;"));
            assertEquals("n\n5\n", lakesh.out());
            lakesh.namespace().config().set("engine.auto.trino-bytes", "lots");
            assertEquals(1, lakesh.run(query));
            assertEquals("sql: engine.auto.trino-bytes = 'lots' in lakesh.conf is not a size (write e.g. 512MiB or 1GiB)\n", lakesh.err());
        }
    }

    /** Runs a statement that must succeed; returns what it said on stderr (the engine it picked). */
    private static String picked(Lakesh lakesh, String sql) {
        int status = lakesh.run(sql);
        String err = lakesh.err();
        assertEquals(0, status, err);
        return err;
    }

    private static String queryText(String queryId) throws Exception {
        try (Connection c = TrinoServer.jdbc();
             PreparedStatement s = c.prepareStatement("select query from system.runtime.queries where query_id = ?")) {
            s.setString(1, queryId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : "no query " + queryId;
            }
        }
    }
}
