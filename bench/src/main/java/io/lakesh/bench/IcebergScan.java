package io.lakesh.bench;

import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.StaticTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.hadoop.HadoopFileIO;
import org.apache.iceberg.io.CloseableIterable;

import java.util.Map;
import java.util.TreeMap;

/**
 * The slow peer of lakesh's SQL: the same GROUP BY computed in Java over Iceberg's own generic reader
 * (a full scan, deletes applied), a process of its own. Prints each group and the time in ms.
 *
 * <pre>java -cp … io.lakesh.bench.IcebergScan METADATA_JSON</pre>
 */
public final class IcebergScan {
    private IcebergScan() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        Table t = new BaseTable(new StaticTableOperations(args[0], new HadoopFileIO(new Configuration())), "bench");
        Map<String, double[]> groups = new TreeMap<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(t).build()) {
            for (Record r : rows) {
                double[] g = groups.computeIfAbsent((String) r.getField("region"), k -> new double[2]);
                g[0]++;
                g[1] += (Double) r.getField("amount");
            }
        }
        groups.forEach((k, v) -> System.out.printf("%s %d %.2f%n", k, (long) v[0], v[1]));
        System.out.printf("%.3f ms%n", (System.nanoTime() - start) / 1e6);
    }
}
