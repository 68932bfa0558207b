package io.lakesh.iceberg;

import io.lakesh.testing.Lakesh;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Iceberg tables in the embedded catalog: create, load, explore, time travel, and bad input. */
class IcebergCommandsTest {
    Lakesh lakesh;
    Path csv;

    @BeforeEach
    void setUp() throws Exception {
        lakesh = Lakesh.inTempHome();
        csv = lakesh.home().resolve("orders.csv");
        Files.writeString(csv, "id,region,amount\n1,EU,10.50\n2,US,7.25\n3,EU,1.00\n");
    }

    @AfterEach
    void close() {
        lakesh.close();
    }

    private List<String> readWithIceberg(String path) throws Exception {
        Table t = IcebergTables.resolve(lakesh.namespace(), path).table();
        List<String> rows = new ArrayList<>();
        try (CloseableIterable<Record> it = IcebergGenerics.read(t).build()) {
            it.forEach(r -> rows.add(r.getField("id") + "," + r.getField("region") + "," + r.getField("amount")));
        }
        rows.sort(String::compareTo);
        return rows;
    }

    @Test
    void createLoadCountAndReadBackWithIcebergsReader() throws Exception {
        assertEquals(0, lakesh.run("create table /iceberg/lake/sales/orders (id bigint not null, region string, amount decimal(10,2)) --partitioned-by region"), lakesh.err());
        assertEquals(0, lakesh.run("load /iceberg/lake/sales/orders " + csv), lakesh.err());
        assertEquals("loaded 3 rows into /iceberg/lake/sales/orders\n", lakesh.out());
        assertEquals(List.of("1,EU,10.50", "2,US,7.25", "3,EU,1.00"), readWithIceberg("/iceberg/lake/sales/orders"));
        assertEquals(0, lakesh.run("count --format csv /iceberg/lake/sales/orders"));
        String count = lakesh.out();
        assertTrue(count.startsWith("directories,files,size,rows,path\n,2,"), count);
        assertTrue(count.endsWith(",3,/iceberg/lake/sales/orders\n"), count);
        assertEquals(0, lakesh.run("files --format csv /iceberg/lake/sales/orders"));
        String files = lakesh.out();
        assertEquals(3, files.lines().count(), files);
        assertTrue(files.contains(",region=EU,2,"), files);
        assertTrue(files.contains("data,data/region=US/"), files);
    }

    @Test
    void lsShowsCatalogsNamespacesAndTables() {
        assertEquals(0, lakesh.run("create table /iceberg/lake/a/b/t1 (x int); create table /iceberg/lake/a/t2 (x int)"), lakesh.err());
        assertEquals("""
                > ls /
                iceberg  mount
                local    dir
                > ls /iceberg
                lake  mount
                > ls /iceberg/lake/a
                b   dir
                t2  iceberg
                > cd /iceberg/lake/a/b
                > ls
                t1  iceberg
                """, lakesh.transcript("ls /", "ls /iceberg", "ls /iceberg/lake/a", "cd /iceberg/lake/a/b", "ls"));
    }

    @Test
    void historyAndTimeTravel() throws Exception {
        lakesh.run("create table /iceberg/lake/s/t (id bigint, region string, amount double)");
        lakesh.run("load /iceberg/lake/s/t " + csv);
        Table t = IcebergTables.resolve(lakesh.namespace(), "/iceberg/lake/s/t").table();
        long first = t.currentSnapshot().snapshotId();
        lakesh.run("load /iceberg/lake/s/t " + csv);
        lakesh.out();
        assertEquals(0, lakesh.run("history --format csv /iceberg/lake/s/t"));
        List<String> lines = lakesh.out().lines().toList();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(1).endsWith(",append,3,6,1,*"), lines.get(1));
        assertTrue(lines.get(2).startsWith(first + ",,"), lines.get(2));
        assertEquals(0, lakesh.run("count --format csv /iceberg/lake/s/t@" + first + " /iceberg/lake/s/t"));
        List<String> counts = lakesh.out().lines().toList();
        assertTrue(counts.get(1).endsWith(",3,/iceberg/lake/s/t"), counts.toString());
        assertTrue(counts.get(2).endsWith(",6,/iceberg/lake/s/t"), counts.toString());
        assertEquals(0, lakesh.run("head -n 1 --format csv /iceberg/lake/s/t@" + first));
        assertEquals("id,region,amount\n1,EU,10.5\n", lakesh.out());
    }

    @Test
    void describeShowsFieldIdsAndPartitioning() {
        lakesh.run("create table /iceberg/lake/s/d (id bigint not null, ts timestamp) --partitioned-by 'day(ts)'");
        assertEquals(0, lakesh.run("describe /iceberg/lake/s/d"), lakesh.err());
        String out = lakesh.out();
        assertTrue(out.contains("format        iceberg v2\n"), out);
        assertTrue(out.contains("partitioning  day(ts) as ts_day\n"), out);
        assertTrue(out.endsWith("id  name  type       required  doc\n 1  id    long       true\n 2  ts    timestamp  false\n"), out);
    }

    @Test
    void aBadRowCommitsNothing() throws Exception {
        lakesh.run("create table /iceberg/lake/s/bad (id bigint, region string, amount double)");
        Path bad = lakesh.home().resolve("bad.csv");
        Files.writeString(bad, "id,region,amount\n1,EU,1.0\nx,US,2.0\n");
        assertEquals(1, lakesh.run("load /iceberg/lake/s/bad " + bad));
        assertEquals("load: '" + "file://" + bad + "' line 3, column 'id': 'x' is not a bigint; nothing was loaded\n", lakesh.err());
        assertEquals(0, lakesh.run("count --format csv /iceberg/lake/s/bad"));
        assertTrue(lakesh.out().endsWith(",0,/iceberg/lake/s/bad\n"));
        try (var files = Files.walk(lakesh.warehouse().resolve("s/bad"))) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".parquet")), "written files were removed");
        }
    }

    @Test
    void unknownNamesSuggestTheClosest() {
        lakesh.run("create table /iceberg/lake/sales/orders (id bigint)");
        assertEquals(1, lakesh.run("describe /iceberg/lake/sales/ordrs"));
        assertEquals("describe: '/iceberg/lake/sales/ordrs': No such catalog, namespace or table (did you mean 'orders'?)\n", lakesh.err());
        assertEquals(1, lakesh.run("ls /iceberg/lak"));
        assertEquals("ls: '/iceberg/lak': No such catalog, namespace or table (did you mean 'lake'?)\n", lakesh.err());
        assertEquals(2, lakesh.run("create table /iceberg/lake/sales/x (id bignum)"));
        assertTrue(lakesh.err().startsWith("create: column 'id': unknown type 'bignum'"), lakesh.err());
        assertEquals(1, lakesh.run("history /iceberg/lake/sales/orders@nope"));
        assertEquals("history: '/iceberg/lake/sales/orders' has no snapshot, tag or branch 'nope' (see 'history /iceberg/lake/sales/orders', 'refs')\n", lakesh.err());
    }

    @Test
    void pathBasedTablesAreReadFromTheirNewestMetadata() throws Exception {
        lakesh.run("create table /iceberg/lake/p/t (id bigint, region string, amount double)");
        lakesh.run("load /iceberg/lake/p/t " + csv);
        lakesh.out();
        assertEquals(0, lakesh.run("ls /local/p"));
        assertEquals("t  iceberg\n", lakesh.out());
        assertEquals(0, lakesh.run("count --format csv /local/p/t; head -n 1 --format csv /local/p/t"), lakesh.err());
        String out = lakesh.out();
        assertTrue(out.contains(",3,/local/p/t\n"), out);
        assertTrue(out.endsWith("id,region,amount\n1,EU,10.5\n"), out);
        assertEquals(1, lakesh.run("load /local/p/t " + csv));
        assertTrue(lakesh.err().contains("path-based table"), lakesh.err());
    }

    @Test
    void tagsRollbackAndDropWithConfirmation() throws Exception {
        lakesh.run("create table /iceberg/lake/m/t (id bigint, region string, amount double)");
        lakesh.run("load /iceberg/lake/m/t " + csv);
        long first = IcebergTables.resolve(lakesh.namespace(), "/iceberg/lake/m/t").table().currentSnapshot().snapshotId();
        assertEquals(0, lakesh.run("refs --tag v1 /iceberg/lake/m/t"), lakesh.err());
        lakesh.run("load /iceberg/lake/m/t " + csv);
        lakesh.out();
        assertEquals(0, lakesh.run("refs --format csv /iceberg/lake/m/t"));
        assertEquals("name,type,snapshot_id,max_ref_age_ms\nmain,branch," + IcebergTables.resolve(lakesh.namespace(),
                "/iceberg/lake/m/t").table().currentSnapshot().snapshotId() + ",\nv1,tag," + first + ",\n", lakesh.out());
        assertEquals(0, lakesh.run("count --format csv /iceberg/lake/m/t@v1"));
        assertTrue(lakesh.out().endsWith(",3,/iceberg/lake/m/t\n"));
        assertEquals(0, lakesh.run("rollback /iceberg/lake/m/t@v1"), lakesh.err());
        assertTrue(lakesh.out().startsWith("current snapshot of /iceberg/lake/m/t: " + first), "rolled back");
        assertEquals(0, lakesh.run("count --format csv /iceberg/lake/m/t"));
        assertTrue(lakesh.out().endsWith(",3,/iceberg/lake/m/t\n"));
        assertEquals(1, lakesh.run("drop table /iceberg/lake/m/t"));
        assertTrue(lakesh.err().startsWith("drop: would drop '/iceberg/lake/m/t' (1 data files, "), lakesh.err());
        assertEquals(0, lakesh.run("drop table /iceberg/lake/m/t --purge --force"), lakesh.err());
        assertEquals(0, lakesh.run("ls /iceberg/lake/m"));
        assertEquals("dropped /iceberg/lake/m/t and its files\n", lakesh.out());
    }

    @Test
    void schemaEvolutionKeepsDataByFieldId() throws Exception {
        lakesh.run("create table /iceberg/lake/e/t (id int, region string, amount double)");
        lakesh.run("load /iceberg/lake/e/t " + csv);
        lakesh.out();
        assertEquals("""
                > alter table /iceberg/lake/e/t rename column region to area
                renamed column region to area in /iceberg/lake/e/t
                > alter table /iceberg/lake/e/t add column note string
                added column note string in /iceberg/lake/e/t
                > alter table /iceberg/lake/e/t alter column id type bigint
                column id is now long in /iceberg/lake/e/t
                > alter table /iceberg/lake/e/t drop column amount
                dropped column amount in /iceberg/lake/e/t
                > head -n 2 --format csv /iceberg/lake/e/t
                id,area,note
                1,EU,
                2,US,
                > alter table /iceberg/lake/e/t alter column area type int
                alter: '/iceberg/lake/e/t': Cannot change column type: area: string -> int; the table is unchanged
                [exit 1]
                """, lakesh.transcript(
                "alter table /iceberg/lake/e/t rename column region to area",
                "alter table /iceberg/lake/e/t add column note string",
                "alter table /iceberg/lake/e/t alter column id type bigint",
                "alter table /iceberg/lake/e/t drop column amount",
                "head -n 2 --format csv /iceberg/lake/e/t",
                "alter table /iceberg/lake/e/t alter column area type int"));
    }

    @Test
    void whereFiltersRowsAndPrunesPartitions() {
        lakesh.run("create table /iceberg/lake/w/t (id bigint, region string, amount double) --partitioned-by region");
        lakesh.run("load /iceberg/lake/w/t " + csv);
        lakesh.out();
        assertEquals(0, lakesh.run("head --format csv --where \"region = 'EU' and amount > 5\" /iceberg/lake/w/t"), lakesh.err());
        assertEquals("id,region,amount\n1,EU,10.5\n", lakesh.out());
        assertEquals(0, lakesh.run("count --format csv --where \"region != 'EU'\" /iceberg/lake/w/t"), lakesh.err());
        String count = lakesh.out();
        assertTrue(count.matches("(?s)directories,files,size,rows,path\n,2,\\d+,1,/iceberg/lake/w/t\n"), count);
        assertEquals(1, lakesh.run("head --where \"regoin = 'EU'\" /iceberg/lake/w/t"));
        assertEquals("head: --where: no column 'regoin' (did you mean 'region'?)\n", lakesh.err());
        assertEquals(1, lakesh.run("head --where \"amount = cheap\" /iceberg/lake/w/t"));
        assertEquals("head: --where: column 'amount': 'cheap' is not a double\n", lakesh.err());
    }

    @Test
    void partitionsSumDataFilesRowsAndBytes() {
        lakesh.run("create table /iceberg/lake/pt/t (id bigint, region string, amount double) --partitioned-by region");
        lakesh.run("load /iceberg/lake/pt/t " + csv + "; load /iceberg/lake/pt/t " + csv);
        lakesh.out();
        assertEquals(0, lakesh.run("partitions --format csv /iceberg/lake/pt/t"), lakesh.err());
        String out = lakesh.out();
        assertTrue(out.matches("partition,spec_id,records,data_files,size,delete_files,deleted_records\nregion=EU,0,4,2,\\d+,0,0\nregion=US,0,2,2,\\d+,0,0\n"), out);
    }

    @Test
    void longListingOfANamespaceShowsTablesAtAGlance() {
        lakesh.run("create table /iceberg/lake/g/empty (id bigint); create table /iceberg/lake/g/orders (id bigint, region string, amount double)");
        lakesh.run("load /iceberg/lake/g/orders " + csv + "; load /iceberg/lake/g/orders " + csv + "; create table /iceberg/lake/g/sub/x (id int)");
        lakesh.out();
        assertEquals(0, lakesh.run("ls -l --format csv /iceberg/lake/g"), lakesh.err());
        List<String> lines = lakesh.out().lines().toList();
        assertEquals("kind,format,snapshots,records,data_files,size,last_commit,name", lines.get(0));
        assertTrue(lines.get(1).matches("iceberg,v2,0,,,0,[^,]+,empty"), lines.get(1));
        assertTrue(lines.get(2).matches("iceberg,v2,2,6,2,\\d+,[^,]+,orders"), lines.get(2));
        assertTrue(lines.get(3).matches("dir,,,,,,,sub"), lines.get(3));
    }

    @Test
    void catalogsAreAddedListedAndRemoved() throws Exception {
        Path wh = lakesh.home().resolve("other-warehouse");
        assertEquals(0, lakesh.run("catalog add other --type hadoop --warehouse " + wh.toUri()), lakesh.err());
        assertEquals("added catalog other at /iceberg/other (saved in lakesh.conf)\n", lakesh.out());
        assertEquals(0, lakesh.run("create table /iceberg/other/db/t (id bigint); ls /iceberg; catalog list --format csv"), lakesh.err());
        String out = lakesh.out();
        assertTrue(out.startsWith("lake   mount\nother  mount\n"), out);
        assertTrue(out.contains("other,hadoop,,") && out.contains(",lakesh.conf"), out);
        assertTrue(Files.isDirectory(wh.resolve("db/t/metadata")), "tables of the new catalog go to its warehouse");
        assertEquals(1, lakesh.run("catalog add other --type jdbc"));
        assertEquals("catalog: catalog 'other' exists; 'catalog remove other' first\n", lakesh.err());
        assertEquals(0, lakesh.run("catalog remove other"));
        assertTrue(lakesh.out().startsWith("removed catalog other"));
        assertEquals(2, lakesh.run("catalog add x --type hive"));
    }

    @Test
    void loadWritesWithTheTablesCodec() throws Exception {
        assertEquals(0, lakesh.run("create table /iceberg/lake/c/t (id bigint, region string, amount double) --property write.parquet.compression-codec=snappy"), lakesh.err());
        assertEquals(0, lakesh.run("load /iceberg/lake/c/t " + csv), lakesh.err());
        Path parquet;
        try (var files = Files.walk(lakesh.warehouse().resolve("c/t/data"))) {
            parquet = files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(parquet.toUri()), new org.apache.hadoop.conf.Configuration()))) {
            assertEquals("SNAPPY", reader.getFooter().getBlocks().get(0).getColumns().get(0).getCodec().name());
        }
    }
}
