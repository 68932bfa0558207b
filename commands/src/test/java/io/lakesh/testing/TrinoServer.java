package io.lakesh.testing;

import io.lakesh.init.TrinoCatalogFiles;
import io.lakesh.init.TrinoLocal;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real Trino 476 for tests: {@link #shared()} starts one per test JVM (stopped at exit), with catalogs
 * `tpch`, `memory`, `delta` and `iceberg` (the JDBC catalog in {@link PostgresServer#shared()} that lakesh's
 * catalog {@value #ICEBERG_CATALOG} shares; left out where PostgreSQL cannot run), and skips the calling test, naming what is missing, where Trino cannot run
 * here (no JDK 24+, no download). The preparation itself is {@link TrinoLocal}'s, shared with recipes and bench.
 */
public final class TrinoServer {
    /** A login over HTTPS ({@link TrinoLocal#httpsUrl()}); plain HTTP takes any user without a password. */
    public static final String PASSWORD_USER = "alice";
    public static final String PASSWORD = "alice-secret-42";

    /** lakesh's name of the PostgreSQL catalog Trino's `iceberg` serves (the `catalog_name` of its rows). */
    public static final String ICEBERG_CATALOG = "pg";

    private static TrinoLocal shared;
    private static String unavailable;
    private static TrinoCatalogFiles.IcebergJdbc iceberg;
    private static String icebergUnavailable;
    private static long startMillis;

    private TrinoServer() {
    }

    public static synchronized TrinoLocal shared() {
        if (shared == null && unavailable == null) {
            long started = System.nanoTime();
            try {
                Path target = Path.of("target").toAbsolutePath();
                stopLeftovers(target);
                Path install = TrinoLocal.install(TrinoLocal.localRepository());
                Path java = TrinoLocal.findJava();
                Path data = target.resolve("trino-" + ProcessHandle.current().pid());
                TrinoLocal.deleteTree(data);
                Files.createDirectories(data);
                TrinoLocal server = TrinoLocal.start(install, java, data, catalogs(data),
                        new TrinoLocal.PasswordLogins(Map.of(PASSWORD_USER, PASSWORD)));
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "trino-stop"));
                server.awaitReady(Duration.ofSeconds(120));
                shared = server;
                startMillis = (System.nanoTime() - started) / 1_000_000;
                System.err.println("TrinoServer: Trino " + TrinoLocal.VERSION + " on " + server.httpUrl()
                        + " ready after " + startMillis + " ms (install " + install + ")");
            } catch (TrinoLocal.Unavailable e) {
                unavailable = e.getMessage();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start Trino: " + e.getMessage(), e);
            }
        }
        Assumptions.assumeTrue(unavailable == null, () -> "skipped: " + unavailable);
        return shared;
    }

    /** Whether the shared server has the `iceberg` catalog (PostgreSQL could run here). */
    public static boolean hasIceberg() {
        shared();
        return iceberg != null;
    }

    /** How long the shared server took from the call to its first answer (install included on a first run). */
    public static long startMillis() {
        return startMillis;
    }

    /** The catalogs of the test server: Iceberg on the shared PostgreSQL catalog where PostgreSQL runs. */
    static TrinoCatalogFiles catalogs(Path data) throws IOException {
        TrinoCatalogFiles files = new TrinoCatalogFiles()
                .tpch("tpch")
                .memory("memory")
                .delta("delta", data.resolve("delta-metastore"));
        try {
            iceberg = icebergCatalog(data.resolve("iceberg-warehouse"));
            files.iceberg("iceberg", iceberg);
        } catch (org.opentest4j.TestAbortedException e) {
            icebergUnavailable = e.getMessage(); // Trino still serves tpch and Delta; Iceberg tests skip
        }
        return files;
    }

    /**
     * A new PostgreSQL database holding an Iceberg JDBC catalog: Trino reads the catalog's tables but does not
     * create them, so iceberg-core's JdbcCatalog (V1 layout, as lakesh writes it) makes them first.
     */
    private static TrinoCatalogFiles.IcebergJdbc icebergCatalog(Path warehouse) throws IOException {
        PostgresServer postgres = PostgresServer.shared();
        try {
            String url = postgres.createDatabase("trino_iceberg_" + ProcessHandle.current().pid());
            Files.createDirectories(warehouse);
            var jdbc = new TrinoCatalogFiles.IcebergJdbc(ICEBERG_CATALOG, url, PostgresServer.USER, PostgresServer.PASSWORD,
                    warehouse.toUri().toString().replaceAll("/$", ""));
            try (org.apache.iceberg.jdbc.JdbcCatalog catalog = new org.apache.iceberg.jdbc.JdbcCatalog()) {
                catalog.setConf(new org.apache.hadoop.conf.Configuration());
                catalog.initialize(ICEBERG_CATALOG, icebergProperties(jdbc));
            }
            return jdbc;
        } catch (SQLException e) {
            throw new IOException("cannot create the Iceberg catalog database: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> icebergProperties(TrinoCatalogFiles.IcebergJdbc jdbc) {
        return Map.of("type", "jdbc", "uri", jdbc.jdbcUrl(), "warehouse", jdbc.warehouse(),
                "jdbc.user", jdbc.user(), "jdbc.password", jdbc.password(), "jdbc.schema-version", "V1");
    }

    /**
     * Points a test's lakesh at the shared server and gives it catalog {@value #ICEBERG_CATALOG}, the one Trino's
     * `iceberg` reads ({@code /iceberg/pg/<schema>/<table>} is {@code iceberg.<schema>.<table>} in Trino).
     */
    public static Lakesh connectIceberg(Lakesh lakesh) {
        connect(lakesh);
        Assumptions.assumeTrue(iceberg != null, () -> "skipped: no Iceberg catalog in Trino: " + icebergUnavailable);
        icebergProperties(iceberg).forEach((k, v) -> lakesh.namespace().config().set("catalog." + ICEBERG_CATALOG + "." + k, v));
        return lakesh;
    }

    /** Points a test's lakesh at the shared server. */
    public static Lakesh connect(Lakesh lakesh) {
        TrinoLocal server = shared();
        lakesh.namespace().config().set("trino.url", server.httpUrl());
        lakesh.namespace().config().set("trino.user", "lakesh");
        return lakesh;
    }

    /** A plain JDBC connection to the shared server, for checking what lakesh did. */
    public static Connection jdbc() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "test");
        return DriverManager.getConnection(shared().jdbcUrl(), p);
    }

    /** Servers of test JVMs that were killed before their shutdown hook ran: stopped, their folders removed. */
    static void stopLeftovers(Path target) throws IOException {
        if (!Files.isDirectory(target)) {
            return;
        }
        List<Path> dead;
        try (Stream<Path> dirs = Files.list(target)) {
            dead = dirs.filter(d -> d.getFileName().toString().matches("trino-\\d+"))
                    .filter(d -> ProcessHandle.of(Long.parseLong(d.getFileName().toString().substring("trino-".length()))).isEmpty())
                    .toList();
        }
        for (Path dir : dead) {
            Path pid = dir.resolve("trino.pid");
            if (Files.isRegularFile(pid)) {
                ProcessHandle.of(Long.parseLong(Files.readString(pid).strip()))
                        .filter(h -> h.info().commandLine().orElse("").contains("io.trino.server.TrinoServer"))
                        .ifPresent(TrinoLocal::stop);
            }
            TrinoLocal.deleteTree(dir);
        }
    }
}
