package io.lakesh.sql;

import io.lakesh.LakeshException;
import io.lakesh.command.CommandContext;
import io.lakesh.command.Progress;
import io.lakesh.namespace.Namespace;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.lang.reflect.Method;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;

/**
 * Embedded DuckDB, one in-memory database per session, opened on the first query. Queries run on a worker
 * thread so that Ctrl-C (an interrupt of the command thread) cancels them in DuckDB and the shell goes on;
 * a query running for more than half a second shows its progress.
 */
public final class DuckEngine implements AutoCloseable {
    private final Namespace ns;
    private final FileCache cache;
    private final PlanCache plans = new PlanCache();
    private DuckDBConnection connection;
    private boolean closed;
    private final CancellableStatement.Worker worker = new CancellableStatement.Worker("lakesh-duckdb");

    private DuckEngine(Namespace ns) {
        this.ns = ns;
        this.cache = new FileCache(ns);
    }

    /** The session's engine (created on first use, closed with the namespace). */
    public static DuckEngine of(Namespace ns) {
        return ns.resource(DuckEngine.class, () -> new DuckEngine(ns));
    }

    public FileCache cache() {
        return cache;
    }

    PlanCache plans() {
        return plans;
    }

    /** The engine's name in `\timing` lines. */
    public static final String ENGINE = "DuckDB";

    /**
     * Starts DuckDB on a daemon thread (loading its native library takes a few hundred ms) for a command that
     * needs it after other work, e.g. a Delta log replay; a failure here shows again on the command's first use.
     */
    public void startInBackground() {
        Thread t = new Thread(() -> {
            synchronized (this) {
                if (closed) {
                    return;
                }
                try {
                    connection();
                } catch (RuntimeException e) {
                    // the command's own first use retries and reports it
                }
            }
        }, "lakesh-duckdb-start");
        t.setDaemon(true);
        t.start();
    }

    synchronized DuckDBConnection connection() {
        if (connection == null) {
            try {
                Class.forName("org.duckdb.DuckDBDriver");
                Properties p = new Properties();
                // nothing may be downloaded here: extensions that are not built in stay off
                p.setProperty("autoinstall_known_extensions", "false");
                p.setProperty("autoload_known_extensions", "false");
                p.setProperty("memory_limit", ns.config().get("duckdb.memory_limit", "4GB"));
                p.setProperty("threads", ns.config().get("duckdb.threads", Integer.toString(Runtime.getRuntime().availableProcessors())));
                p.setProperty("temp_directory", ns.home().dir().resolve("tmp").resolve("duckdb").toString());
                connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", p);
                try (Statement s = connection.createStatement()) {
                    // one clock for everyone: times with a zone print in UTC, and Parquet's UTC-normalised
                    // timestamps (INT96 among them) convert to TIMESTAMPTZ without a local offset
                    s.execute("SET TimeZone = " + DuckTypes.literal(ns.config().get("duckdb.timezone", "UTC")));
                    // Parquet footers are cached between statements: table data files never change, and DuckDB
                    // re-reads a plain file whose modification time moved
                    s.execute("SET enable_object_cache = true");
                }
            } catch (ClassNotFoundException | SQLException e) {
                throw new LakeshException("cannot start DuckDB: " + (e instanceof SQLException s ? message(s) : e.getMessage()));
            }
        }
        return connection;
    }

    /** Runs one statement of the user's: names resolved in the namespace, then DuckDB runs it. */
    public SqlResult run(String sql, CommandContext ctx) throws IOException {
        return run(sql, ctx, null);
    }

    /** Like {@link #run(String, CommandContext)}, and a COPY's target is a namespace path too. */
    public SqlResult runInNamespace(String sql, CommandContext ctx) throws IOException {
        SqlResult copied = CopyTo.run(this, sql, ctx);
        return copied != null ? copied : run(sql, ctx);
    }

    /** Turns the statement, with the namespace's names resolved, into the one DuckDB runs (a COPY of it, say). */
    public interface Wrapper {
        String wrap(String rewritten, List<Column> columns) throws IOException;
    }

    /** A column of a query's result: its name and DuckDB type (`BIGINT`, `DECIMAL(10,2)`, …). */
    public record Column(String name, String type) {
    }

    /** The columns the statement's query gives, names resolved in the namespace, without running it. */
    public List<Column> describe(String sql, CommandContext ctx) throws IOException {
        DuckDBConnection c = connection();
        try (QueryBuild build = new QueryBuild(c, cache, plans, ctx.progress())) {
            return columnsOf(c, SqlQuery.rewrite(sql, ctx.namespace(), build));
        }
    }

    /**
     * Runs the user's statement wrapped: the wrapper sees it with names resolved and, for a query, its
     * column names (in order), and returns the statement DuckDB runs.
     */
    public SqlResult run(String sql, CommandContext ctx, Wrapper wrapper) throws IOException {
        return run(build -> SqlQuery.rewrite(sql, ctx.namespace(), build), ctx, wrapper);
    }

    /** How a statement is made ready in DuckDB: the views it reads set up, the statement to run returned. */
    interface Preparer {
        SqlQuery prepare(QueryBuild build) throws IOException;
    }

    SqlResult run(Preparer preparer, CommandContext ctx, Wrapper wrapper) throws IOException {
        long started = System.nanoTime();
        DuckDBConnection c = connection();
        try (QueryBuild build = new QueryBuild(c, cache, plans, ctx.progress())) {
            SqlQuery query = preparer.prepare(build);
            String statement = wrapper == null ? query.sql() : wrapper.wrap(query.sql(), columnsOf(c, query));
            SqlResult r = execute(c, query.with(statement), ctx.progress());
            return new SqlResult(r.table(), r.updateCount(), build.notes(), (System.nanoTime() - started) / 1_000_000, ENGINE);
        }
    }

    /** The column names a query gives (bound, not run); empty for a statement that is not a query. */
    private static List<Column> columnsOf(DuckDBConnection c, SqlQuery query) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM (" + query.sql() + ") LIMIT 0")) {
            List<Column> names = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                names.add(new Column(rs.getMetaData().getColumnLabel(i), rs.getMetaData().getColumnTypeName(i)));
            }
            return names;
        } catch (SQLException e) {
            throw new LakeshException(query.explainError(message(e)));
        }
    }

    private SqlResult execute(DuckDBConnection c, SqlQuery query, Progress.Factory progress) throws IOException {
        Statement statement;
        try {
            statement = c.createStatement();
        } catch (SQLException e) {
            throw new IOException(message(e), e);
        }
        try (Progress p = progress.start("query", 0, 0)) {
            return CancellableStatement.run(worker.executor(), statement, cancelled -> {
                if (statement.execute(query.sql())) {
                    try (ResultSet rs = statement.getResultSet()) {
                        return new SqlResult(CancellableStatement.read(rs, cancelled), -1, List.of(), 0, ENGINE);
                    }
                }
                return new SqlResult(null, statement.getUpdateCount(), List.of(), 0, ENGINE);
            }, p, () -> progressText(c), s -> new LakeshException(query.explainError(message(s))));
        }
    }

    /** `42%  1,204,000 of 10,000,000 rows` from DuckDB's query progress (its JDBC driver keeps the call package-private). */
    private static String progressText(DuckDBConnection c) {
        try {
            Method m = DuckDBConnection.class.getDeclaredMethod("queryProgress");
            m.setAccessible(true);
            org.duckdb.QueryProgress p = (org.duckdb.QueryProgress) m.invoke(c);
            if (p == null || p.getPercentage() < 0) {
                return "running";
            }
            return String.format("%3.0f%%  %,d of %,d rows", p.getPercentage(), p.getRowsProcessed(), p.getTotalRowsToProcess());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "running";
        }
    }

    /**
     * DuckDB's message in one line: its JDBC text may start with a generic first line and put the real error
     * after it, followed by the statement with a caret.
     */
    static String message(SQLException e) {
        String text = e.getMessage() == null ? e.toString() : e.getMessage();
        List<String> lines = new ArrayList<>();
        String statementLine = null;
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("Invalid Input Error: Failed to execute prepared statement")) {
                continue;
            }
            // the JDBC driver's wrapper around the real error, on the same line
            l = l.replaceFirst("^Invalid Input Error: Attempting to execute an unsuccessful or closed pending query result\\s*(Error: )?", "");
            java.util.regex.Matcher at = LINE.matcher(line);
            if (at.matches()) {
                statementLine = line;
                lines.add(l);
            } else if (l.equals("^") && statementLine != null) {
                // the caret under `LINE n: …` marks the column: say it in words, the line stays one line
                java.util.regex.Matcher m = LINE.matcher(statementLine);
                m.matches();
                int column = line.indexOf('^') - m.end(1) + 1;
                lines.set(lines.size() - 1, "at line " + m.group(2) + ", column " + column + ": " + m.group(3).strip());
            } else {
                lines.add(l);
            }
        }
        return String.join(" ", lines).replaceFirst("^java\\.sql\\.SQLException: ", "");
    }

    private static final java.util.regex.Pattern LINE = java.util.regex.Pattern.compile("^(LINE (\\d+): )(.*)$");

    @Override
    public synchronized void close() {
        closed = true;
        worker.close();
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing at exit: the in-memory database goes with the process
            }
            connection = null;
        }
    }
}
