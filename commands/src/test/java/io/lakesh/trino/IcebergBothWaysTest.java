package io.lakesh.trino;

import io.lakesh.iceberg.IcebergTables;
import io.lakesh.testing.Lakesh;
import io.lakesh.testing.TrinoServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One Iceberg JDBC catalog in PostgreSQL, two engines: lakesh's tables answer the same in Trino, and tables
 * Trino creates and changes (deletes and updates write position-delete files) answer the same in DuckDB.
 */
class IcebergBothWaysTest {

    private static String schema() {
        return "s" + System.nanoTime();
    }

    /** The statement's CSV output through lakesh's DuckDB path. */
    static String duckdb(Lakesh lakesh, String sql) {
        assertEquals(0, lakesh.run("\\format csv"), lakesh.err());
        lakesh.out();
        assertEquals(0, lakesh.run(sql + ";"), lakesh.err());
        return lakesh.out();
    }

    /** The statement's CSV output through Trino. */
    static String trino(Lakesh lakesh, String sql) {
        assertEquals(0, lakesh.run("\\format csv"), lakesh.err());
        lakesh.out();
        assertEquals(0, lakesh.run("trino " + sql), lakesh.err());
        return lakesh.out();
    }

    @Test
    void aTableLakeshCreatedAndLoadedAnswersTheSameInTrino() throws Exception {
        try (Lakesh lakesh = TrinoServer.connectIceberg(Lakesh.inTempHome())) {
            String s = schema();
            Path csv = lakesh.home().resolve("orders.csv");
            Files.writeString(csv, "id,region,amount,day\n1,EU,10.50,2024-01-02\n2,US,7.25,2024-01-03\n3,EU,1.00,2024-02-01\n4,APAC,,2024-02-02\n");
            String table = "/iceberg/pg/" + s + "/orders";
            assertEquals(0, lakesh.run("create table " + table + " (id bigint not null, region string, amount decimal(10,2), day date) --partitioned-by region"), lakesh.err());
            assertEquals(0, lakesh.run("load " + table + " " + csv), lakesh.err());
            assertEquals(0, lakesh.run("insert into " + table + " select 5, 'US', 3.50, date '2024-03-01';"), lakesh.err());
            lakesh.out();

            String grouped = "select region, count(*) as n, sum(amount) as total, min(day) as first from %s group by region order by region";
            String inTrino = trino(lakesh, grouped.formatted("iceberg." + s + ".orders"));
            assertEquals("region,n,total,first\nAPAC,1,,2024-02-02\nEU,2,11.50,2024-01-02\nUS,2,10.75,2024-01-03\n", inTrino);
            assertEquals(inTrino, duckdb(lakesh, grouped.formatted(table)));

            String rows = "select id, region, amount, day from %s where amount is null or amount > 2 order by id";
            String trinoRows = trino(lakesh, rows.formatted("iceberg." + s + ".orders"));
            assertEquals(5, trinoRows.lines().count(), trinoRows);
            assertEquals(trinoRows, duckdb(lakesh, rows.formatted(table)));
            // Trino reads the partitioning and the snapshots lakesh committed
            assertEquals("n\n2\n", trino(lakesh, "select count(*) as n from iceberg." + s + ".\"orders$snapshots\""));
        }
    }

    @Test
    void aTableTrinoCreatedAndChangedReadsTheSameThroughDuckdb() throws Exception {
        try (Lakesh lakesh = TrinoServer.connectIceberg(Lakesh.inTempHome())) {
            String s = schema();
            String t = "iceberg." + s + ".items";
            for (String sql : List.of(
                    "create schema iceberg." + s,
                    "create table " + t + " (id bigint, name varchar, amount double) with (format_version = 2, partitioning = ARRAY['bucket(id, 2)'])",
                    "insert into " + t + " values (1, 'one', 1.5), (2, 'two', 2.5), (3, 'three', 3.5), (4, 'four', 4.5)",
                    "insert into " + t + " values (5, 'five', 5.5), (6, 'six', 6.5)",
                    "delete from " + t + " where id in (2, 5)",
                    "update " + t + " set amount = amount * 10 where id = 3",
                    "alter table " + t + " add column note varchar",
                    "update " + t + " set note = 'later' where id >= 4",
                    "alter table " + t + " rename column name to label",
                    "insert into " + t + " values (7, 'seven', 7.5, 'new')")) {
                assertEquals(0, lakesh.run("trino " + sql), sql + ": " + lakesh.err());
                lakesh.out();
            }
            String path = "/iceberg/pg/" + s + "/items";
            var table = IcebergTables.resolve(lakesh.namespace(), path).table();
            long positionDeletes = Long.parseLong(table.currentSnapshot().summary().getOrDefault("total-position-deletes", "0"));
            assertTrue(positionDeletes >= 4, "Trino's delete and updates wrote position deletes: " + table.currentSnapshot().summary());

            String all = "select id, label, amount, note from %s order by id";
            String inTrino = trino(lakesh, all.formatted(t));
            assertEquals("""
                    id,label,amount,note
                    1,one,1.5,
                    3,three,35.0,
                    4,four,4.5,later
                    6,six,6.5,later
                    7,seven,7.5,new
                    """, inTrino);
            assertEquals(inTrino, duckdb(lakesh, all.formatted(path)));
            String grouped = "select note, count(*) as n, sum(amount) as total from %s group by note order by note nulls first";
            assertEquals(trino(lakesh, grouped.formatted(t)), duckdb(lakesh, grouped.formatted(path)));
            // after ALTER: the renamed column keeps its field id, the added one has a new id
            assertEquals(0, lakesh.run("describe " + path), lakesh.err());
            String described = lakesh.out();
            assertTrue(described.endsWith("id,name,type,required,doc\n1,id,long,false,\n2,label,string,false,\n"
                    + "3,amount,double,false,\n4,note,string,false,\n"), described);
        }
    }
}
