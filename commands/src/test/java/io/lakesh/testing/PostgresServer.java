package io.lakesh.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server as a local process: initdb and pg_ctl into {@code target/}, listening on a free
 * port of 127.0.0.1 only, with a password user. {@link #shared()} starts one per test JVM (stopped at
 * exit) and skips the calling test, naming what is missing, where PostgreSQL cannot run; bench and
 * recipes call {@link #start(Path)} and close it themselves.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String USER = "lakesh";
    public static final String PASSWORD = "lakesh-test";
    private static final String POSTGRES_USER = "postgres";

    private static PostgresServer shared;
    private static String unavailable;

    private final Path bin;
    private final Path dataDir;
    private final int port;
    private final boolean asPostgresUser;

    private PostgresServer(Path bin, Path dataDir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** The server of this test JVM; the calling test is skipped (never passed) when PostgreSQL cannot start here. */
    public static synchronized PostgresServer shared() {
        if (shared == null && unavailable == null) {
            try {
                Path target = Path.of("target").toAbsolutePath();
                stopLeftovers(target);
                shared = start(target.resolve("postgres-" + ProcessHandle.current().pid()));
                PostgresServer started = shared;
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "postgres-stop"));
            } catch (Unavailable e) {
                unavailable = e.getMessage();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start PostgreSQL: " + e.getMessage(), e);
            }
        }
        Assumptions.assumeTrue(unavailable == null, () -> "skipped: " + unavailable);
        return shared;
    }

    /** Servers of test JVMs that were killed before their shutdown hook ran: stopped and removed. */
    static void stopLeftovers(Path target) throws IOException {
        if (!Files.isDirectory(target)) {
            return;
        }
        List<Path> dead = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(target)) {
            dirs.filter(d -> d.getFileName().toString().matches("postgres-\\d+"))
                    .filter(d -> ProcessHandle.of(Long.parseLong(d.getFileName().toString().substring("postgres-".length()))).isEmpty())
                    .forEach(dead::add);
        }
        for (Path home : dead) {
            Path data = home.resolve("data");
            if (Files.exists(data.resolve("postmaster.pid"))) {
                new PostgresServer(binaries(), data, 0, "root".equals(System.getProperty("user.name"))).close();
            } else {
                new PostgresServer(null, data, 0, false).removeFiles();
            }
        }
    }

    /** PostgreSQL cannot run on this machine: the message names what is missing and how to get it. */
    public static final class Unavailable extends IOException {
        Unavailable(String message) {
            super(message);
        }
    }

    /** initdb into {@code home}/data ({@code home} must not exist) and start a server on a free port. */
    public static PostgresServer start(Path home) throws IOException {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Files.createDirectories(home.getParent());
        Files.createDirectory(home);
        Path pwfile = home.resolveSibling(home.getFileName() + ".pw");
        Files.writeString(pwfile, PASSWORD + "\n");
        if (root) {
            // initdb refuses root: the server runs as the Debian package's 'postgres' user, who must own its files
            run(List.of("chown", POSTGRES_USER + ":", home.toString(), pwfile.toString()), home.resolve("commands.log"));
        }
        PostgresServer server = new PostgresServer(bin, home.resolve("data"), freePort(), root);
        try {
            server.pg(List.of("initdb", "-D", server.dataDir.toString(), "-U", USER, "--pwfile=" + pwfile,
                    "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--no-locale", "--no-sync"));
        } finally {
            Files.deleteIfExists(pwfile);
        }
        // only TCP on 127.0.0.1, the Unix socket inside the data directory: nothing shared with a system server
        server.pg(List.of("pg_ctl", "-D", server.dataDir.toString(), "-l", home.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", "-c listen_addresses=127.0.0.1 -p " + server.port + " -k " + server.dataDir
                        + " -c fsync=off -c max_connections=50 -c shared_buffers=32MB", "start"));
        return server;
    }

    /** The newest PostgreSQL under /usr/lib/postgresql; as root, the Debian package is installed when missing. */
    static Path binaries() throws IOException {
        Path found = findBinaries();
        if (found == null && "root".equals(System.getProperty("user.name"))) {
            Path log = Files.createTempFile("lakesh-apt-", ".log");
            try {
                boolean installed = install(log, List.of("apt-get", "install", "-y", "-q", "postgresql"))
                        || install(log, List.of("apt-get", "update", "-q"))
                        && install(log, List.of("apt-get", "install", "-y", "-q", "postgresql"));
                if (!installed) {
                    System.err.println("PostgresServer: apt-get install postgresql failed, see " + log);
                }
            } finally {
                found = findBinaries();
            }
        }
        if (found == null) {
            throw new Unavailable("PostgreSQL is not installed (no initdb and pg_ctl in /usr/lib/postgresql/*/bin); "
                    + "install the Debian package 'postgresql' (apt-get install postgresql)");
        }
        return found;
    }

    private static boolean install(Path log, List<String> command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while installing PostgreSQL", e);
        }
    }

    private static Path findBinaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(PostgresServer::majorVersion))
                    .orElse(null);
        }
    }

    private static int majorVersion(Path bin) {
        String v = bin.getParent().getFileName().toString();
        return v.matches("\\d+") ? Integer.parseInt(v) : 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Runs one of PostgreSQL's programs, as the postgres user when we are root. */
    private void pg(List<String> command) throws IOException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", POSTGRES_USER, "--"));
        }
        full.add(bin.resolve(command.get(0)).toString());
        full.addAll(command.subList(1, command.size()));
        run(full, dataDir.resolveSibling("commands.log"));
    }

    private static void run(List<String> command, Path log) throws IOException {
        // output goes to a file: the server that pg_ctl starts inherits it, and a pipe would never close
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            Process p = pb.start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in 2 minutes");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed with status " + p.exitValue() + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code jdbc:postgresql://127.0.0.1:port/database} */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A new empty database (one per test keeps tests apart); returns its JDBC URL. */
    public String createDatabase(String name) throws SQLException {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database names here are lower-case identifiers: " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return jdbcUrl(name);
    }

    /** Stops the server (fast shutdown) and removes its files. */
    @Override
    public void close() {
        try {
            pg(List.of("pg_ctl", "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "30", "stop"));
        } catch (IOException e) {
            System.err.println("PostgresServer: stop failed: " + e.getMessage());
        }
        removeFiles();
    }

    private void removeFiles() {
        try (Stream<Path> files = Files.walk(dataDir.getParent())) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("PostgresServer: could not remove " + dataDir.getParent() + ": " + e.getMessage());
        }
    }
}
