package io.lakesh.sql;

import io.lakesh.command.CancelledException;
import io.lakesh.command.Progress;
import io.lakesh.output.Table;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a JDBC statement on an engine's worker thread while the command thread shows its progress, so that
 * Ctrl-C (an interrupt of the command thread) cancels the statement in the engine and the shell goes on.
 * DuckDB and Trino share it.
 */
final class CancellableStatement {
    private CancellableStatement() {
    }

    /** The work on the worker thread; it checks `cancelled` between rows. */
    interface Work<T> {
        T run(AtomicBoolean cancelled) throws Exception;
    }

    static <T> T run(ExecutorService worker, Statement statement, Work<T> work, Progress progress,
                     Supplier<String> status, Function<SQLException, RuntimeException> failure) throws IOException {
        AtomicBoolean cancelled = new AtomicBoolean();
        Future<T> running = worker.submit((Callable<T>) () -> {
            try {
                return work.run(cancelled);
            } finally {
                statement.close();
            }
        });
        try {
            while (true) {
                try {
                    return running.get(250, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    progress.status(status.get());
                }
            }
        } catch (InterruptedException e) {
            cancelled.set(true);
            try {
                statement.cancel();
            } catch (SQLException ignored) {
                // the statement already finished: nothing left to cancel
            }
            waitQuietly(running);
            throw new CancelledException();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException s) {
                throw failure.apply(s);
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    private static void waitQuietly(Future<?> f) {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the cancelled query ends with an error of its own; the user asked for it to stop
        }
    }

    /** The rows of a result set as a table: numbers stay numbers (aligned right), everything else its text. */
    static Table read(ResultSet rs, AtomicBoolean cancelled) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String> names = new ArrayList<>(n);
        boolean[] numeric = new boolean[n];
        for (int i = 0; i < n; i++) {
            names.add(md.getColumnLabel(i + 1));
            numeric[i] = switch (md.getColumnType(i + 1)) {
                case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.FLOAT, Types.REAL, Types.DOUBLE,
                     Types.DECIMAL, Types.NUMERIC -> true;
                // DuckDB's unsigned and huge integers come as OTHER
                default -> md.getColumnTypeName(i + 1).matches("(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|UHUGEINT)");
            };
        }
        Table table = new Table(names);
        while (rs.next()) {
            if (cancelled.get()) {
                throw new CancelledException();
            }
            Object[] row = new Object[n];
            for (int i = 0; i < n; i++) {
                Object v = rs.getObject(i + 1);
                row[i] = v == null ? null : numeric[i] ? v : rs.getString(i + 1);
            }
            table.add(row);
        }
        return table;
    }

    /** The one thread an engine runs its statements on, made on first use; closed with the engine. */
    static final class Worker implements AutoCloseable {
        private final String name;
        private ExecutorService executor;

        Worker(String name) {
            this.name = name;
        }

        synchronized ExecutorService executor() {
            if (executor == null) {
                executor = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, name);
                    t.setDaemon(true);
                    return t;
                });
            }
            return executor;
        }

        @Override
        public synchronized void close() {
            if (executor != null) {
                executor.shutdownNow();
            }
        }
    }
}
