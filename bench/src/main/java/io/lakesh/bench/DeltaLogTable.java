package io.lakesh.bench;

import io.delta.kernel.TableManager;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Locale;
import java.util.UUID;

/**
 * A Delta table with a long history, written as the log alone (the data files are not needed to describe a table
 * or list its history): version 0 creates it, each later version is one append of one file, as a streaming writer
 * leaves a table, with commitInfo, stats and commit times a minute apart; the kernel writes a classic checkpoint
 * every {@code checkpointInterval} versions (the table's `delta.checkpointInterval`), as writers do after a commit.
 */
final class DeltaLogTable {
    private DeltaLogTable() {
    }

    static void write(Path table, int commits, int checkpointInterval) throws IOException {
        Path log = Files.createDirectories(table.resolve("_delta_log"));
        long start = System.currentTimeMillis() - commits * 60_000L;
        String schema = "{\\\"type\\\":\\\"struct\\\",\\\"fields\\\":[{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"long\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}},"
                + "{\\\"name\\\":\\\"region\\\",\\\"type\\\":\\\"string\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}},"
                + "{\\\"name\\\":\\\"amount\\\",\\\"type\\\":\\\"double\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}}]}";
        commit(log, 0, start, "{\"commitInfo\":{\"timestamp\":" + start + ",\"operation\":\"CREATE TABLE\",\"operationParameters\":"
                + "{\"partitionBy\":\"[]\"},\"isBlindAppend\":true,\"engineInfo\":\"lakesh-bench\"}}\n"
                + "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}\n"
                + "{\"metaData\":{\"id\":\"" + UUID.randomUUID() + "\",\"format\":{\"provider\":\"parquet\",\"options\":{}},\"schemaString\":\""
                + schema + "\",\"partitionColumns\":[],\"configuration\":{\"delta.checkpointInterval\":\"" + checkpointInterval
                + "\"},\"createdTime\":" + start + "}}\n");
        Engine engine = DefaultEngine.create(new Configuration());
        for (int v = 1; v < commits; v++) {
            long time = start + v * 60_000L;
            long first = (v - 1) * 1000L;
            commit(log, v, time, String.format(Locale.ROOT, "{\"commitInfo\":{\"timestamp\":%d,\"operation\":\"WRITE\",\"operationParameters\":"
                    + "{\"mode\":\"Append\",\"partitionBy\":\"[]\"},\"readVersion\":%d,\"isBlindAppend\":true,\"operationMetrics\":{\"numFiles\":\"1\","
                    + "\"numOutputRows\":\"1000\",\"numOutputBytes\":\"9876\"},\"engineInfo\":\"lakesh-bench\"}}\n"
                    + "{\"add\":{\"path\":\"part-%05d-%s.c000.snappy.parquet\",\"partitionValues\":{},\"size\":9876,\"modificationTime\":%d,"
                    + "\"dataChange\":true,\"stats\":\"{\\\"numRecords\\\":1000,\\\"minValues\\\":{\\\"id\\\":%d,\\\"region\\\":\\\"east\\\",\\\"amount\\\":0.0},"
                    + "\\\"maxValues\\\":{\\\"id\\\":%d,\\\"region\\\":\\\"west\\\",\\\"amount\\\":999.99},\\\"nullCount\\\":{\\\"id\\\":0,\\\"region\\\":0,"
                    + "\\\"amount\\\":0}}\"}}%n", time, v - 1, v, UUID.randomUUID(), time, first, first + 999));
            if (v % checkpointInterval == 0) {
                TableManager.loadSnapshot(table.toUri().toString()).atVersion(v).build(engine).writeCheckpoint(engine);
            }
        }
    }

    private static void commit(Path log, long version, long time, String actions) throws IOException {
        Path f = log.resolve(String.format(Locale.ROOT, "%020d.json", version));
        Files.writeString(f, actions, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(f, FileTime.fromMillis(time));
    }
}
