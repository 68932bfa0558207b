package io.lakesh.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * The peer of lakesh's Trino path in the Trino benchmark, a process of its own: plain Trino JDBC (the driver
 * lakesh uses) runs each statement N times, in turn, reading every row, and prints each run's time in ms.
 *
 * <pre>java -cp … io.lakesh.bench.TrinoQuery JDBC_URL RUNS SQL...</pre>
 */
public final class TrinoQuery {
    private TrinoQuery() {
    }

    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "bench");
        int runs = Integer.parseInt(args[1]);
        try (Connection c = DriverManager.getConnection(args[0], p); Statement s = c.createStatement()) {
            for (int i = 0; i < runs; i++) {
                for (int q = 2; q < args.length; q++) {
                    long start = System.nanoTime();
                    long rows = 0;
                    try (ResultSet rs = s.executeQuery(args[q])) {
                        int columns = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            for (int col = 1; col <= columns; col++) {
                                rs.getObject(col); // every value, as lakesh's printers read them
                            }
                            rows++;
                        }
                    }
                    System.out.printf("q%d %.3f ms, %d rows%n", q - 1, (System.nanoTime() - start) / 1e6, rows);
                }
            }
        }
    }
}
