package io.lakesh.sql;

import io.lakesh.iceberg.IcebergTables;
import io.lakesh.testing.Lakesh;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rewrite-data: small files compacted per partition, deletes applied, nothing lost to a concurrent writer. */
class RewriteDataTest {

    private static TreeSet<String> rows(Table table) throws Exception {
        table.refresh();
        TreeSet<String> out = new TreeSet<>();
        try (CloseableIterable<Record> rs = IcebergGenerics.read(table).build()) {
            for (Record r : rs) {
                out.add(r.getField("id") + "," + r.getField("region"));
            }
        }
        return out;
    }

    private static int dataFiles(Table table) throws Exception {
        table.refresh();
        int n = 0;
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            for (FileScanTask ignored : tasks) {
                n++;
            }
        }
        return n;
    }

    @Test
    void smallFilesOfEachPartitionBecomeOneWithDeletesApplied() throws Exception {
        try (Lakesh lakesh = Lakesh.inTempHome()) {
            assertEquals(0, lakesh.run("create table /iceberg/lake/r/t (id bigint, region string) --partitioned-by region"), lakesh.err());
            for (int i = 0; i < 3; i++) {
                assertEquals(0, lakesh.run("insert into lake.r.t select " + i + " * 100 + x, ['EU','US','APAC'][x % 3 + 1] from range(30) r(x);"), lakesh.err());
            }
            Table table = IcebergTables.resolve(lakesh.namespace(), "/iceberg/lake/r/t").table();
            assertEquals(9, dataFiles(table));
            // another writer deletes the first row of one file by position
            DataFile victim = table.currentSnapshot().addedDataFiles(table.io()).iterator().next();
            io.lakesh.testing.OtherWriter.deletePositions(table, victim, 0L);
            TreeSet<String> before = rows(table);
            assertEquals(89, before.size());
            lakesh.out();

            assertEquals(1, lakesh.run("rewrite-data /iceberg/lake/r/t"), "a script must say --force");
            assertTrue(lakesh.err().contains("add --force"));
            assertEquals(0, lakesh.run("rewrite-data /iceberg/lake/r/t --dry-run"), lakesh.err());
            String plan = lakesh.out();
            assertTrue(plan.startsWith("rewrite 9 data files (") && plan.contains("in 3 partitions of /iceberg/lake/r/t"), plan);
            assertEquals(9, dataFiles(table), "a dry run changes nothing");

            assertEquals(0, lakesh.run("rewrite-data /iceberg/lake/r/t --force --sort-by id"), lakesh.err());
            String done = lakesh.out();
            assertTrue(done.contains("rewrote 9 data files into 3 (89 rows) in /iceberg/lake/r/t; removed 1 position delete file that named only rewritten files"), done);
            assertEquals(3, dataFiles(table));
            assertEquals(before, rows(table), "the same rows, the deleted one still gone");
            assertEquals("replace", table.currentSnapshot().operation());
            assertEquals(0, lakesh.run("rewrite-data /iceberg/lake/r/t --force"), lakesh.err());
            assertTrue(lakesh.out().startsWith("nothing to rewrite in /iceberg/lake/r/t"));
        }
    }

    @Test
    void aConcurrentAppendIsKept() throws Exception {
        try (Lakesh lakesh = Lakesh.inTempHome()) {
            assertEquals(0, lakesh.run("create table /iceberg/lake/r/c (id bigint, region string)"), lakesh.err());
            for (int i = 0; i < 4; i++) {
                assertEquals(0, lakesh.run("insert into lake.r.c select " + i + ", 'EU';"), lakesh.err());
            }
            Table table = IcebergTables.resolve(lakesh.namespace(), "/iceberg/lake/r/c").table();
            List<String> asked = new ArrayList<>();
            // while the user reads the question, another writer appends
            lakesh.runner().context().interactive(true, question -> {
                asked.add(question);
                return lakesh.runner().run(List.of("sql", "insert into lake.r.c select 99, 'US'")) == 0;
            });
            assertEquals(0, lakesh.run("rewrite-data /iceberg/lake/r/c"), lakesh.err());
            assertEquals(1, asked.size());
            assertEquals(new TreeSet<>(List.of("0,EU", "1,EU", "2,EU", "3,EU", "99,US")), rows(table));
            assertEquals(2, dataFiles(table), "the four small files became one; the concurrent one stays");
        }
    }

    @Test
    void zOrderKeepsRowsNearInBothColumnsTogether() throws Exception {
        try (Lakesh lakesh = Lakesh.inTempHome()) {
            assertEquals(0, lakesh.run("create table /iceberg/lake/r/z (x bigint, y bigint) --property write.target-file-size-bytes=1048576"), lakesh.err());
            for (int i = 0; i < 4; i++) {
                assertEquals(0, lakesh.run("insert into lake.r.z select (r * 7 + " + i + ") % 64, (r * 13 + " + i + ") % 64 from range(1024) t(r);"), lakesh.err());
            }
            Table table = IcebergTables.resolve(lakesh.namespace(), "/iceberg/lake/r/z").table();
            TreeSet<String> before = new TreeSet<>();
            try (CloseableIterable<Record> rs = IcebergGenerics.read(table).build()) {
                int n = 0;
                for (Record r : rs) {
                    before.add(r.getField("x") + "," + r.getField("y") + "," + n++);
                }
            }
            lakesh.out();
            assertEquals(2, lakesh.run("rewrite-data /iceberg/lake/r/z --force --zorder-by x"), "one column is a sort");
            assertTrue(lakesh.err().contains("2 to 4 columns"));
            assertEquals(0, lakesh.run("rewrite-data /iceberg/lake/r/z --force --zorder-by x,y"), lakesh.err());
            assertTrue(lakesh.out().contains("z-ordered by x, y"));
            // the file's rows follow the Z curve: the first quarter of the rows covers about a quarter of the square
            List<long[]> rows = new ArrayList<>();
            table.refresh();
            try (CloseableIterable<Record> rs = IcebergGenerics.read(table).build()) {
                for (Record r : rs) {
                    rows.add(new long[] {(Long) r.getField("x"), (Long) r.getField("y")});
                }
            }
            assertEquals(before.size(), rows.size(), "no row lost");
            List<long[]> firstQuarter = rows.subList(0, rows.size() / 4);
            long maxX = firstQuarter.stream().mapToLong(r -> r[0]).max().orElseThrow();
            long maxY = firstQuarter.stream().mapToLong(r -> r[1]).max().orElseThrow();
            assertTrue(maxX < 40 && maxY < 40, "a Z-ordered quarter stays in a corner, not " + maxX + "," + maxY);
        }
    }
}
