package io.lakesh.trino;

import io.lakesh.testing.Lakesh;
import io.lakesh.testing.TrinoServer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `/trino/<catalog>/<schema>/<table>` from a real Trino's metadata. */
class TrinoTreeTest {

    @Test
    void lsWalksCatalogsSchemasAndTables() {
        try (Lakesh lakesh = TrinoServer.connect(Lakesh.inTempHome())) {
            assertEquals(0, lakesh.run("ls /"), lakesh.err());
            assertTrue(lakesh.out().contains("trino"), "the root lists /trino where trino.url is set");
            assertEquals(0, lakesh.run("ls /trino"), lakesh.err());
            String catalogs = lakesh.out();
            for (String c : List.of("delta", "memory", "system", "tpch")) {
                assertTrue(catalogs.contains(c), catalogs);
            }
            assertEquals(0, lakesh.run("cd /trino/tpch; ls"), lakesh.err());
            assertTrue(lakesh.out().contains("tiny"));
            assertEquals("> ls --format csv tiny\nname,kind\ncustomer,table\nlineitem,table\nnation,table\norders,table\n"
                            + "part,table\npartsupp,table\nregion,table\nsupplier,table\n",
                    lakesh.transcript("ls --format csv tiny"));
        }
    }

    @Test
    void describeShowsTheColumnsTrinoKnows() {
        try (Lakesh lakesh = TrinoServer.connect(Lakesh.inTempHome())) {
            assertEquals("> describe --format csv /trino/tpch/tiny/region\ncolumn,type,extra,comment\n"
                            + "regionkey,bigint,,\nname,varchar(25),,\ncomment,varchar(152),,\n",
                    lakesh.transcript("describe --format csv /trino/tpch/tiny/region"));
        }
    }

    @Test
    void headReadsTheFirstRowsThroughTrino() {
        try (Lakesh lakesh = TrinoServer.connect(Lakesh.inTempHome())) {
            assertEquals(0, lakesh.run("cd /trino/tpch/tiny; head -n 2 nation --where 'regionkey = 1' --format csv"), lakesh.err());
            List<String> lines = lakesh.out().lines().toList();
            assertEquals(3, lines.size(), lines.toString());
            assertEquals("nationkey,name,regionkey,comment", lines.get(0));
            assertTrue(lines.get(1).startsWith("1,ARGENTINA,1,") && lines.get(2).startsWith("2,BRAZIL,1,"), lines.toString());
        }
    }

    @Test
    void aTableTrinoDoesNotKnowIsOneLineNamingTheClosest() {
        try (Lakesh lakesh = TrinoServer.connect(Lakesh.inTempHome())) {
            assertEquals("> describe /trino/tpch/tiny/nations\n"
                            + "describe: '/trino/tpch/tiny/nations': Trino has no table 'nations' (did you mean 'nation'?)\n[exit 1]\n",
                    lakesh.transcript("describe /trino/tpch/tiny/nations"));
            assertEquals("> ls /trino/nocatalog\nls: '/trino/nocatalog': Trino has no catalog 'nocatalog' (there: delta, "
                            + (TrinoServer.hasIceberg() ? "iceberg, " : "") + "memory, system, tpch)\n[exit 1]\n",
                    lakesh.transcript("ls /trino/nocatalog"));
        }
    }

    @Test
    void aTableMadeThroughLakeshListsAtOnceAndCompletesItsColumns() {
        try (Lakesh lakesh = TrinoServer.connect(Lakesh.inTempHome())) {
            String table = "t" + System.nanoTime();
            assertEquals(0, lakesh.run("ls /trino/memory/default"), lakesh.err());
            assertTrue(!lakesh.out().contains(table));
            assertEquals(0, lakesh.run("trino create table memory.default." + table + " as select regionkey, name from tpch.tiny.region"), lakesh.err());
            lakesh.out();
            assertEquals(0, lakesh.run("ls /trino/memory/default"), lakesh.err());
            assertTrue(lakesh.out().contains(table), "the listing was refreshed after the create");
            TrinoTree tree = (TrinoTree) lakesh.namespace().tree("/trino");
            assertEquals(List.of("regionkey", "name"), tree.columns("/trino/memory/default/" + table));
            assertEquals(List.of(), tree.columns("/trino/memory/default/nothere"));
        }
    }
}
