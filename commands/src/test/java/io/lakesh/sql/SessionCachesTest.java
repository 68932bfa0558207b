package io.lakesh.sql;

import io.lakesh.testing.Lakesh;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session keeps the Iceberg tables it loaded and the files it planned per snapshot; another process changing,
 * dropping or re-creating a table between two queries is still seen by the next query.
 */
class SessionCachesTest {
    @Test
    void anotherSessionsCommitsDropsAndRecreationsAreSeenByTheNextQuery() throws Exception {
        try (Lakesh reader = Lakesh.inTempHome(); Lakesh other = new Lakesh(reader.home())) {
            Path csv = reader.home().resolve("a.csv");
            Files.writeString(csv, "id,region\n1,EU\n2,US\n3,EU\n");
            assertEquals(0, reader.run("create table /iceberg/lake/c/t (id bigint, region string) --partitioned-by region; load /iceberg/lake/c/t " + csv), reader.err());
            reader.out();
            assertEquals(0, reader.run("\\format csv; select count(*) as n from lake.c.t;"), reader.err());
            assertEquals("format: csv\nn\n3\n", reader.out());
            assertEquals(0, reader.run("select count(*) as n from lake.c.t where region = 'EU';"), reader.err());
            assertEquals("n\n2\n", reader.out());
            long first = io.lakesh.iceberg.IcebergTables.resolve(reader.namespace(), "/iceberg/lake/c/t").table().currentSnapshot().snapshotId();

            // another process appends: the reader's kept table is refreshed, the new snapshot planned
            assertEquals(0, other.run("load /iceberg/lake/c/t " + csv), other.err());
            assertEquals(0, reader.run("select count(*) as n from lake.c.t;"), reader.err());
            assertEquals("n\n6\n", reader.out());
            assertEquals(0, reader.run("select count(*) as n from lake.c.t where region = 'EU';"), reader.err());
            assertEquals("n\n4\n", reader.out());
            // the older snapshot still reads as it was
            assertEquals(0, reader.run("select count(*) as n from lake.c.t@" + first + " where region = 'EU';"), reader.err());
            assertEquals("n\n2\n", reader.out());

            // dropped and created again, with another schema, by the other process
            assertEquals(0, other.run("drop table /iceberg/lake/c/t --purge --force; create table /iceberg/lake/c/t (id bigint, name string)"), other.err());
            assertEquals(0, other.run("insert into lake.c.t values (7, 'seven');"), other.err());
            assertEquals(0, reader.run("select id, name from lake.c.t;"), reader.err());
            assertEquals("id,name\n7,seven\n", reader.out());

            // dropped for good: the reader says so, naming the table
            assertEquals(0, other.run("drop table /iceberg/lake/c/t --force"), other.err());
            assertEquals(1, reader.run("select * from lake.c.t;"));
            String err = reader.err();
            assertEquals("sql: no table 'lake.c.t' in the namespace (catalog names are <catalog>.<namespace>.<table>; see 'ls /iceberg')\n", err);
            assertEquals(1, err.lines().count(), err);
            assertEquals(1, reader.run("describe /iceberg/lake/c/t"));
            assertEquals("describe: '/iceberg/lake/c/t': No such catalog, namespace or table\n", reader.err());
        }
    }
}
