package io.lakesh.trino;

import io.lakesh.testing.HdfsCluster;
import io.lakesh.testing.Lakesh;
import io.lakesh.testing.TrinoServer;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.lakesh.trino.IcebergBothWaysTest.duckdb;
import static io.lakesh.trino.IcebergBothWaysTest.trino;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delta tables both ways: lakesh's registered in Trino by path and read by it, and Trino's on HDFS (a CTAS with
 * deletion vectors enabled; Trino 476 writes no later version there) read by lakesh's Delta path with the same answers.
 */
class DeltaBothWaysTest {

    private static String schema() {
        return "s" + System.nanoTime();
    }

    @Test
    void aDeltaTableLakeshWroteIsRegisteredInTrinoAndAnswersTheSame() throws Exception {
        try (Lakesh lakesh = TrinoServer.connect(Lakesh.inTempHome())) {
            String s = schema();
            Path csv = lakesh.home().resolve("events.csv");
            Files.writeString(csv, "id,region,amount,day\n1,EU,10,2024-01-02\n2,US,7,2024-01-03\n3,EU,1,2024-02-01\n4,APAC,,2024-02-02\n");
            assertEquals(0, lakesh.run("create table /local/events (id bigint not null, region string, amount int, day date) --using delta --partitioned-by region"), lakesh.err());
            assertEquals(0, lakesh.run("load /local/events " + csv), lakesh.err());
            assertEquals(0, lakesh.run("insert into /local/events select 5, 'US', 8, DATE '2024-03-01';"), lakesh.err());
            assertEquals(0, lakesh.run("delete /local/events --where \"id = 2\" --force"), lakesh.err());
            lakesh.out();

            assertEquals(0, lakesh.run("register /local/events as trino." + s + ".events"), lakesh.err());
            assertEquals("registered /local/events in Trino as delta." + s + ".events (/trino/delta/" + s + "/events)\n", lakesh.out());
            String grouped = "select region, count(*) as n, sum(amount) as total, max(day) as last from %s group by region order by region";
            String inTrino = trino(lakesh, grouped.formatted("delta." + s + ".events"));
            assertEquals("region,n,total,last\nAPAC,1,,2024-02-02\nEU,2,11,2024-02-01\nUS,1,8,2024-03-01\n", inTrino);
            assertEquals(inTrino, duckdb(lakesh, grouped.formatted("/local/events")));
            String rows = "select id, region, amount, day from %s order by id";
            assertEquals(duckdb(lakesh, rows.formatted("/local/events")), trino(lakesh, rows.formatted("delta." + s + ".events")));
            // lakesh writes on; Trino reads the newer version through the same log
            assertEquals(0, lakesh.run("insert into /local/events select 6, 'EU', 2, DATE '2024-04-01';"), lakesh.err());
            assertEquals("n\n5\n", trino(lakesh, "select count(*) as n from delta." + s + ".events"));
            assertEquals(0, lakesh.run("ls /trino/delta/" + s), lakesh.err());
            assertEquals("name,kind\nevents,table\n", lakesh.out());

            // registering twice is Trino's error; a path that is no Delta table or a name without a schema is lakesh's
            assertEquals(1, lakesh.run("register /local/events trino." + s + ".events"));
            String again = lakesh.err();
            assertTrue(again.startsWith("register: ") && again.contains("already exists"), again);
            assertEquals(1, lakesh.run("register /local/nothing as trino." + s + ".x"));
            assertEquals("register: '/local/nothing': No such file or directory\n", lakesh.err(), "one line naming the path");
            assertEquals(2, lakesh.run("register /local/events as events"));
            assertEquals("register: register needs a Trino name <catalog>.<schema>.<table> (or trino.<schema>.<table>), not 'events'\n", lakesh.err());
        }
    }

    @Test
    void aDeltaTableTrinoWroteOnHdfsReadsTheSameThroughLakesh() throws Exception {
        HdfsCluster hdfs = HdfsCluster.shared();
        Lakesh setup = Lakesh.inTempHome();
        Files.writeString(setup.home().resolve("lakesh.conf"), "mount./hdfs = " + hdfs.uri() + "\nhadoop.dfs.replication = 2\n");
        setup.close();
        try (Lakesh lakesh = TrinoServer.connect(new Lakesh(setup.home()))) {
            String s = schema();
            String location = hdfs.uri() + "trino/" + s + "/events";
            String t = "delta." + s + ".events";
            String with = " with (location = '" + location + "', partitioned_by = ARRAY['region'], checkpoint_interval = 1, deletion_vectors_enabled = true)";
            for (String sql : List.of(
                    "create schema delta." + s + " with (location = '" + hdfs.uri() + "trino/" + s + "')",
                    "create table " + t + with + " as select * from (values (1, 'EU', 15.0, cast(null as varchar)), (3, 'US', 35.0, null),"
                            + " (4, 'APAC', 45.0, null), (5, 'US', 5.5, 'new')) v (id, region, amount, note)")) {
                assertEquals(0, lakesh.run("trino " + sql), sql + ": " + lakesh.err());
                lakesh.out();
            }
            // Trino 476 has no Delta log synchronizer for hdfs: every second version (DELETE, INSERT, UPDATE, CREATE OR
            // REPLACE) is refused, and the refusal reaches the user as Trino's message and error code in one line
            assertEquals(1, lakesh.run("trino delete from " + t + " where id = 3"));
            String refused = lakesh.err();
            assertTrue(refused.startsWith("trino: Writes are not enabled on the hdfs filesystem") && refused.contains("(error code 13, query "), refused);
            assertEquals(1, refused.lines().count(), refused);

            String path = "/hdfs/trino/" + s + "/events";
            String all = "select id, region, amount, note from %s order by id";
            String inTrino = trino(lakesh, all.formatted(t));
            assertEquals("""
                    id,region,amount,note
                    1,EU,15.0,
                    3,US,35.0,
                    4,APAC,45.0,
                    5,US,5.5,new
                    """, inTrino);
            assertEquals(inTrino, duckdb(lakesh, all.formatted(path)));
            String grouped = "select region, count(*) as n, sum(amount) as total from %s group by region order by region";
            assertEquals(trino(lakesh, grouped.formatted(t)), duckdb(lakesh, grouped.formatted(path)));

            assertEquals(0, lakesh.run("count --format csv " + path), lakesh.err());
            assertTrue(lakesh.out().endsWith(",4," + path + "\n"), "count agrees");
            assertEquals(0, lakesh.run("head -n 100 --format csv " + path), lakesh.err());
            List<String> head = lakesh.out().lines().skip(1).sorted().toList();
            assertEquals(4, head.size(), head.toString());
            assertTrue(head.get(3).startsWith("5,") && head.get(3).contains("new"), head.toString());
            assertEquals(0, lakesh.run("describe " + path), lakesh.err());
            String described = lakesh.out();
            assertTrue(described.contains("note") && described.contains("region"), described);
            assertEquals(0, lakesh.run("history --all --format csv " + path), lakesh.err());
            long versions = lakesh.out().lines().skip(1).count();
            assertEquals(1, versions, "Trino's CTAS is version 0");
            assertEquals("n\n" + versions + "\n", trino(lakesh, "select count(*) as n from delta." + s + ".\"events$history\""));
            // the first version by time travel reads what Trino reads of it
            String first = "select id, region, amount from %s order by id";
            assertEquals(trino(lakesh, first.formatted(t + " for version as of 0")), duckdb(lakesh, first.formatted(path + "@0")));
        }
    }
}
