package io.lakesh.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakesh.testing.HdfsCluster;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * What every benchmark section shares: the options, the frozen copy of lakesh, the scratch `$LAKESH_HOME`,
 * the HDFS, the peers' command lines (FsShell, a plain JVM on the bench class path), running and timing
 * processes and pty sessions, the 50-file listing directories, and the report's formatting helpers.
 */
final class Harness {
    static final long MIB = 1L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    // Options (set by Bench from the command line)
    Path repo = Path.of(".").toAbsolutePath().normalize();
    Path classpathFile;
    Path workRoot;
    int runs = 11;
    int cpRuns = 3;
    int cpDefaultRuns = 2;
    int cpFiles = 1000;
    int rssRuns = 5;
    int lsFiles = 50;
    int scriptRuns = 10;
    int scriptCalls = 1000;
    int fsShellSample = 20;
    int codeRuns = 5;
    int loadRuns = 3;
    int loadRows = 1_000_000;
    int tables = 1000;
    int tableLsRuns = 5;
    boolean keep;

    // State
    Path work;
    Path dist;
    Path launcher;
    Path home;
    Path confDir;
    Path data;
    Path probe;
    Proc proc;
    String java;
    String classpath;
    int classpathJars;
    Path benchClasses;
    HdfsCluster hdfs;
    FileSystem fs;
    String nn;
    Path localLsDir;
    double firstRun;
    long archiveBytes;
    final List<String> problems = new ArrayList<>();

    // ------------------------------------------------------------------------------------------ set-up

    void setUp() throws Exception {
        // A frozen copy of the launcher and the jar: the launcher rebuilds the jar when sources under the repo
        // change, and other people edit the tree while the benchmarks run. Without shell/src beside it, the
        // copied launcher never rebuilds, so every run measures the same build.
        dist = work.resolve("dist");
        Files.createDirectories(dist.resolve("shell/target"));
        launcher = dist.resolve("lakesh");
        Files.copy(repo.resolve("lakesh"), launcher, StandardCopyOption.COPY_ATTRIBUTES);
        launcher.toFile().setExecutable(true);
        copyJar(repo.resolve("shell/target/lakesh.jar"), dist.resolve("shell/target/lakesh.jar"));
        home = work.resolve("home");
        data = Files.createDirectories(work.resolve("data"));

        String javaHome = System.getenv("JAVA_HOME");
        java = javaHome != null && !javaHome.isBlank() ? Path.of(javaHome, "bin", "java").toString() : "java";

        // FsShell from the same Hadoop jars; like a Hadoop installation's etc/hadoop, a configuration
        // directory goes first on its class path (FsShell refuses to start without a core-site.xml there).
        confDir = Files.createDirectories(work.resolve("hadoop-conf"));
        Files.writeString(confDir.resolve("core-site.xml"), "<?xml version=\"1.0\"?>\n<configuration>\n</configuration>\n");
        Files.writeString(confDir.resolve("hdfs-site.xml"), """
                <?xml version="1.0"?>
                <configuration>
                  <property><name>dfs.replication</name><value>2</value></property>
                </configuration>
                """);
        Files.writeString(confDir.resolve("log4j.properties"), """
                log4j.rootLogger=WARN,stderr
                log4j.appender.stderr=org.apache.log4j.ConsoleAppender
                log4j.appender.stderr.Target=System.err
                log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
                log4j.appender.stderr.layout.ConversionPattern=%p %c: %m%n
                """);
        System.setProperty("log4j.configuration", confDir.resolve("log4j.properties").toUri().toString());
        String benchClasspath = Files.readString(classpathFile).trim();
        classpathJars = benchClasspath.split(":").length;
        classpath = confDir + ":" + benchClasspath;
        // The bench module's own classes (io.lakesh.bench.DuckCopy runs as a process of its own).
        benchClasses = Path.of(Harness.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        probe = work.resolve("ptyprobe.py");
        try (InputStream in = Harness.class.getResourceAsStream("ptyprobe.py")) {
            Files.copy(in, probe);
        }

        Map<String, String> env = new LinkedHashMap<>();
        for (String k : List.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "JAVA_HOME", "TMPDIR")) {
            String v = System.getenv(k);
            if (v != null) {
                env.put(k, v);
            }
        }
        env.put("TERM", "xterm-256color");
        env.put("LAKESH_HOME", home.toString());
        proc = new Proc(work.resolve("logs"), work, env);

        log("starting HDFS (MiniDFSCluster, 3 DataNodes, replication 2)");
        long t0 = System.nanoTime();
        hdfs = HdfsCluster.start(work.resolve("hdfs"), 3);
        log(String.format(Locale.ROOT, "HDFS up at %s in %.1f s", hdfs.uri(), (System.nanoTime() - t0) / 1e9));
        fs = hdfs.fs();
        nn = hdfs.uri().toString().replaceAll("/$", "");
        Files.createDirectories(home);
        Files.writeString(home.resolve("lakesh.conf"), "# written by io.lakesh.bench.Bench\n"
                + "mount./hdfs = " + nn + "/\n"
                + "hadoop.dfs.replication = 2\n");
        lsData();
    }

    void close() throws IOException {
        if (fs != null) {
            fs.close();
        }
        if (hdfs != null) {
            hdfs.close();
        }
    }

    /**
     * Copies the jar once it is complete: another build in the same tree (the launcher rebuilds when sources
     * change) may be rewriting it, so wait until it exists, stops changing and opens as a zip.
     */
    private static void copyJar(Path jar, Path to) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (true) {
            if (Files.isRegularFile(jar)) {
                long size = Files.size(jar);
                long mtime = Files.getLastModifiedTime(jar).toMillis();
                Thread.sleep(2000);
                if (Files.isRegularFile(jar) && Files.size(jar) == size && Files.getLastModifiedTime(jar).toMillis() == mtime) {
                    Files.copy(jar, to, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                    try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(to.toFile())) {
                        if (z.getEntry("META-INF/MANIFEST.MF") != null && Files.size(to) == size) {
                            return;
                        }
                    } catch (IOException e) {
                        // half-written: try again
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(jar + " is missing or keeps changing: build first (mvn -q -B -DskipTests install)");
            }
            log("waiting for " + jar + " (another build is writing it)");
            Thread.sleep(3000);
        }
    }

    List<String> lsNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < lsFiles; i++) {
            names.add(String.format(Locale.ROOT, "part-%05d.parquet", i));
        }
        return names;
    }

    /** 50 files of 1 KiB in a local directory and in an HDFS directory; the first lakesh run (makes the archive). */
    private void lsData() throws Exception {
        List<String> names = lsNames();
        localLsDir = Files.createDirectories(data.resolve("ls-local"));
        byte[] kib = new byte[1024];
        new SplittableRandom(1).nextBytes(kib);
        for (String n : names) {
            Files.write(localLsDir.resolve(n), kib);
        }
        org.apache.hadoop.fs.Path hdfsLsDir = new org.apache.hadoop.fs.Path("/bench/ls");
        fs.mkdirs(hdfsLsDir);
        // In parallel: closing an HDFS file waits for the NameNode to see the block, ~0.1 s each here.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (String n : names) {
                futures.add(pool.submit(() -> {
                    try (FSDataOutputStream o = fs.create(new org.apache.hadoop.fs.Path(hdfsLsDir, n), true)) {
                        o.write(kib);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        // First run ever on a fresh $LAKESH_HOME: the launcher makes the AppCDS archive, then runs the command.
        log("first lakesh run (makes the AppCDS archive)");
        firstRun = timedListing("first-run", lakesh("-c", "ls file://" + localLsDir), names).seconds();
        try (Stream<Path> s = Files.list(home.resolve("cds"))) {
            for (Path p : s.toList()) {
                archiveBytes += Files.size(p);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ processes

    List<String> lakesh(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    /** A JVM with its default flags on the bench module's runtime class path (conf dir first), running MAIN. */
    List<String> benchJava(String main, String... args) {
        return javaOn(classpath, main, args);
    }

    /** The same, with the bench module's own classes last on the class path (for io.lakesh.bench mains). */
    List<String> benchMain(Class<?> main, String... args) {
        return javaOn(classpath + ":" + benchClasses, main.getName(), args);
    }

    /**
     * The DuckDB peer running one statement once; the statement goes in a file next to {@code out}, since a list of
     * 1,000 paths is longer than one argument may be (128 KiB).
     */
    List<String> duckOnce(Path out, String name, String sql) throws IOException {
        Path statement = Files.writeString(out.resolve(name + ".sql"), sql);
        return benchMain(DuckQuery.class, "1", "@" + statement);
    }

    private List<String> javaOn(String cp, String main, String... args) {
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", cp, "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", main));
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    List<String> fsShell(String... args) {
        return benchJava("org.apache.hadoop.fs.FsShell", args);
    }

    Proc.Result run(String tag, List<String> cmd, Duration timeout) throws Exception {
        return proc.run(tag, cmd, Map.of(), timeout);
    }

    /** A run that must exit 0. */
    Proc.Result mustRun(String tag, List<String> cmd, Duration timeout) throws Exception {
        Proc.Result r = run(tag, cmd, timeout);
        if (r.exit() != 0) {
            throw new IllegalStateException(tag + " exited with " + r.exit() + ":\n" + r.errTail());
        }
        return r;
    }

    /** A run that must succeed and list every expected name. */
    Proc.Result timedListing(String tag, List<String> cmd, List<String> names) throws Exception {
        Proc.Result r = mustRun(tag, cmd, Duration.ofSeconds(120));
        String text = r.stdout();
        long missing = names.stream().filter(n -> !text.contains(n)).count();
        if (missing > 0) {
            throw new IllegalStateException(tag + ": " + missing + " of " + names.size() + " names missing in its output ("
                    + r.out() + ")");
        }
        return r;
    }

    /** Runs ./lakesh on a pseudo-terminal through ptyprobe.py; returns its JSON report. */
    JsonNode probe(String tag, Map<String, String> extraEnv, Double rssAfter, List<String> sends) throws Exception {
        return probe(tag, extraEnv, rssAfter, sends, 40);
    }

    JsonNode probe(String tag, Map<String, String> extraEnv, Double rssAfter, List<String> sends, int rows)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of("python3", probe.toString(), "--prompt", "lakesh:/", "--timeout", "60",
                "--rows", String.valueOf(rows), "--cols", "120",
                "--transcript", work.resolve("logs").resolve(tag + ".tty").toString()));
        if (rssAfter != null) {
            cmd.add("--rss-after");
            cmd.add(String.valueOf(rssAfter));
        }
        for (String s : sends) {
            cmd.add("--send");
            cmd.add(s);
        }
        cmd.add("--");
        cmd.add(launcher.toString());
        Proc.Result r = proc.run(tag, cmd, extraEnv, Duration.ofSeconds(300));
        JsonNode node;
        try {
            node = JSON.readTree(r.stdout());
        } catch (IOException e) {
            throw new IllegalStateException(tag + ": ptyprobe printed no report (exit " + r.exit() + "):\n" + r.errTail());
        }
        if (node == null || !node.has("prompt_ms")) {
            throw new IllegalStateException(tag + ": no prompt: " + node + " (transcript in "
                    + work.resolve("logs").resolve(tag + ".tty") + ")");
        }
        if (node.path("exit_status").asInt(-1) != 0 || node.path("killed").asBoolean(false)) {
            problems.add(tag + ": lakesh did not leave cleanly on 'exit': " + node);
        }
        return node;
    }

    // ------------------------------------------------------------------------------------------ machine load

    private static double maxLoad;

    static double maxLoad() {
        return maxLoad;
    }

    /** The 1-, 5- and 15-minute load averages: other work on the machine shows here. */
    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            maxLoad = Math.max(maxLoad, Double.parseDouble(f[0]));
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    static void loadLine(StringBuilder b, String before) {
        b.append("- Load average (1/5/15 min) before: ").append(before).append("; after: ").append(load())
                .append(" (").append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs; the benchmark itself accounts for about 1).\n");
    }

    // ------------------------------------------------------------------------------------------ formatting

    /** A table row: median and min–max of the samples, scaled, formatted as "%.0f ms" style (number, space, unit). */
    static void row(StringBuilder b, String store, String what, Samples s, double scale, String fmt) {
        String num = fmt.substring(0, fmt.indexOf(' '));
        String unit = fmt.substring(fmt.indexOf(' ') + 1);
        b.append("| ");
        if (store != null) {
            b.append(store).append(" | ");
        }
        b.append(what).append(" | ").append(s.size()).append(" | ")
                .append(String.format(Locale.ROOT, fmt, s.median() * scale)).append(" | ")
                .append(String.format(Locale.ROOT, num + "–" + num + " " + unit, s.min() * scale, s.max() * scale))
                .append(" |\n");
    }

    static void cpuRow(StringBuilder b, String store, String what, Series s) {
        b.append(String.format(Locale.ROOT, "| %s | %s | %d | %.0f ms | %.0f–%.0f ms | %.2f s |%n", store, what, s.wall().size(),
                s.wall().median() * 1000, s.wall().min() * 1000, s.wall().max() * 1000, s.cpu().median()));
    }

    static String ms(double seconds) {
        return String.format(Locale.ROOT, "%.0f ms", seconds * 1000);
    }

    static String secs(double seconds) {
        return String.format(Locale.ROOT, "%.2f s", seconds);
    }

    static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2f×", r);
    }

    static String met(boolean met) {
        return met ? "met" : "**not met**";
    }

    static void log(String msg) {
        System.err.println("[bench] " + msg);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
