package io.lakesh.sql;

import io.lakesh.LakeshException;
import io.lakesh.command.CommandContext;
import io.lakesh.command.Progress;
import io.lakesh.config.Config;
import io.lakesh.namespace.Namespace;
import io.lakesh.output.Bytes;
import io.lakesh.output.Table;
import io.trino.jdbc.QueryStats;
import io.trino.jdbc.TrinoStatement;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Trino coordinator over JDBC, one connection per session (opened on the first statement, so no Trino
 * class loads before it). Statements run on a worker thread like DuckDB's: Ctrl-C cancels the query on
 * the server, and a status line shows Trino's own query stats (state, splits, rows, bytes, elapsed).
 */
public final class TrinoEngine implements AutoCloseable {
    public static final String ENGINE = "Trino";
    /** How long the first contact may take before the coordinator counts as unreachable. */
    static final int CONNECT_TIMEOUT_MILLIS = 3000;

    private final Settings settings;
    private Connection connection;
    private final CancellableStatement.Worker worker = new CancellableStatement.Worker("lakesh-trino");
    private final AtomicReference<QueryStats> running = new AtomicReference<>();
    private volatile String lastQueryId;

    private TrinoEngine(Settings settings) {
        this.settings = settings;
    }

    /**
     * An engine of its own, outside the session (e.g. for `health`, whose checks may be abandoned when a server does
     * not answer): connects on first use like the session's; the caller closes it.
     */
    public static TrinoEngine unshared(Config config) {
        return new TrinoEngine(Settings.of(config));
    }

    /** The session's engine (created on first use, closed with the namespace). */
    public static TrinoEngine of(Namespace ns) {
        return ns.resource(TrinoEngine.class, () -> new TrinoEngine(Settings.of(ns.config())));
    }

    /**
     * `trino.url` (http://host:port, https://… for TLS, or jdbc:trino://…), `trino.user` (default: the OS user),
     * `trino.password` (never printed: not in toString, not in messages), `trino.ssl` and
     * `trino.ssl.verification` (FULL, CA or NONE).
     */
    public record Settings(String url, String user, String password, boolean ssl, String sslVerification) {
        static Settings of(Config config) {
            String url = config.get("trino.url");
            if (url == null || url.isBlank()) {
                throw new LakeshException("no Trino configured: set trino.url in lakesh.conf (e.g. trino.url = http://coordinator:8080)");
            }
            url = url.strip();
            boolean ssl = Boolean.parseBoolean(config.get("trino.ssl", "false")) || url.startsWith("https://");
            String password = config.get("trino.password", System.getenv("TRINO_PASSWORD"));
            return new Settings(url, config.get("trino.user", System.getProperty("user.name")),
                    password == null || password.isEmpty() ? null : password, ssl, config.get("trino.ssl.verification"));
        }

        /** host:port of the coordinator, whatever form the URL was written in. */
        URI httpUri() {
            String u = url.replaceFirst("^jdbc:trino://", ssl ? "https://" : "http://");
            URI uri = URI.create(u);
            if (uri.getHost() == null) {
                throw new LakeshException("trino.url '" + url + "' names no host; write it as http://host:port");
            }
            return uri;
        }

        int port() {
            URI uri = httpUri();
            return uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 8080;
        }

        String jdbcUrl() {
            URI uri = httpUri();
            return "jdbc:trino://" + uri.getHost() + ":" + port() + (uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", ""));
        }

        @Override
        public String toString() {
            return "Trino at " + url + " as " + user + (password == null ? "" : " with a password") + (ssl ? " over TLS" : "");
        }
    }

    public Settings settings() {
        return settings;
    }

    synchronized Connection connection() {
        if (connection == null) {
            probe();
            Properties p = new Properties();
            p.setProperty("user", settings.user());
            if (settings.password() != null) {
                p.setProperty("password", settings.password());
            }
            if (settings.ssl()) {
                p.setProperty("SSL", "true");
                if (settings.sslVerification() != null) {
                    p.setProperty("SSLVerification", settings.sslVerification().toUpperCase(Locale.ROOT));
                }
            }
            p.setProperty("source", "lakesh");
            try {
                connection = DriverManager.getConnection(settings.jdbcUrl(), p);
            } catch (SQLException e) {
                throw new LakeshException("cannot connect to Trino at " + settings.url() + ": " + message(e));
            }
        }
        return connection;
    }

    /**
     * Trino's driver retries a coordinator that does not answer for a long time; a plain connect first makes a
     * wrong URL or a stopped server one clear line within seconds.
     */
    private void probe() {
        URI uri = settings.httpUri();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(uri.getHost(), settings.port()), CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private LakeshException unreachable(Throwable e) {
        String why = e instanceof UnknownHostException ? "unknown host"
                : e instanceof SocketTimeoutException ? "no answer within " + CONNECT_TIMEOUT_MILLIS / 1000 + " s"
                : "connection refused";
        return new LakeshException("cannot reach Trino at " + settings.url() + " (" + why
                + "; is the coordinator running? trino.url in lakesh.conf says where)");
    }

    /** Runs one statement; the result table is printed by the shared printers. */
    public SqlResult run(String sql, CommandContext ctx) throws IOException {
        long started = System.nanoTime();
        Connection c = connection();
        Statement statement;
        try {
            statement = c.createStatement();
        } catch (SQLException e) {
            throw failure(e);
        }
        running.set(null);
        try (Progress p = ctx.progress().start("query", 0, 0)) {
            statement.unwrap(TrinoStatement.class).setProgressMonitor(stats -> {
                running.set(stats);
                lastQueryId = stats.getQueryId();
            });
            SqlResult r = CancellableStatement.run(worker.executor(), statement, cancelled -> {
                if (statement.execute(sql)) {
                    try (ResultSet rs = statement.getResultSet()) {
                        return new SqlResult(CancellableStatement.read(rs, cancelled), -1, List.of(), 0, ENGINE);
                    }
                }
                return new SqlResult(null, statement.getLargeUpdateCount(), List.of(), 0, ENGINE);
            }, p, this::progressText, this::failure);
            return new SqlResult(r.table(), r.updateCount(), List.of(), (System.nanoTime() - started) / 1_000_000, ENGINE);
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            running.set(null);
        }
    }

    /** Rows of a metadata query (catalogs, schemas, tables, columns), without progress or cancel. */
    public Table query(String sql) {
        try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return CancellableStatement.read(rs, new java.util.concurrent.atomic.AtomicBoolean());
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The id of the query this session ran last (or runs now), as Trino names it in system.runtime.queries. */
    public String lastQueryId() {
        return lastQueryId;
    }

    /** `RUNNING  12/40 splits  1,204,000 rows  34.5 MiB  3.2 s`, what Trino's own CLI shows while a query runs. */
    String progressText() {
        QueryStats s = running.get();
        if (s == null) {
            return "starting";
        }
        StringBuilder text = new StringBuilder(s.getState());
        s.getProgressPercentage().ifPresent(pct -> text.append(String.format(Locale.ROOT, "  %3.0f%%", pct)));
        text.append(String.format(Locale.ROOT, "  %,d/%,d splits  %,d rows  %s  %.1f s", s.getCompletedSplits(),
                s.getTotalSplits(), s.getProcessedRows(), new Bytes(s.getProcessedBytes()).human(),
                s.getElapsedTimeMillis() / 1000.0));
        return text.toString();
    }

    /** Trino's failure in one line: its message and error code; a coordinator that went away says so. */
    private LakeshException failure(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return unreachable(t);
            }
        }
        String text = e.getMessage() == null ? "" : e.getMessage();
        java.util.regex.Matcher status = HTTP_STATUS.matcher(text);
        int code = status.find() ? Integer.parseInt(status.group(1)) : 0;
        if (code == 401 || text.contains("Authentication failed")) {
            return new LakeshException("authentication failed at Trino " + settings.url() + " as '" + settings.user()
                    + "': check trino.user and trino.password in lakesh.conf");
        }
        if (code != 0) {
            return new LakeshException("the server at " + settings.url() + " answered HTTP " + code
                    + " where a Trino coordinator was expected: check trino.url in lakesh.conf");
        }
        return new LakeshException(message(e));
    }

    /** The driver's text for an HTTP answer that is not Trino's (`JsonResponse{statusCode=404, …}`). */
    private static final java.util.regex.Pattern HTTP_STATUS = java.util.regex.Pattern.compile("statusCode=(\\d{3})");

    static String message(SQLException e) {
        String text = e.getMessage() == null ? e.toString() : e.getMessage().strip();
        String id = null;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^Query failed \\(#([^)]+)\\):\\s*").matcher(text);
        if (m.find()) {
            id = m.group(1);
            text = text.substring(m.end());
        }
        int nl = text.indexOf('\n');
        if (nl >= 0) {
            text = text.substring(0, nl);
        }
        if (e.getErrorCode() != 0 || id != null) {
            text += " (" + (e.getErrorCode() != 0 ? "error code " + e.getErrorCode() + (e.getSQLState() == null ? "" : ", SQL state " + e.getSQLState()) : "")
                    + (e.getErrorCode() != 0 && id != null ? ", " : "") + (id == null ? "" : "query " + id) + ")";
        }
        return text;
    }

    @Override
    public synchronized void close() {
        worker.close();
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing at exit: the connection holds no server state worth keeping
            }
            connection = null;
        }
    }
}
