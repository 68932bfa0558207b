package io.lakesh.sql;

import io.lakesh.command.Progress;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one query sets up in DuckDB before it runs — views and tables (in DuckDB's in-memory database, private to this process) over the data files of the
 * tables it names — and removes afterwards; plus notes on what was read (files, pruning, deletes).
 */
final class QueryBuild implements AutoCloseable {
    private static final java.util.concurrent.atomic.AtomicLong COUNTER = new java.util.concurrent.atomic.AtomicLong();

    private final DuckDBConnection connection;
    private final FileCache cache;
    private final PlanCache plans;
    private final Progress.Factory progress;
    private final List<String> drops = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    QueryBuild(DuckDBConnection connection, FileCache cache, PlanCache plans, Progress.Factory progress) {
        this.connection = connection;
        this.cache = cache;
        this.plans = plans;
        this.progress = progress;
    }

    /** A fresh name for a temporary object of this query. */
    String tempName(String what) {
        return "lakesh_" + what + "_" + COUNTER.incrementAndGet();
    }

    void execute(String sql) throws IOException {
        String upper = sql.stripLeading().toUpperCase(java.util.Locale.ROOT);
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IOException(DuckEngine.message(e), e);
        }
        if (upper.startsWith("CREATE TABLE ") || upper.startsWith("CREATE VIEW ")) {
            String rest = sql.stripLeading().substring(upper.startsWith("CREATE TABLE ") ? 13 : 12);
            String name = rest.split("[\\s(]", 2)[0];
            drops.add(0, (upper.startsWith("CREATE TABLE ") ? "DROP TABLE IF EXISTS " : "DROP VIEW IF EXISTS ") + name);
        }
    }

    /** Appends rows to a temporary table (VARCHAR and BIGINT columns). */
    void append(String table, List<Object[]> rows) throws IOException {
        try (DuckDBAppender a = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table)) {
            for (Object[] row : rows) {
                a.beginRow();
                for (Object v : row) {
                    if (v == null) {
                        a.appendNull();
                    } else if (v instanceof Long l) {
                        a.append(l.longValue());
                    } else {
                        a.append((String) v);
                    }
                }
                a.endRow();
            }
        } catch (SQLException e) {
            throw new IOException(DuckEngine.message(e), e);
        }
    }

    /** The column names a query gives (bound, not run). */
    java.util.Set<String> columns(String query) throws IOException {
        try (Statement s = connection.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT * FROM (" + query + ") LIMIT 0")) {
            java.util.Set<String> names = new java.util.LinkedHashSet<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                names.add(rs.getMetaData().getColumnLabel(i));
            }
            return names;
        } catch (SQLException e) {
            throw new IOException(DuckEngine.message(e), e);
        }
    }

    Map<String, String> fetch(List<FileCache.RemoteFile> files) throws IOException {
        return cache.localPaths(files, progress);
    }

    FileCache cache() {
        return cache;
    }

    PlanCache plans() {
        return plans;
    }

    void note(String text) {
        notes.add(text);
    }

    List<String> notes() {
        return notes;
    }

    @Override
    public void close() {
        for (String drop : drops) {
            try (Statement s = connection.createStatement()) {
                s.execute(drop);
            } catch (SQLException e) {
                // a temporary object outlives its query at worst until the session ends
            }
        }
    }
}
