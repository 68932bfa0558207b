package io.lakesh.delta;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.lakesh.testing.Lakesh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Delta tables on local files, written by delta-kernel or by hand per the protocol, read by lakesh's commands. */
class DeltaCommandsTest {
    static final StructType ORDERS = new StructType().add("id", LongType.LONG).add("region", StringType.STRING)
            .add("amount", IntegerType.INTEGER);

    Lakesh lakesh;

    @BeforeEach
    void setUp() {
        lakesh = Lakesh.inTempHome();
    }

    @AfterEach
    void close() {
        lakesh.close();
    }

    Path table(String name) {
        return lakesh.warehouse().resolve(name);
    }

    /** Times, file ids and the temporary home vary from run to run; the rest of a transcript must not. */
    String stable(String text) {
        // digits of times become 'n', so that aligned columns keep their width
        text = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?Z)?").matcher(text)
                .replaceAll(m -> m.group().replaceAll("\\d", "n"));
        return text.replace(lakesh.home().toUri().toString().replaceFirst("/$", ""), "<home>")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>");
    }

    /** Versions 0 (create), 1 and 2 (appends) of a table partitioned by region, one region with special characters. */
    DeltaTestTables orders(String name) {
        DeltaTestTables t = DeltaTestTables.local(table(name)).create(ORDERS, List.of("region"), Map.of());
        t.append(new Object[] {1L, "EU", 10}, new Object[] {2L, "a b/c=d%", 7});
        t.append(new Object[] {3L, "EU", 1});
        return t;
    }

    @Test
    void kernelWrittenTableListsDescribesAndReads() {
        orders("orders");
        assertEquals("""
                > ls -l /local
                kind   format  version  records  data_files  size  last_commit       name
                delta  r1/w2         2        3           3  1814  nnnn-nn-nn nn:nn  orders
                > describe /local/orders
                table            /local/orders (delta)
                location         <home>/warehouse/orders
                version          2 at nnnn-nn-nnTnn:nn:nn.nnnZ
                protocol         reader 1, writer 2
                reader features  none
                writer features  appendOnly, invariants
                partitioning     region
                column mapping   none
                properties

                id  name    type     required  physical_name  comment
                    id      long     false
                    region  string   false
                    amount  integer  false
                > history /local/orders
                version  committed_at      operation     parameters              metrics  engine                     current
                      2  nnnn-nn-nn nn:nn  WRITE         -                       -        Kernel-4.4.0/lakesh-tests  *
                      1  nnnn-nn-nn nn:nn  WRITE         -                       -        Kernel-4.4.0/lakesh-tests
                      0  nnnn-nn-nn nn:nn  CREATE TABLE  partitionBy=["region"]  -        Kernel-4.4.0/lakesh-tests
                > history -n 1 --format csv /local/orders
                version,committed_at,operation,parameters,metrics,engine,current
                2,nnnn-nn-nnTnn:nn:nn.nnnZ,WRITE,,,Kernel-4.4.0/lakesh-tests,*
                > count /local/orders /local/orders@1
                directories  files  size  rows  path
                -                3  1814     3  /local/orders
                -                2  1209     2  /local/orders
                """, stable(lakesh.transcript("ls -l /local", "describe /local/orders", "history /local/orders",
                "history -n 1 --format csv /local/orders", "count /local/orders /local/orders@1")));
        assertEquals(0, lakesh.run("head --format csv /local/orders"), lakesh.err());
        assertEquals(Set.of("id,region,amount", "1,EU,10", "2,a b/c=d%,7", "3,EU,1"), Set.copyOf(lakesh.out().lines().toList()));
        assertEquals(0, lakesh.run("head -n 1 --format csv /local/orders"));
        assertEquals(2, lakesh.out().lines().count(), "-n limits the rows");
        DeltaTestTables.assertSqlReadsWhatTheKernelReads(lakesh, "/local/orders");
        DeltaTestTables.assertSqlReadsWhatTheKernelReads(lakesh, "/local/orders@1");
        assertEquals(0, lakesh.run("diff --format csv /local/orders@1 /local/orders"), lakesh.err());
        assertEquals("what,from,to,change\nstate,/local/orders@1,/local/orders@2,\ndata files,2,3,+1 -0\nrows,2,3,+1 -0\n", lakesh.out());
    }

    @Test
    void longListingOfADirectoryShowsDeltaAndIcebergTablesAtAGlance() throws Exception {
        DeltaTestTables.local(table("mix/events")).create(ORDERS, List.of(), Map.of()).append(new Object[] {1L, "EU", 10});
        Path csv = lakesh.home().resolve("o.csv");
        Files.writeString(csv, "id\n1\n2\n");
        assertEquals(0, lakesh.run("create table /iceberg/lake/mix/orders (id bigint); load /iceberg/lake/mix/orders " + csv), lakesh.err());
        Files.writeString(table("mix/notes.txt"), "hello\n");
        lakesh.out();
        assertEquals("""
                > ls -l /local/mix
                kind     format  version  records  data_files  size  last_commit       name
                delta    r1/w2         1        1           1   %d  nnnn-nn-nn nn:nn  events
                file     -             -        -           -     6  nnnn-nn-nn nn:nn  notes.txt
                iceberg  v2            1        2           1   %d  nnnn-nn-nn nn:nn  orders
                """.formatted(Files.size(table("mix/events").resolve(DeltaTestTables.action(table("mix/events"), 1, "add").get("path").asText())),
                        icebergBytes("/iceberg/lake/mix/orders")),
                stable(lakesh.transcript("ls -l /local/mix")));
    }

    @Test
    void scriptsGetTheKernelsSnapshot() {
        orders("orders");
        io.lakesh.api.Lake lake = new io.lakesh.api.Lake(lakesh.runner().context());
        assertEquals(1, lake.delta("/local/orders@1").getVersion());
        assertEquals(List.of("region"), lake.delta("/local/orders").getPartitionColumnNames());
        io.lakesh.LakeshException e = org.junit.jupiter.api.Assertions.assertThrows(io.lakesh.LakeshException.class, () -> lake.delta("/local/orders@5"));
        assertEquals("'/local/orders': Cannot load table version 5 as it does not exist. The latest available version is 2.", e.getMessage());
    }

    @Test
    void filesShowPartitionValuesFromTheLogAndTheirStats() throws Exception {
        orders("orders");
        assertEquals(0, lakesh.run("files --format csv /local/orders"), lakesh.err());
        List<String> lines = lakesh.out().lines().toList();
        assertEquals("path,partition,records,deleted,size,deletion_vector,stats", lines.get(0));
        assertEquals(4, lines.size(), lines.toString());
        String special = lines.stream().filter(l -> l.contains("a b/c=d%")).findFirst().orElseThrow();
        // the partition value comes from the log; the path is the file's name in the store
        String path = special.substring(0, special.indexOf(','));
        assertTrue(Files.isRegularFile(table("orders").resolve(path)), path);
        assertTrue(special.contains(",region=a b/c=d%,1,0,"), special);
        assertTrue(special.contains("\"\"numRecords\"\":1"), special);
    }

    @Test
    void partitionsSumFilesRowsAndBytesWithDeletionVectorsSubtracted() throws Exception {
        orders("orders");
        withDeletionVector("dv");
        assertEquals("""
                > partitions /local/orders
                partition        data_files  rows  size
                region=EU                 2     2  1209
                region=a b/c=d%           1     1   605
                > partitions --format csv /local/orders@1
                partition,data_files,rows,size
                region=EU,1,1,604
                region=a b/c=d%,1,1,605
                > partitions --format csv /local/dv
                partition,data_files,rows,size
                ,1,3,866
                """, lakesh.transcript("partitions /local/orders", "partitions --format csv /local/orders@1", "partitions --format csv /local/dv"));
    }

    @Test
    void whereFiltersRowsWithPartitionValuesAndStats() {
        orders("orders");
        assertEquals("""
                > head --format csv --where "region = 'a b/c=d%'" /local/orders
                id,region,amount
                2,a b/c=d%,7
                > count --format csv --where "amount >= 5 and region != 'EU'" /local/orders
                directories,files,size,rows,path
                ,3,1814,1,/local/orders
                > head --format csv --where "id > 2" /local/orders
                id,region,amount
                3,EU,1
                > head --where "regoin = 'EU'" /local/orders
                head: --where: no column 'regoin' (did you mean 'region'?)
                [exit 1]
                > count --where "amount = many" /local/orders
                directories  files  size  path
                count: --where: column 'amount': 'many' is not a int
                [exit 1]
                """, lakesh.transcript("head --format csv --where \"region = 'a b/c=d%'\" /local/orders",
                "count --format csv --where \"amount >= 5 and region != 'EU'\" /local/orders",
                "head --format csv --where \"id > 2\" /local/orders",
                "head --where \"regoin = 'EU'\" /local/orders",
                "count --where \"amount = many\" /local/orders"));
    }

    @Test
    void timeTravelByVersionAndByTime() throws Exception {
        orders("orders");
        // without in-commit timestamps a commit's time is its file's modification time (as for Delta's own readers)
        long committed = Files.getLastModifiedTime(table("orders").resolve("_delta_log/00000000000000000001.json")).toMillis();
        assertEquals(0, lakesh.run("count --format csv /local/orders@0 /local/orders@" + committed + " /local/orders@" + (committed - 1)
                + " /local/orders@" + java.time.Instant.ofEpochMilli(committed + 1)), lakesh.err());
        assertEquals("directories,files,size,rows,path\n,0,0,0,/local/orders\n,2,1209,2,/local/orders\n,0,0,0,/local/orders\n"
                + ",2,1209,2,/local/orders\n", lakesh.out());
        assertEquals(0, lakesh.run("history --format csv -n 2 /local/orders"));
        assertTrue(lakesh.out().contains("\n1," + java.time.Instant.ofEpochMilli(committed) + ",WRITE,"), "history shows the same time");
        assertEquals(1, lakesh.run("head /local/orders@9"));
        assertEquals("head: '/local/orders': Cannot load table version 9 as it does not exist. The latest available version is 2.\n", lakesh.err());
        assertEquals(1, lakesh.run("describe /local/orders@2001-01-01"));
        assertTrue(lakesh.err().startsWith("describe: '/local/orders': The provided timestamp 978307200000 ms (2001-01-01T00:00:00Z) is before the earliest available version 0."),
                lakesh.err());
        assertEquals(1, lakesh.run("head /local/orders@latest"));
        assertEquals("head: '/local/orders' has no version or time 'latest' (a version number, or a time like '2026-11-24 10:00'; see 'history /local/orders')\n",
                lakesh.err());
    }

    /** Version 2 deletes rows at positions 1 and 3 of the one file of version 1 with a deletion vector, as Spark's DELETE does. */
    Path withDeletionVector(String name) throws Exception {
        return withDeletionVector(table(name));
    }

    static Path withDeletionVector(Path dir) throws Exception {
        DeltaTestTables.local(dir).create(ORDERS, List.of(), Map.of())
                .append(new Object[] {1L, "EU", 10}, new Object[] {2L, "US", 7}, new Object[] {3L, "EU", 1},
                        new Object[] {4L, "APAC", 3}, new Object[] {5L, "US", 8});
        ObjectNode add = DeltaTestTables.action(dir, 1, "add");
        add.set("deletionVector", DeltaTestTables.JSON.readTree(DeletionVectorFiles.write(dir, 1, 3)));
        DeltaTestTables.commitDeletionVector(dir, 2, add,
                "{\"commitInfo\":{\"timestamp\":" + System.currentTimeMillis() + ",\"operation\":\"DELETE\",\"operationParameters\":{\"predicate\":\"[\\\"(id IN (2, 4))\\\"]\"},\"operationMetrics\":{\"numDeletedRows\":\"2\",\"numDeletionVectorsAdded\":\"1\"}}}");
        return dir;
    }

    @Test
    void deletionVectorsRemoveTheirRowsFromHeadCountAndListing() throws Exception {
        withDeletionVector("dv");
        assertEquals("""
                > head /local/dv
                id  region  amount
                 1  EU          10
                 3  EU           1
                 5  US           8
                > count --format csv /local/dv /local/dv@1
                directories,files,size,rows,path
                ,1,866,3,/local/dv
                ,1,866,5,/local/dv
                > count --format csv --where "region = 'US'" /local/dv
                directories,files,size,rows,path
                ,1,866,1,/local/dv
                > ls -l --format csv /local
                kind,format,version,records,data_files,size,last_commit,name
                delta,r3/w7,2,3,1,866,nnnn-nn-nnTnn:nn:nn.nnnZ,dv
                > history -n 1 --format csv /local/dv
                version,committed_at,operation,parameters,metrics,engine,current
                2,nnnn-nn-nnTnn:nn:nn.nnnZ,DELETE,"predicate=[""(id IN (2, 4))""]","numDeletedRows=2, numDeletionVectorsAdded=1",,*
                """, stable(lakesh.transcript("head /local/dv", "count --format csv /local/dv /local/dv@1",
                "count --format csv --where \"region = 'US'\" /local/dv", "ls -l --format csv /local", "history -n 1 --format csv /local/dv")));
        assertEquals(0, lakesh.run("files --format csv /local/dv; describe /local/dv"));
        String out = lakesh.out();
        assertTrue(out.matches("(?s).*\n[^,]+\\.parquet,,5,2,866,u:.{20}@1 \\(2 rows\\),.*"), out);
        assertTrue(out.contains("reader features  deletionVectors\n"), out);
        DeltaTestTables.assertSqlReadsWhatTheKernelReads(lakesh, "/local/dv");
        DeltaTestTables.assertSqlReadsWhatTheKernelReads(lakesh, "/local/dv@1");
    }

    @Test
    void columnMappingByNameReadsRenamedAndAddedColumns() throws Exception {
        Path dir = table("mapped");
        DeltaTestTables t = DeltaTestTables.local(dir).create(ORDERS, List.of(), Map.of());
        t.append(new Object[] {1L, "EU", 10}, new Object[] {2L, "US", 7});
        // version 2 turns on column mapping (physical names stay the old names), renames region to area and adds note
        ObjectNode metadata = DeltaTestTables.action(dir, 0, "metaData");
        ObjectNode schema = (ObjectNode) DeltaTestTables.JSON.readTree(metadata.get("schemaString").asText());
        ArrayNode fields = (ArrayNode) schema.get("fields");
        String[][] mapping = {{"id", "id"}, {"area", "region"}, {"amount", "amount"}};
        for (int i = 0; i < mapping.length; i++) {
            ObjectNode f = (ObjectNode) fields.get(i);
            f.put("name", mapping[i][0]);
            f.putObject("metadata").put("delta.columnMapping.id", i + 1).put("delta.columnMapping.physicalName", mapping[i][1]);
        }
        fields.addObject().put("name", "note").put("type", "string").put("nullable", true).putObject("metadata")
                .put("delta.columnMapping.id", 4).put("delta.columnMapping.physicalName", "col-7d1c5a2e-note");
        metadata.put("schemaString", schema.toString());
        ((ObjectNode) metadata.get("configuration")).put("delta.columnMapping.mode", "name").put("delta.columnMapping.maxColumnId", "4");
        DeltaTestTables.writeCommit(dir, 2, "{\"protocol\":{\"minReaderVersion\":2,\"minWriterVersion\":5}}", "{\"metaData\":" + metadata + "}");
        // version 3: a file written by physical names, as a column-mapping writer does
        StructType physical = new StructType().add("id", LongType.LONG).add("region", StringType.STRING)
                .add("amount", IntegerType.INTEGER).add("col-7d1c5a2e-note", StringType.STRING);
        DeltaTestTables.writeCommit(dir, 3, t.writeDataFile(physical, new Object[] {3L, "EU", 5, "late"}));

        assertEquals(0, lakesh.run("describe /local/mapped"), lakesh.err());
        String describe = lakesh.out();
        assertTrue(describe.contains("column mapping   name\n"), describe);
        assertTrue(describe.endsWith("""
                id  name    type     required  physical_name      comment
                 1  id      long     false     id
                 2  area    string   false     region
                 3  amount  integer  false     amount
                 4  note    string   false     col-7d1c5a2e-note
                """), describe);
        assertEquals(0, lakesh.run("head --format csv /local/mapped"), lakesh.err());
        assertEquals(Set.of("id,area,amount,note", "1,EU,10,", "2,US,7,", "3,EU,5,late"), Set.copyOf(lakesh.out().lines().toList()));
        assertEquals(0, lakesh.run("head --format csv --where \"area = 'EU' and note is not null\" /local/mapped"), lakesh.err());
        assertEquals("id,area,amount,note\n3,EU,5,late\n", lakesh.out());
        assertEquals(0, lakesh.run("head --format csv /local/mapped@1"), lakesh.err());
        assertEquals(Set.of("id,region,amount", "1,EU,10", "2,US,7"), Set.copyOf(lakesh.out().lines().toList()), "version 1 had no mapping");
        DeltaTestTables.assertSqlReadsWhatTheKernelReads(lakesh, "/local/mapped");
        DeltaTestTables.assertSqlReadsWhatTheKernelReads(lakesh, "/local/mapped@1");
    }

    @Test
    void checkpointsReplaceTheCommitsBeforeThem() throws Exception {
        DeltaTestTables t = orders("cp");
        t.checkpoint();
        t.append(new Object[] {4L, "US", 2});
        Path log = table("cp").resolve("_delta_log");
        assertTrue(Files.exists(log.resolve("00000000000000000002.checkpoint.parquet")));
        // log clean-up removes commits that a checkpoint covers
        Files.delete(log.resolve("00000000000000000000.json"));
        Files.delete(log.resolve("00000000000000000001.json"));
        assertEquals(0, lakesh.run("count --format csv /local/cp; history --all --format csv /local/cp"), lakesh.err());
        List<String> out = lakesh.out().lines().toList();
        assertEquals(",4,2419,4,/local/cp", out.get(1));
        assertEquals(List.of("3", "2"), out.subList(3, out.size()).stream().map(l -> l.substring(0, l.indexOf(','))).toList());
        assertEquals(0, lakesh.run("head --format csv --where \"region = 'US'\" /local/cp@2"), lakesh.err());
        assertEquals("id,region,amount\n", lakesh.out(), "version 2 (the checkpoint) had no US rows");
        assertEquals(1, lakesh.run("head /local/cp@1"));
        assertTrue(lakesh.err().startsWith("head: '/local/cp': Cannot load table version 1"), lakesh.err());
        DeltaTestTables.assertSqlReadsWhatTheKernelReads(lakesh, "/local/cp");
    }

    @Test
    void badLogsFailInOneLineNamingTheTableAndNothingIsWritten() throws Exception {
        orders("corrupt");
        Path corrupt = table("corrupt").resolve("_delta_log/00000000000000000002.json");
        Files.writeString(corrupt, "{not json\n");
        Files.delete(corrupt.resolveSibling(".00000000000000000002.json.crc")); // else Hadoop's local checksum trips first
        orders("crc");
        Files.writeString(table("crc").resolve("_delta_log/00000000000000000001.json"), "{}\n");
        orders("gap");
        Files.delete(table("gap").resolve("_delta_log/00000000000000000001.json"));
        orders("checkpoint");
        Path checkpoint = table("checkpoint").resolve("_delta_log");
        Files.writeString(checkpoint.resolve("_last_checkpoint"), "{\"version\":1,\"size\":4}\n");
        Files.delete(checkpoint.resolve("00000000000000000000.json"));
        Files.delete(checkpoint.resolve("00000000000000000001.json"));
        orders("tail").checkpoint();
        for (int v = 0; v <= 2; v++) {
            Files.delete(table("tail").resolve(String.format("_delta_log/%020d.json", v)));
        }
        orders("future");
        DeltaTestTables.writeCommit(table("future"), 3, "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[\"futureFeature\"],\"writerFeatures\":[\"futureFeature\"]}}");
        orders("newer");
        DeltaTestTables.writeCommit(table("newer"), 3, "{\"protocol\":{\"minReaderVersion\":4,\"minWriterVersion\":8}}");
        orders("nodata");
        String file = URI.create(DeltaTestTables.action(table("nodata"), 2, "add").get("path").asText()).getPath();
        Files.delete(table("nodata").resolve(file));
        List<String> before = listing();
        assertEquals("""
                > head /local/corrupt
                head: '/local/corrupt': Delta log version 2 is corrupt (line 1 is not JSON: Unexpected character ('n' (code 110)): was expecting double-quote to start field name)
                [exit 1]
                > count /local/crc
                directories  files  size  path
                count: '/local/crc': file 00000000000000000001.json does not match its checksum (.00000000000000000001.json.crc): corrupt or changed in place
                [exit 1]
                > history /local/gap
                history: '/local/gap': Delta log version 1 is missing (the log goes from version 0 to 2)
                [exit 1]
                > describe /local/checkpoint
                describe: '/local/checkpoint': the checkpoint of version 1 that _delta_log/_last_checkpoint names is missing, and so are the commits before it
                [exit 1]
                > head /local/tail
                head: '/local/tail': Delta log version 2 is missing (_delta_log/00000000000000000002.json)
                [exit 1]
                > files /local/future
                files: '/local/future': needs the Delta table feature futureFeature, which lakesh cannot read (refused rather than risk a wrong answer)
                [exit 1]
                > head /local/newer
                head: '/local/newer': Delta reader protocol version 4 is newer than lakesh reads (readers up to 3)
                [exit 1]
                > head /local/nodata
                head: '/local/nodata': file %s is missing
                [exit 1]
                """.formatted(file.substring(file.lastIndexOf('/') + 1)), lakesh.transcript("head /local/corrupt", "count /local/crc", "history /local/gap",
                "describe /local/checkpoint", "head /local/tail", "files /local/future", "head /local/newer", "head /local/nodata"));
        assertEquals(1, lakesh.run("ls -l --format csv /local"));
        assertEquals(List.of("delta,,,,,,,checkpoint", "delta,,,,,,,corrupt", "delta,,,,,,,crc", "delta,,,,,,,future", "delta,,,,,,,gap", "delta,,,,,,,newer",
                        "delta,,,,,,,tail"),
                lakesh.out().lines().filter(l -> l.startsWith("delta,,")).toList(), "unreadable tables list without numbers");
        assertEquals(7, lakesh.err().lines().count(), "one line for each table that cannot be read");
        assertEquals(before, listing(), "reading wrote nothing");
    }

    @Test
    void aLastCheckpointHintToAMissingCheckpointFallsBackToTheCommits() throws Exception {
        orders("hint");
        Files.writeString(table("hint").resolve("_delta_log/_last_checkpoint"), "{\"version\":1,\"size\":4}\n");
        assertEquals(0, lakesh.run("count --format csv /local/hint"), lakesh.err());
        assertEquals("directories,files,size,rows,path\n,3,1814,3,/local/hint\n", lakesh.out(), "every commit is there: the answer is exact");
    }

    @Test
    void icebergCommandsStillRefuseDeltaTablesForWhatOnlyIcebergHas() {
        orders("orders");
        assertEquals(1, lakesh.run("refs /local/orders"));
        assertTrue(lakesh.err().contains("is a Delta table"), lakesh.err());
        assertFalse(lakesh.err().contains("Exception"), lakesh.err());
    }

    @Test
    void writerOnlyFeaturesUnknownToTheKernelDoNotStopReads() throws Exception {
        orders("w");
        DeltaTestTables.writeCommit(table("w"), 3, "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":7,\"writerFeatures\":[\"someFutureWriterFeature\"]}}");
        assertEquals(0, lakesh.run("count --format csv /local/w; describe /local/w"), lakesh.err());
        String out = lakesh.out();
        assertTrue(out.contains(",3,/local/w\n"), out);
        assertTrue(out.contains("protocol         reader 1, writer 7\nreader features  none\nwriter features  someFutureWriterFeature\n"), out);
    }

    @Test
    void aLogWithoutCommitsIsNoTableYet() throws Exception {
        Files.createDirectories(table("empty").resolve("_delta_log"));
        assertEquals(1, lakesh.run("describe /local/empty"));
        assertEquals("describe: '/local/empty': _delta_log has no commits (an empty or unfinished Delta table)\n", lakesh.err());
    }

    private List<String> listing() throws Exception {
        try (var files = Files.walk(lakesh.warehouse())) {
            return files.map(p -> p + ":" + p.toFile().length() + ":" + p.toFile().lastModified()).sorted().toList();
        }
    }

    /** Bytes of an Iceberg table's current snapshot, as its summary counts them. */
    private long icebergBytes(String table) throws Exception {
        return Long.parseLong(io.lakesh.iceberg.IcebergTables.resolve(lakesh.namespace(), table).table().currentSnapshot()
                .summary().get("total-files-size"));
    }
}
