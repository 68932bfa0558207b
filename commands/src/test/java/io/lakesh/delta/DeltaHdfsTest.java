package io.lakesh.delta;

import io.lakesh.testing.HdfsCluster;
import io.lakesh.testing.Lakesh;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Delta tables on a real HDFS (MiniDFSCluster): one the kernel writes there, one with a deletion vector copied there. */
class DeltaHdfsTest {

    @Test
    void deltaTablesOnHdfsListDescribeAndRead() throws Exception {
        HdfsCluster hdfs = HdfsCluster.shared();
        Lakesh setup = Lakesh.inTempHome();
        Files.writeString(setup.home().resolve("lakesh.conf"), "mount./hdfs = " + hdfs.uri() + "\nhadoop.dfs.replication = 2\n");
        setup.close();
        String base = hdfs.uri() + "delta-" + System.nanoTime();
        DeltaTestTables events = new DeltaTestTables(hdfs.conf(), base + "/events")
                .create(DeltaCommandsTest.ORDERS, List.of("region"), Map.of());
        events.append(new Object[] {1L, "EU", 10}, new Object[] {2L, "US", 7});
        events.checkpoint();
        events.append(new Object[] {3L, "a b/c=d%", 1});
        Path local = Files.createTempDirectory("lakesh-delta-dv-");
        DeltaCommandsTest.withDeletionVector(local.resolve("dv"));
        try (FileSystem fs = hdfs.fs()) {
            fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.resolve("dv").toUri()), new org.apache.hadoop.fs.Path(base + "/dv"));
        }
        String dir = "/hdfs" + base.substring(hdfs.uri().toString().length() - 1);
        try (Lakesh lakesh = new Lakesh(setup.home())) {
            assertEquals(0, lakesh.run("ls " + dir), lakesh.err());
            assertEquals("dv      delta\nevents  delta\n", lakesh.out());
            assertEquals(0, lakesh.run("ls -l --format csv " + dir), lakesh.err());
            List<String> listing = lakesh.out().lines().toList();
            assertTrue(listing.get(1).matches("delta,r3/w7,2,3,1,866,[^,]+,dv"), listing.toString());
            assertTrue(listing.get(2).matches("delta,r1/w2,2,3,3,\\d+,[^,]+,events"), listing.toString());
            assertEquals(0, lakesh.run("head --format csv " + dir + "/dv"), lakesh.err());
            assertEquals("id,region,amount\n1,EU,10\n3,EU,1\n5,US,8\n", lakesh.out());
            assertEquals(0, lakesh.run("head --format csv --where \"region = 'a b/c=d%'\" " + dir + "/events; count --format csv "
                    + dir + "/events@1 " + hdfs.uri() + base.substring(hdfs.uri().toString().length()) + "/events"), lakesh.err());
            List<String> out = lakesh.out().lines().toList();
            assertEquals(List.of("id,region,amount", "3,a b/c=d%,1"), out.subList(0, 2));
            assertTrue(out.get(3).endsWith(",2," + dir + "/events"), out.toString());
            assertTrue(out.get(4).endsWith(",3," + base + "/events"), "a URI names the same table: " + out);
            // SQL reads the same rows through the cache of HDFS files, special partition values and deletion vectors too
            DeltaTestTables.assertSqlReadsWhatTheKernelReads(lakesh, dir + "/events");
            DeltaTestTables.assertSqlReadsWhatTheKernelReads(lakesh, dir + "/dv");
            assertEquals(0, lakesh.run("describe " + dir + "/events; history --format csv " + dir + "/events"), lakesh.err());
            String described = lakesh.out();
            assertTrue(described.contains("location         " + base + "/events\n"), described);
            assertEquals(Set.of("2", "1", "0"), Set.copyOf(described.lines().filter(l -> l.matches("\\d,.*"))
                    .map(l -> l.substring(0, 1)).toList()), described);
            // a commit cleaned up before the checkpoint (version 1) and a data file lost on HDFS
            String lost = null;
            try (FileSystem fs = hdfs.fs()) {
                fs.delete(new org.apache.hadoop.fs.Path(base + "/events/_delta_log/00000000000000000000.json"), false);
                var files = fs.listFiles(new org.apache.hadoop.fs.Path(base + "/events"), true);
                while (files.hasNext()) {
                    var f = files.next().getPath();
                    if (f.getName().endsWith(".parquet") && !f.toString().contains("_delta_log") && f.getParent().getName().startsWith("region=US")) {
                        lost = f.getName();
                        fs.delete(f, false);
                    }
                }
            }
            assertEquals(1, lakesh.run("count " + dir + "/events@0"));
            assertTrue(lakesh.err().startsWith("count: '" + dir + "/events': Cannot load table version 0 as the transaction log has been truncated"), lakesh.err());
            assertEquals(0, lakesh.run("count --format csv " + dir + "/events@1"), "the checkpoint still has version 1: " + lakesh.err());
            String counted = lakesh.out();
            assertTrue(counted.endsWith(",2," + dir + "/events\n"), counted);
            assertEquals(1, lakesh.run("head " + dir + "/events"));
            assertEquals("head: '" + dir + "/events': file " + lost + " is missing\n", lakesh.err());
        }
    }
}
