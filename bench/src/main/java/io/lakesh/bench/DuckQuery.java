package io.lakesh.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The peer of lakesh's SQL in the SQL benchmark, a process of its own: DuckDB (in-memory, JDBC, extensions
 * off, threads = CPUs) runs one statement N times and prints each run's time in ms and the rows it returned (or wrote).
 *
 * <pre>java -cp … io.lakesh.bench.DuckQuery RUNS SQL|@FILE</pre>
 * {@code @FILE} reads the statement from a file (a list of 1,000 paths is longer than one argument may be).
 */
public final class DuckQuery {
    private DuckQuery() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        String sql = args[1].startsWith("@") ? java.nio.file.Files.readString(java.nio.file.Path.of(args[1].substring(1))) : args[1];
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET autoinstall_known_extensions=false");
            s.execute("SET autoload_known_extensions=false");
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                long rows = 0;
                if (s.execute(sql)) {
                    try (ResultSet rs = s.getResultSet()) {
                        while (rs.next()) {
                            rows++;
                        }
                    }
                } else {
                    rows = s.getUpdateCount();
                }
                System.out.printf("%.3f ms, %d rows%n", (System.nanoTime() - start) / 1e6, rows);
            }
        }
    }
}
