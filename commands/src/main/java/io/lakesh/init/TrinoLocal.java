package io.lakesh.init;

import io.lakesh.LakeshException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Trino server on this machine, single node on 127.0.0.1: fetched into the local Maven repository,
 * unpacked once beside it with GNU tar (Maven's unpack turns the tarball's hard links into empty jars),
 * pruned to the plugins lakesh uses, and run with a JDK new enough for it. The tests' fixture, the
 * recipes and bench all start Trino through here.
 */
public final class TrinoLocal implements AutoCloseable {
    public static final String VERSION = "476";
    public static final String ARTIFACT = "io.trino:trino-server:" + VERSION + ":tar.gz";
    /** Trino 476 runs on Java 24 or newer. */
    public static final int JAVA_FEATURE = 24;
    /** What lakesh's Trino serves; everything else goes, saving start time and disk. */
    public static final Set<String> PLUGINS = Set.of("iceberg", "delta-lake", "tpch", "memory", "password-authenticators");

    private final Process process;
    private final Path dataDir;
    private final int port;
    private final int httpsPort;
    private final String readyProbe;

    private TrinoLocal(Process process, Path dataDir, int port, int httpsPort, String readyProbe) {
        this.process = process;
        this.dataDir = dataDir;
        this.port = port;
        this.httpsPort = httpsPort;
        this.readyProbe = readyProbe;
    }

    /**
     * Password logins over HTTPS (a self-signed certificate for 127.0.0.1) beside plain HTTP, where the user
     * name alone still works: users and their passwords, which the server gets only as PBKDF2 hashes.
     */
    public record PasswordLogins(Map<String, String> users) {
        @Override
        public String toString() {
            return "PasswordLogins" + users.keySet();
        }
    }

    /** What keeps Trino from running here (no JDK, no download, no GNU tar): the message names it. */
    public static final class Unavailable extends LakeshException {
        public Unavailable(String message) {
            super(message);
        }
    }

    // --- installation ---------------------------------------------------------------------------

    /** The local Maven repository: `-Dmaven.repo.local` if set, else ~/.m2/repository. */
    public static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** The tarball's folder in the repository; the unpacked server lives beside the tarball. */
    static Path artifactDir(Path repository) {
        return repository.resolve("io/trino/trino-server/" + VERSION);
    }

    /** The unpacked server (bin, lib, plugin), fetched and unpacked first if need be. */
    public static Path install(Path repository) throws IOException {
        Path dir = artifactDir(repository);
        Path installed = dir.resolve("trino-server-" + VERSION);
        if (Files.isDirectory(installed.resolve("lib"))) {
            return installed;
        }
        Path tarball = dir.resolve("trino-server-" + VERSION + ".tar.gz");
        if (!Files.isRegularFile(tarball)) {
            fetch(repository);
        }
        requireGnuTar();
        // unpack into a private folder and rename it in whole, so a run cut short never leaves half a server
        Path staging = dir.resolve("unpacking-" + ProcessHandle.current().pid());
        deleteTree(staging);
        Files.createDirectories(staging);
        run(List.of("tar", "-xzf", tarball.toString(), "-C", staging.toString()), "unpacking " + tarball);
        Path unpacked = staging.resolve("trino-server-" + VERSION);
        try (Stream<Path> plugins = Files.list(unpacked.resolve("plugin"))) {
            for (Path p : plugins.toList()) {
                if (!PLUGINS.contains(p.getFileName().toString())) {
                    deleteTree(p); // hard links: the kept plugins' copies stay
                }
            }
        }
        try {
            Files.move(unpacked, installed);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // another JVM unpacked it meanwhile: use theirs
        } finally {
            deleteTree(staging);
        }
        return installed;
    }

    private static void fetch(Path repository) throws IOException {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q", "dependency:get",
                "-Dartifact=" + ARTIFACT, "-Dtransitive=false", "-Dmaven.repo.local=" + repository));
        try {
            run(command, "fetching " + ARTIFACT + " (821 MB)");
        } catch (IOException e) {
            throw new Unavailable("cannot fetch " + ARTIFACT + " with Maven: " + e.getMessage());
        }
    }

    private static void requireGnuTar() throws IOException {
        try {
            Process p = new ProcessBuilder("tar", "--version").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0 || !version.contains("GNU tar")) {
                throw new Unavailable("GNU tar is needed to unpack Trino (its hard links), found: " + version.lines().findFirst().orElse("?"));
            }
        } catch (IOException e) {
            throw new Unavailable("GNU tar is needed to unpack Trino and 'tar' cannot run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Runs a tool to its end; a failure carries the last line it printed. */
    private static void run(List<String> command, String what) throws IOException {
        Path log = Files.createTempFile("lakesh-trino-", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int status = p.waitFor();
            if (status != 0) {
                List<String> lines = Files.readAllLines(log);
                throw new IOException(what + " failed (exit " + status + ")"
                        + (lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1).strip()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(what + " interrupted", e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /**
     * A JDK that runs Trino: `TRINO_JAVA_HOME` if set, else the newest JDK of feature version 24 or more under
     * /usr/lib/jvm (read from each JDK's `release` file).
     */
    public static Path findJava() {
        String configured = System.getenv("TRINO_JAVA_HOME");
        if (configured != null && !configured.isBlank()) {
            Path java = Path.of(configured, "bin", "java");
            if (!Files.isExecutable(java)) {
                throw new Unavailable("TRINO_JAVA_HOME=" + configured + " has no bin/java");
            }
            return java;
        }
        Path jvms = Path.of("/usr/lib/jvm");
        Path best = null;
        int bestFeature = 0;
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> homes = Files.list(jvms)) {
                for (Path home : homes.sorted().toList()) {
                    int feature = featureVersion(home);
                    if (feature >= JAVA_FEATURE && feature > bestFeature && Files.isExecutable(home.resolve("bin/java"))) {
                        best = home.resolve("bin/java");
                        bestFeature = feature;
                    }
                }
            } catch (IOException e) {
                throw new Unavailable("cannot list " + jvms + " for a JDK " + JAVA_FEATURE + "+: " + e.getMessage());
            }
        }
        if (best == null) {
            throw new Unavailable("no JDK " + JAVA_FEATURE + " or newer under /usr/lib/jvm for Trino " + VERSION
                    + " (install one, e.g. Temurin 25, or set TRINO_JAVA_HOME)");
        }
        return best;
    }

    private static int featureVersion(Path jdkHome) {
        Path release = jdkHome.resolve("release");
        if (!Files.isRegularFile(release)) {
            return 0;
        }
        try {
            Properties p = new Properties();
            try (var r = Files.newBufferedReader(release)) {
                p.load(r);
            }
            String v = p.getProperty("JAVA_VERSION", "").replace("\"", "");
            return Integer.parseInt(v.split("[.+-]")[0]);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    // --- running --------------------------------------------------------------------------------

    /**
     * Writes `etc/` into the data directory (node, JVM and server settings, the catalogs) and starts the
     * server on a free port of 127.0.0.1; {@link #awaitReady} waits for its first answer.
     */
    public static TrinoLocal start(Path install, Path java, Path dataDir, TrinoCatalogFiles catalogs) throws IOException {
        return start(install, java, dataDir, catalogs, null);
    }

    /** As {@link #start(Path, Path, Path, TrinoCatalogFiles)}, with password logins over HTTPS too. */
    public static TrinoLocal start(Path install, Path java, Path dataDir, TrinoCatalogFiles catalogs,
                                   PasswordLogins logins) throws IOException {
        Path etc = dataDir.resolve("etc");
        Files.createDirectories(etc);
        int port = freePort();
        int httpsPort = logins == null ? 0 : freePort();
        List<String> node = List.of(
                "node.environment=lakesh",
                "node.id=" + UUID.randomUUID(),
                "node.data-dir=" + dataDir.toAbsolutePath(),
                "node.internal-address=127.0.0.1",
                "node.bind-ip=127.0.0.1");
        Files.write(etc.resolve("node.properties"), node);
        // a small, C1-only server: starts fast and leaves room on a 2-core machine shared with HDFS and PostgreSQL
        List<String> jvm = List.of(
                "-Xmx1G",
                "-XX:TieredStopAtLevel=1",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:ReservedCodeCacheSize=256M",
                "-Djdk.attach.allowAttachSelf=true",
                "-Dfile.encoding=UTF-8",
                "--enable-native-access=ALL-UNNAMED",
                "--add-opens=java.base/java.nio=ALL-UNNAMED");
        Files.write(etc.resolve("jvm.config"), jvm);
        List<String> config = new ArrayList<>(List.of(
                "coordinator=true",
                "node-scheduler.include-coordinator=true",
                "http-server.http.port=" + port,
                "discovery.uri=http://127.0.0.1:" + port,
                "plugin.dir=" + install.resolve("plugin").toAbsolutePath(),
                "catalog.config-dir=" + etc.resolve("catalog").toAbsolutePath(),
                "query.max-memory=512MB",
                "query.max-memory-per-node=512MB",
                "task.concurrency=2"));
        if (logins != null) {
            config.addAll(passwordLogins(java, etc, httpsPort, logins));
        }
        Files.write(etc.resolve("config.properties"), config);
        Files.writeString(etc.resolve("log.properties"), "io.trino=WARN\nio.airlift=WARN\n");
        catalogs.write(etc.resolve("catalog"));

        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvm);
        node.forEach(n -> command.add("-D" + n));
        command.add("-Dconfig=" + etc.resolve("config.properties").toAbsolutePath());
        command.add("-Dlog.levels-file=" + etc.resolve("log.properties").toAbsolutePath());
        command.add("-cp");
        command.add(install.resolve("lib").toAbsolutePath() + "/*");
        command.add("io.trino.server.TrinoServer");
        Process p = new ProcessBuilder(command)
                .directory(dataDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("server.log").toFile())
                .start();
        Files.writeString(dataDir.resolve("trino.pid"), Long.toString(p.pid()));
        // `SELECT 1` answers before the node scheduler knows the node; a scan of a table waits for that too
        String tpch = catalogs.files().entrySet().stream().filter(e -> e.getValue().contains("connector.name=tpch"))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        String probe = tpch != null ? "SELECT count(*) FROM " + tpch + ".tiny.region"
                : "SELECT count(*) FROM system.runtime.nodes WHERE state = 'active'";
        return new TrinoLocal(p, dataDir, port, httpsPort, probe);
    }

    /** The keystore, password file and authenticator settings for password logins; returns the config lines. */
    private static List<String> passwordLogins(Path java, Path etc, int httpsPort, PasswordLogins logins) throws IOException {
        Path keystore = etc.resolve("keystore.p12");
        Files.deleteIfExists(keystore);
        String storePassword = UUID.randomUUID().toString();
        run(List.of(java.resolveSibling("keytool").toString(), "-genkeypair", "-alias", "trino", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "30", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", storePassword), "making Trino's certificate");
        List<String> entries = new ArrayList<>();
        for (Map.Entry<String, String> u : logins.users().entrySet()) {
            entries.add(u.getKey() + ":" + pbkdf2(u.getValue()));
        }
        Path passwords = etc.resolve("password.db");
        Files.write(passwords, entries);
        Files.writeString(etc.resolve("password-authenticator.properties"),
                "password-authenticator.name=file\nfile.password-file=" + passwords.toAbsolutePath() + "\n");
        return List.of(
                "http-server.https.enabled=true",
                "http-server.https.port=" + httpsPort,
                "http-server.https.keystore.path=" + keystore.toAbsolutePath(),
                "http-server.https.keystore.key=" + storePassword,
                "http-server.authentication.type=PASSWORD",
                // plain HTTP keeps taking the user name alone, so tests without passwords share the server
                "http-server.authentication.allow-insecure-over-http=true",
                "internal-communication.shared-secret=" + UUID.randomUUID());
    }

    /** `iterations:salt:hash` in hex, PBKDF2 with HMAC-SHA1: the PBKDF2 form Trino 476's password file checks. */
    static String pbkdf2(String password) {
        try {
            byte[] salt = new byte[16];
            new java.security.SecureRandom().nextBytes(salt);
            int iterations = 1000;
            javax.crypto.SecretKeyFactory f = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1");
            byte[] hash = f.generateSecret(new javax.crypto.spec.PBEKeySpec(password.toCharArray(), salt, iterations, 512)).getEncoded();
            java.util.HexFormat hex = java.util.HexFormat.of();
            return iterations + ":" + hex.formatHex(salt) + ":" + hex.formatHex(hash);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA1 is part of every JDK", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Waits until a query with a table scan answers; a server that exits or stays silent fails naming its log. */
    public void awaitReady(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Properties p = new Properties();
        p.setProperty("user", "lakesh");
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Trino exited during start-up (exit " + process.exitValue() + "): "
                        + lastError() + " (see " + dataDir.resolve("server.log") + ")");
            }
            try (Connection c = DriverManager.getConnection(jdbcUrl(), p);
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(readyProbe)) {
                if (rs.next() && rs.getInt(1) > 0) {
                    return;
                }
            } catch (SQLException e) {
                last = e.getMessage(); // still starting: the server answers 'not ready' or refuses connections
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while Trino starts", e);
            }
        }
        throw new IOException("Trino did not answer within " + timeout.toSeconds() + " s (" + last + "; see "
                + dataDir.resolve("server.log") + ")");
    }

    private String lastError() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("server.log"));
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).contains("ERROR") || lines.get(i).contains("Exception")) {
                    return lines.get(i).strip();
                }
            }
            return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).strip();
        } catch (IOException e) {
            return "no log";
        }
    }

    public int port() {
        return port;
    }

    /** jdbc:trino://127.0.0.1:port */
    public String jdbcUrl() {
        return "jdbc:trino://127.0.0.1:" + port;
    }

    /** http://127.0.0.1:port, as `trino.url` in lakesh.conf takes it. */
    public String httpUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** https://127.0.0.1:port where password logins were set up, else null. */
    public String httpsUrl() {
        return httpsPort == 0 ? null : "https://127.0.0.1:" + httpsPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    public long pid() {
        return process.pid();
    }

    /** Stops the server (a clean shutdown first, then by force). */
    @Override
    public void close() {
        stop(process.toHandle());
    }

    /** Stops a server by its process, as left by a JVM that died before stopping it. */
    public static void stop(ProcessHandle server) {
        server.destroy();
        try {
            server.onExit().get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            server.destroyForcibly();
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Removes a folder and everything in it; nothing there is fine. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
