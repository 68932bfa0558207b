package io.lakesh.iceberg;

import io.lakesh.testing.HdfsCluster;
import io.lakesh.testing.Lakesh;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tables changed by other writers (position and equality deletes), and a catalog whose warehouse is on HDFS. */
class IcebergDeletesAndHdfsTest {

    @Test
    void countAndHeadApplyPositionAndEqualityDeletes() throws Exception {
        try (Lakesh lakesh = Lakesh.inTempHome()) {
            Path csv = lakesh.home().resolve("t.csv");
            Files.writeString(csv, "id,region\n1,EU\n2,US\n3,EU\n4,APAC\n");
            assertEquals(0, lakesh.run("create table /iceberg/lake/d/t (id bigint, region string); load /iceberg/lake/d/t " + csv), lakesh.err());
            Table table = IcebergTables.resolve(lakesh.namespace(), "/iceberg/lake/d/t").table();
            DataFile data = table.currentSnapshot().addedDataFiles(table.io()).iterator().next();

            // another writer deletes row 0 (id 1) by position, and every row with region = 'US' by equality
            io.lakesh.testing.OtherWriter.deletePositions(table, data, 0L);
            io.lakesh.testing.OtherWriter.deleteWhereEquals(table, "region", "US");

            assertEquals(0, lakesh.run("count --format csv /iceberg/lake/d/t"), lakesh.err());
            assertTrue(lakesh.out().endsWith(",2,/iceberg/lake/d/t\n"), "ids 3 and 4 remain");
            assertEquals(0, lakesh.run("head --format csv /iceberg/lake/d/t"));
            assertEquals("id,region\n3,EU\n4,APAC\n", lakesh.out(), "one data file: rows in file order");
            assertEquals(0, lakesh.run("files --format csv /iceberg/lake/d/t"));
            String files = lakesh.out();
            assertTrue(files.contains("position deletes,"), files);
            assertTrue(files.contains("equality deletes,"), files);
            assertEquals(FileFormat.PARQUET, data.format());
        }
    }

    @Test
    void aHadoopCatalogKeepsItsTablesOnHdfs() throws Exception {
        HdfsCluster hdfs = HdfsCluster.shared();
        Lakesh setup = Lakesh.inTempHome();
        Files.writeString(setup.home().resolve("lakesh.conf"), "mount./hdfs = " + hdfs.uri() + "\n"
                + "hadoop.dfs.replication = 2\n"
                + "catalog.cluster.type = hadoop\n"
                + "catalog.cluster.warehouse = " + hdfs.uri() + "warehouse\n");
        setup.close();
        try (Lakesh lakesh = new Lakesh(setup.home())) {
            Path csv = lakesh.home().resolve("e.csv");
            Files.writeString(csv, "id,kind\n1,click\n2,view\n");
            assertEquals(0, lakesh.run("create table /iceberg/cluster/web/events (id bigint, kind string) --partitioned-by kind"), lakesh.err());
            assertEquals(0, lakesh.run("load /iceberg/cluster/web/events " + csv), lakesh.err());
            lakesh.out();
            assertEquals(0, lakesh.run("ls /iceberg"));
            assertEquals("cluster  mount\nlake     mount\n", lakesh.out());
            assertEquals(0, lakesh.run("count --format csv /iceberg/cluster/web/events; ls /hdfs/warehouse/web"), lakesh.err());
            String out = lakesh.out();
            assertTrue(out.contains(",2,2,") || out.contains(",2,/iceberg/cluster/web/events"), out);
            assertTrue(out.endsWith("events  iceberg\n"), out);
            assertEquals(0, lakesh.run("head --format csv /hdfs/warehouse/web/events"), lakesh.err());
            // two partitions, two files: rows come in file order
            assertEquals(java.util.Set.of("id,kind", "1,click", "2,view"), java.util.Set.copyOf(lakesh.out().lines().toList()));
        }
    }
}
