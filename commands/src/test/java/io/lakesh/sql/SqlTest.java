package io.lakesh.sql;

import io.lakesh.iceberg.IcebergTables;
import io.lakesh.testing.HdfsCluster;
import io.lakesh.testing.Lakesh;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SQL on DuckDB over the namespace, checked against Iceberg's own reader. */
class SqlTest {

    private static Path orders(Lakesh lakesh, int rows) throws Exception {
        StringBuilder csv = new StringBuilder("id,region,amount\n");
        String[] regions = {"EU", "US", "APAC"};
        for (int i = 1; i <= rows; i++) {
            csv.append(i).append(',').append(regions[i % 3]).append(',').append(i * 1.5).append('\n');
        }
        Path file = lakesh.home().resolve("orders.csv");
        Files.writeString(file, csv);
        return file;
    }

    /** The rows of the table's current snapshot as Iceberg's generic reader gives them, as CSV lines, sorted. */
    private static TreeSet<String> oracle(Table table, String... columns) throws Exception {
        TreeSet<String> out = new TreeSet<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
            for (Record r : rows) {
                List<String> values = new ArrayList<>();
                for (String c : columns) {
                    Object v = r.getField(c);
                    values.add(v == null ? "" : v.toString());
                }
                out.add(String.join(",", values));
            }
        }
        return out;
    }

    private static TreeSet<String> csvRows(String out) {
        TreeSet<String> rows = new TreeSet<>(out.lines().toList());
        return rows;
    }

    @Test
    void selectGroupsAnIcebergTableAsIcebergsReaderSeesIt() throws Exception {
        try (Lakesh lakesh = Lakesh.inTempHome()) {
            Path csv = orders(lakesh, 30);
            assertEquals(0, lakesh.run("create table /iceberg/lake/s/orders (id bigint, region string, amount double); load /iceberg/lake/s/orders " + csv), lakesh.err());
            lakesh.out();
            assertEquals(0, lakesh.run("cd /iceberg/lake/s; \\format csv; select region, count(*) as n, sum(amount) as total from orders group by region order by region;"), lakesh.err());
            assertEquals("format: csv\nregion,n,total\nAPAC,10,232.5\nEU,10,247.5\nUS,10,217.5\n", lakesh.out());
            // the same table by its catalog name and by its path
            assertEquals(0, lakesh.run("select count(*) as n from lake.s.orders;"), lakesh.err());
            assertEquals("n\n30\n", lakesh.out());
            assertEquals(0, lakesh.run("select o.id from /iceberg/lake/s/orders o where o.id < 3 order by 1;"), lakesh.err());
            assertEquals("id\n1\n2\n", lakesh.out());
        }
    }

    @Test
    void positionAndEqualityDeletesOfAnotherWriterAreApplied() throws Exception {
        try (Lakesh lakesh = Lakesh.inTempHome()) {
            Path csv = orders(lakesh, 9);
            assertEquals(0, lakesh.run("create table /iceberg/lake/d/t (id bigint, region string, amount double); load /iceberg/lake/d/t " + csv), lakesh.err());
            Table table = IcebergTables.resolve(lakesh.namespace(), "/iceberg/lake/d/t").table();
            DataFile data = table.currentSnapshot().addedDataFiles(table.io()).iterator().next();
            io.lakesh.testing.OtherWriter.deletePositions(table, data, 0L, 4L); // ids 1 and 5
            io.lakesh.testing.OtherWriter.deleteWhereEquals(table, "region", "US");
            // rows added after the equality delete are not deleted by it (its sequence number is older)
            Path later = lakesh.home().resolve("later.csv");
            Files.writeString(later, "id,region,amount\n100,US,1.0\n");
            assertEquals(0, lakesh.run("load /iceberg/lake/d/t " + later), lakesh.err());
            table.refresh();
            lakesh.out();

            assertEquals(0, lakesh.run("\\format csv; select id, region from /iceberg/lake/d/t;"), lakesh.err());
            TreeSet<String> got = csvRows(lakesh.out());
            got.remove("format: csv");
            got.remove("id,region");
            assertEquals(oracle(table, "id", "region"), got);
            assertTrue(got.contains("100,US") && !got.contains("1,EU") && !got.contains("2,US"), got.toString());
        }
    }

    @Test
    void renamedAndAddedColumnsReadByFieldId() throws Exception {
        try (Lakesh lakesh = Lakesh.inTempHome()) {
            Path csv = orders(lakesh, 3);
            assertEquals(0, lakesh.run("create table /iceberg/lake/e/t (id bigint, region string, amount double); load /iceberg/lake/e/t " + csv), lakesh.err());
            assertEquals(0, lakesh.run("alter table /iceberg/lake/e/t rename column region to area; alter table /iceberg/lake/e/t add column note string"), lakesh.err());
            lakesh.out();
            assertEquals(0, lakesh.run("\\format csv; select id, area, note from /iceberg/lake/e/t order by id;"), lakesh.err());
            assertEquals("format: csv\nid,area,note\n1,US,\n2,APAC,\n3,EU,\n", lakesh.out());
        }
    }

    @Test
    void filtersPruneDataFilesOfAPartitionedTable() throws Exception {
        try (Lakesh lakesh = Lakesh.inTempHome()) {
            Path csv = orders(lakesh, 12);
            assertEquals(0, lakesh.run("create table /iceberg/lake/p/t (id bigint, region string, amount double) --partitioned-by region; load /iceberg/lake/p/t " + csv), lakesh.err());
            lakesh.out();
            assertEquals(0, lakesh.run("\\timing on; \\format csv; select count(*) as n from /iceberg/lake/p/t where region = 'EU' and amount > 1;"), lakesh.err());
            String out = lakesh.out();
            assertTrue(out.contains("n\n4\n"), out);
            assertTrue(out.contains("1 of 3 data files (pruned by region = 'EU' and amount > 1)"), out);
            // an OR cannot prune: every file is read, the answer is the same as DuckDB's
            assertEquals(0, lakesh.run("select count(*) as n from /iceberg/lake/p/t where region = 'EU' or id = 1;"), lakesh.err());
            out = lakesh.out();
            assertTrue(out.contains("n\n5\n") && out.contains("3 of 3 data files"), out);
        }
    }

    @Test
    void plainFilesResolveFromTheCurrentDirectory() throws Exception {
        try (Lakesh lakesh = Lakesh.inTempHome()) {
            Files.createDirectories(lakesh.warehouse().resolve("raw"));
            Files.writeString(lakesh.warehouse().resolve("raw/a.csv"), "k,v\nx,1\ny,2\n");
            Files.writeString(lakesh.warehouse().resolve("raw/b.csv"), "k,v\nz,3\n");
            assertEquals(0, lakesh.run("cd /local/raw; \\format csv; select sum(v) as s from 'a.csv';"), lakesh.err());
            assertEquals("format: csv\ns\n3\n", lakesh.out());
            assertEquals(0, lakesh.run("select count(*) as n from '/local/raw/*.csv';"), lakesh.err());
            assertEquals("n\n3\n", lakesh.out());
            assertEquals(0, lakesh.run("copy (select k from 'b.csv') to '" + lakesh.home().resolve("out.csv") + "';"), lakesh.err());
            assertEquals("k\nz\n", Files.readString(lakesh.home().resolve("out.csv")));
        }
    }

    @Test
    void badSqlGetsOneLineAndTheSessionGoesOn() throws Exception {
        try (Lakesh lakesh = Lakesh.inTempHome()) {
            Path csv = orders(lakesh, 3);
            assertEquals(0, lakesh.run("create table /iceberg/lake/s/orders (id bigint, region string, amount double); load /iceberg/lake/s/orders " + csv), lakesh.err());
            lakesh.out();
            assertEquals(1, lakesh.run("cd /iceberg/lake/s; select * form orders;"));
            String err = lakesh.err();
            assertEquals("sql: Parser Error: syntax error at or near \"orders\" at line 1, column 15: select * form orders\n", err);
            assertEquals(1, err.lines().count(), err);
            assertEquals(1, lakesh.run("select * from order;"));
            err = lakesh.err();
            assertTrue(err.contains("order"), err);
            assertEquals(1, lakesh.run("select * from ordrs;"));
            err = lakesh.err();
            assertTrue(err.contains("'ordrs'") && err.contains("did you mean 'orders'?"), err);
            assertEquals(1, lakesh.run("select nope from orders;"));
            err = lakesh.err();
            assertTrue(err.contains("nope") && !err.contains("lakesh_rel"), err);
            assertEquals(1, lakesh.run("select * from '/local/missing.parquet';"));
            assertTrue(lakesh.err().contains("'/local/missing.parquet': No such file or directory"));
            assertEquals(0, lakesh.run("select 1 as one;"), "the session goes on");
        }
    }

    @Test
    void hdfsDataFilesAreFetchedOnceIntoTheCache() throws Exception {
        HdfsCluster hdfs = HdfsCluster.shared();
        Lakesh setup = Lakesh.inTempHome();
        Files.writeString(setup.home().resolve("lakesh.conf"), "mount./hdfs = " + hdfs.uri() + "\n"
                + "hadoop.dfs.replication = 2\n"
                + "catalog.cluster.type = hadoop\n"
                + "catalog.cluster.warehouse = " + hdfs.uri() + "sqlwarehouse\n");
        setup.close();
        try (Lakesh lakesh = new Lakesh(setup.home())) {
            Path csv = orders(lakesh, 30);
            assertEquals(0, lakesh.run("create table /iceberg/cluster/s/orders (id bigint, region string, amount double) --partitioned-by region; load /iceberg/cluster/s/orders " + csv), lakesh.err());
            lakesh.out();
            assertEquals(0, lakesh.run("\\format csv; select region, count(*) as n from /iceberg/cluster/s/orders group by 1 order by 1;"), lakesh.err());
            assertEquals("format: csv\nregion,n\nAPAC,10\nEU,10\nUS,10\n", lakesh.out());
            assertEquals(0, lakesh.run("cache stats"));
            String stats = lakesh.out();
            assertTrue(stats.startsWith("files,size,limit,directory\n3,"), stats);
            Path cached;
            try (var files = Files.list(lakesh.home().resolve("cache"))) {
                cached = files.findFirst().orElseThrow();
            }
            long fetched = Files.readAttributes(cached, java.nio.file.attribute.BasicFileAttributes.class).creationTime().toMillis();
            assertEquals(0, lakesh.run("select count(*) as n from /hdfs/sqlwarehouse/s/orders where region = 'EU';"), lakesh.err());
            assertEquals("n\n10\n", lakesh.out());
            assertEquals(fetched, Files.readAttributes(cached, java.nio.file.attribute.BasicFileAttributes.class).creationTime().toMillis(),
                    "a cached copy is read again, not fetched again");
            assertEquals(0, lakesh.run("cache clear; cache stats"));
            assertTrue(lakesh.out().contains("cache: removed 3 files\nfiles,size,limit,directory\n0,0,"));
        }
        // a query that needs more remote data than the cache may hold is refused before anything is fetched
        Files.writeString(setup.home().resolve("lakesh.conf"), "cache.max-bytes = 1k\n", java.nio.file.StandardOpenOption.APPEND);
        try (Lakesh small = new Lakesh(setup.home())) {
            assertEquals(1, small.run("select count(*) from /iceberg/cluster/s/orders;"));
            String err = small.err();
            assertTrue(err.contains("more than the cache holds (1.0 KiB, cache.max-bytes in lakesh.conf)") && err.contains("Trino"), err);
            assertEquals(1, err.lines().count(), err);
        }
    }

    @Test
    void insertSelectAndLoadOfParquetAndJsonCommitIcebergSnapshotsIcebergReadsBack() throws Exception {
        try (Lakesh lakesh = Lakesh.inTempHome()) {
            Path csv = orders(lakesh, 6);
            assertEquals(0, lakesh.run("create table /iceberg/lake/w/orders (id bigint, region string, amount double) --partitioned-by region; load /iceberg/lake/w/orders " + csv), lakesh.err());
            assertEquals(0, lakesh.run("create table /iceberg/lake/w/eu (id bigint not null, amount double)"), lakesh.err());
            lakesh.out();
            assertEquals(0, lakesh.run("insert into lake.w.eu select id, amount * 2 from /iceberg/lake/w/orders where region = 'EU';"), lakesh.err());
            assertEquals("inserted 2 rows into /iceberg/lake/w/eu\n", lakesh.out());
            Table eu = IcebergTables.resolve(lakesh.namespace(), "/iceberg/lake/w/eu").table();
            assertEquals(new TreeSet<>(List.of("3,9.0", "6,18.0")), oracle(eu, "id", "amount"));
            // a NULL for a required column commits nothing
            assertEquals(1, lakesh.run("insert into /iceberg/lake/w/eu select NULL, 1.0;"));
            assertTrue(lakesh.err().contains("column 'id' is required"));
            eu.refresh();
            assertEquals(1L, java.util.stream.StreamSupport.stream(eu.snapshots().spliterator(), false).count(), "no second snapshot");
            assertEquals(1, lakesh.run("insert into /iceberg/lake/w/eu select 1;"));
            assertTrue(lakesh.err().contains("the query gives 1 columns, the table has 2 (id, amount)"));

            // Parquet and JSON files load by column name; missing columns are NULL
            Path parquet = lakesh.home().resolve("more.parquet");
            assertEquals(0, lakesh.run("copy (select 10 as id, 'EU' as region) to '" + parquet + "';"), lakesh.err());
            Path json = lakesh.home().resolve("more.json");
            Files.writeString(json, "{\"region\": \"US\", \"id\": 11, \"amount\": 0.5}\n");
            assertEquals(0, lakesh.run("load /iceberg/lake/w/orders " + parquet + "; load /iceberg/lake/w/orders " + json), lakesh.err());
            assertEquals("1 row\nloaded 1 rows into /iceberg/lake/w/orders\nloaded 1 rows into /iceberg/lake/w/orders\n", lakesh.out());
            Table orders = IcebergTables.resolve(lakesh.namespace(), "/iceberg/lake/w/orders").table();
            TreeSet<String> rows = oracle(orders, "id", "region", "amount");
            assertTrue(rows.contains("10,EU,") && rows.contains("11,US,0.5") && rows.size() == 8, rows.toString());
            // identity partitions land as Iceberg's own writer would put them, with their partition values
            assertEquals(0, lakesh.run("\\format csv; select count(*) as n from lake.w.orders where region = 'US';"), lakesh.err());
            assertEquals("format: csv\nn\n3\n", lakesh.out());
        }
    }

    @Test
    void createTableAsSelectMakesAnIcebergTableAndCopyWritesToNamespacePaths() throws Exception {
        HdfsCluster hdfs = HdfsCluster.shared();
        Lakesh setup = Lakesh.inTempHome();
        Files.writeString(setup.home().resolve("lakesh.conf"), "mount./hdfs = " + hdfs.uri() + "\nhadoop.dfs.replication = 2\n");
        setup.close();
        try (Lakesh lakesh = new Lakesh(setup.home())) {
            assertEquals(0, lakesh.run("create table lake.c.squares as select i as n, i * i as sq, 'x' || i as label from range(5) t(i);"), lakesh.err());
            assertEquals("created /iceberg/lake/c/squares with 5 rows\n", lakesh.out());
            Table t = IcebergTables.resolve(lakesh.namespace(), "/iceberg/lake/c/squares").table();
            assertEquals("n: long, sq: long, label: string", t.schema().columns().stream()
                    .map(f -> f.name() + ": " + f.type()).collect(java.util.stream.Collectors.joining(", ")));
            assertEquals(new TreeSet<>(List.of("0,0,x0", "1,1,x1", "2,4,x2", "3,9,x3", "4,16,x4")), oracle(t, "n", "sq", "label"));
            // a query that fails leaves no table behind
            assertEquals(1, lakesh.run("create table lake.c.bad as select 1 / 0 as x, error('boom') as y;"));
            assertTrue(lakesh.err().contains("boom"));
            assertEquals(1, lakesh.run("describe /iceberg/lake/c/bad"));
            lakesh.err();

            // COPY's target is a namespace path: /local is the warehouse, /hdfs is uploaded after DuckDB wrote it
            assertEquals(0, lakesh.run("copy (select * from lake.c.squares order by n) to '/local/out/squares.csv';"), lakesh.err());
            assertEquals("n,sq,label\n0,0,x0\n1,1,x1\n2,4,x2\n3,9,x3\n4,16,x4\n", Files.readString(lakesh.warehouse().resolve("out/squares.csv")));
            assertEquals(0, lakesh.run("copy (select * from lake.c.squares) to '/hdfs/sqlout/squares.parquet' (format parquet);"), lakesh.err());
            lakesh.out();
            assertEquals(0, lakesh.run("\\format csv; select sum(sq) as total from '/hdfs/sqlout/squares.parquet';"), lakesh.err());
            assertEquals("format: csv\ntotal\n30\n", lakesh.out());
            assertEquals(1, lakesh.run("copy (select 1) to '/hdfs/sqlout/squares.parquet';"));
            assertTrue(lakesh.err().contains("File exists"));
        }
    }

    @Test
    void interruptingALongQueryCancelsItAndTheSessionGoesOn() throws Exception {
        try (Lakesh lakesh = Lakesh.inTempHome()) {
            int[] status = new int[1];
            Thread command = new Thread(() -> status[0] = lakesh.run("select sum(a.i * b.i) from range(200000) a(i), range(200000) b(i);"));
            long started = System.nanoTime();
            command.start();
            Thread.sleep(1500);
            command.interrupt(); // what Ctrl-C does to the command thread in the shell
            command.join(15_000);
            assertTrue(!command.isAlive(), "the query stopped");
            assertTrue((System.nanoTime() - started) / 1e9 < 12, "stopped soon after the interrupt");
            assertEquals(1, status[0]);
            assertTrue(lakesh.err().contains("cancelled"), "says it was cancelled");
            assertEquals(0, lakesh.run("select 1 as one;"), lakesh.err());
            assertTrue(lakesh.out().contains("one"));
        }
    }

    @Test
    void deletionVectorsOfAVersion3TableAreApplied() throws Exception {
        try (Lakesh lakesh = Lakesh.inTempHome()) {
            Path csv = orders(lakesh, 6);
            assertEquals(0, lakesh.run("create table /iceberg/lake/v3/t (id bigint, region string, amount double) --format-version 3; load /iceberg/lake/v3/t " + csv), lakesh.err());
            Table table = IcebergTables.resolve(lakesh.namespace(), "/iceberg/lake/v3/t").table();
            DataFile data = table.currentSnapshot().addedDataFiles(table.io()).iterator().next();
            org.apache.iceberg.deletes.BaseDVFileWriter dvs = new org.apache.iceberg.deletes.BaseDVFileWriter(
                    org.apache.iceberg.io.OutputFileFactory.builderFor(table, 1, 1).format(org.apache.iceberg.FileFormat.PUFFIN).build(), path -> null);
            try (dvs) {
                dvs.delete(data.location(), 1L, table.spec(), null); // id 2
                dvs.delete(data.location(), 3L, table.spec(), null); // id 4
            }
            org.apache.iceberg.RowDelta delta = table.newRowDelta();
            dvs.result().deleteFiles().forEach(delta::addDeletes);
            delta.commit();
            table.refresh();
            lakesh.out();
            assertEquals(0, lakesh.run("\\format csv; select id from /iceberg/lake/v3/t order by id;"), lakesh.err());
            assertEquals("format: csv\nid\n1\n3\n5\n6\n", lakesh.out());
            TreeSet<String> expected = new TreeSet<>(List.of("1", "3", "5", "6"));
            assertEquals(expected, oracle(table, "id"), "Iceberg's reader agrees");
        }
    }

    @Test
    void timeTravelAndPartitionEvolutionReadTheSnapshotsRows() throws Exception {
        try (Lakesh lakesh = Lakesh.inTempHome()) {
            Path csv = orders(lakesh, 6);
            assertEquals(0, lakesh.run("create table /iceberg/lake/tt/t (id bigint, region string, amount double); load /iceberg/lake/tt/t " + csv), lakesh.err());
            Table table = IcebergTables.resolve(lakesh.namespace(), "/iceberg/lake/tt/t").table();
            long first = table.currentSnapshot().snapshotId();
            table.updateSpec().addField("region").commit();
            Path more = lakesh.home().resolve("more.csv");
            Files.writeString(more, "id,region,amount\n7,EU,1.0\n8,US,2.0\n");
            assertEquals(0, lakesh.run("load /iceberg/lake/tt/t " + more), lakesh.err());
            lakesh.out();
            assertEquals(0, lakesh.run("\\format csv; \\timing on; select count(*) as n from /iceberg/lake/tt/t where region = 'EU';"), lakesh.err());
            String out = lakesh.out();
            // the old, unpartitioned file cannot be pruned by region; the new EU file is read, the US one is not
            assertTrue(out.contains("n\n3\n") && out.contains("2 of 3 data files"), out);
            assertEquals(0, lakesh.run("select count(*) as n from lake.tt.t@" + first + ";"), lakesh.err());
            assertTrue(lakesh.out().contains("n\n6\n"));
        }
    }

    @Test
    void createLikeAndMoveColumn() throws Exception {
        try (Lakesh lakesh = Lakesh.inTempHome()) {
            assertEquals(0, lakesh.run("create table /iceberg/lake/l/a (id bigint, region string, amount double) --partitioned-by region --property write.parquet.compression-codec=snappy"), lakesh.err());
            assertEquals(0, lakesh.run("create table /iceberg/lake/l/b --like /iceberg/lake/l/a"), lakesh.err());
            Table b = IcebergTables.resolve(lakesh.namespace(), "/iceberg/lake/l/b").table();
            assertEquals("id: long, region: string, amount: double", b.schema().columns().stream()
                    .map(f -> f.name() + ": " + f.type()).collect(java.util.stream.Collectors.joining(", ")));
            assertEquals("region", b.spec().fields().get(0).name());
            assertEquals("snappy", b.properties().get("write.parquet.compression-codec"));
            lakesh.out();
            assertEquals(0, lakesh.run("alter table /iceberg/lake/l/b move column amount first"), lakesh.err());
            assertEquals("moved column amount first in /iceberg/lake/l/b\n", lakesh.out());
            assertEquals(0, lakesh.run("insert into lake.l.b select 2.5, 1, 'EU'; \\format csv; select * from lake.l.b;"), lakesh.err());
            assertEquals("1 row\nformat: csv\namount,id,region\n2.5,1,EU\n", lakesh.out().replace("inserted 1 row into /iceberg/lake/l/b\n", "1 row\n"));
            assertEquals(2, lakesh.run("alter table /iceberg/lake/l/b move column amount sideways"), "a usage error");
            assertTrue(lakesh.err().contains("move column NAME first, after OTHER or before OTHER"));
            assertEquals(2, lakesh.run("create table /iceberg/lake/l/c"));
            assertTrue(lakesh.err().contains("--like"));
        }
    }

    @Test
    void diffShowsFilesRowsAndSchemaChangesBetweenSnapshots() throws Exception {
        try (Lakesh lakesh = Lakesh.inTempHome()) {
            Path csv = orders(lakesh, 4);
            assertEquals(0, lakesh.run("create table /iceberg/lake/df/t (id bigint, region string, amount double); load /iceberg/lake/df/t " + csv), lakesh.err());
            Table table = IcebergTables.resolve(lakesh.namespace(), "/iceberg/lake/df/t").table();
            long first = table.currentSnapshot().snapshotId();
            DataFile data = table.currentSnapshot().addedDataFiles(table.io()).iterator().next();
            io.lakesh.testing.OtherWriter.deletePositions(table, data, 0L); // id 1 goes
            assertEquals(0, lakesh.run("alter table /iceberg/lake/df/t rename column region to area; insert into lake.df.t select 9, 'EU', 0.5;"), lakesh.err());
            lakesh.out();
            assertEquals(0, lakesh.run("diff --format csv /iceberg/lake/df/t@" + first + " /iceberg/lake/df/t"), lakesh.err());
            table.refresh();
            assertEquals("what,from,to,change\n"
                    + "state,/iceberg/lake/df/t@" + first + ",/iceberg/lake/df/t@" + table.currentSnapshot().snapshotId() + ",\n"
                    + "data files,1,2,+1 -0\n"
                    + "rows,4,4,+1 -1\n"
                    + "schema,,,renamed column region to area\n", lakesh.out());
            assertEquals(0, lakesh.run("diff --format csv --rows 5 /iceberg/lake/df/t@" + first + " /iceberg/lake/df/t"), lakesh.err());
            String out = lakesh.out();
            assertTrue(out.endsWith("change,id,region,amount\n+,9,EU,0.5\n-,1,US,1.5\n"), out);
        }
    }
}
