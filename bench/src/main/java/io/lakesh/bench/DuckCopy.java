package io.lakesh.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * The peer of lakesh's `load` in the Iceberg benchmark, run by the harness as a process of its own:
 * DuckDB (in-memory, through its JDBC driver) writes one Parquet file from a CSV file, with extension
 * auto-install and auto-load off (nothing is fetched or loaded behind the measurement).
 *
 * <pre>java -cp … io.lakesh.bench.DuckCopy data.csv out.parquet</pre>
 * Prints the number of rows written. {@code DuckCopy --version} prints DuckDB's version.
 */
public final class DuckCopy {
    private DuckCopy() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--version")) {
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                 Statement s = c.createStatement();
                 java.sql.ResultSet rs = s.executeQuery("SELECT version()")) {
                rs.next();
                System.out.println(rs.getString(1));
            }
            return;
        }
        if (args.length != 2) {
            System.err.println("usage: DuckCopy CSV PARQUET | DuckCopy --version");
            System.exit(2);
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement()) {
            s.execute("SET autoinstall_known_extensions=false");
            s.execute("SET autoload_known_extensions=false");
            long rows = s.executeLargeUpdate("COPY (SELECT * FROM read_csv('" + quote(args[0]) + "')) TO '"
                    + quote(args[1]) + "' (FORMAT parquet)");
            System.out.println(rows);
        }
    }

    private static String quote(String s) {
        return s.replace("'", "''");
    }
}
