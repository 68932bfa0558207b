package io.lakesh.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakesh.testing.HdfsCluster;
import org.apache.hadoop.fs.ContentSummary;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.VersionInfo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
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
 * The benchmark harness: lakesh against Hadoop's FsShell (from the same Hadoop jars), side by side on one
 * machine and one HDFS (MiniDFSCluster via {@link HdfsCluster}, 3 DataNodes, replication 2), runs interleaved,
 * each run a fresh process unless said otherwise. Writes BENCHMARKS.md itself.
 *
 * <pre>
 * java -cp bench/target/classes:$(cat bench-classpath) io.lakesh.bench.Bench --repo . --classpath-file bench-classpath
 * </pre>
 * (bench/run.sh does the build and the class path.)
 */
public final class Bench {
    private static final long MIB = 1L << 20;
    private static final List<String> FORBIDDEN_BEFORE_PROMPT =
            List.of("org.apache.hadoop", "groovy", "org.apache.iceberg", "org.duckdb", "io.trino");
    private static final ObjectMapper JSON = new ObjectMapper();

    // Options
    private Path repo = Path.of(".").toAbsolutePath().normalize();
    private Path classpathFile;
    private Path out;
    private Path workRoot;
    private int runs = 11;
    private int cpRuns = 3;
    private int cpDefaultRuns = 2;
    private int cpFiles = 1000;
    private int rssRuns = 5;
    private int lsFiles = 50;
    private boolean keep;
    private List<String> only = List.of("ls", "prompt", "rss", "cp");

    // State
    private Path work;
    private Path dist;
    private Path launcher;
    private Path home;
    private Path confDir;
    private Path data;
    private Path probe;
    private Proc proc;
    private String java;
    private String classpath;
    private int classpathJars;
    private HdfsCluster hdfs;
    private FileSystem fs;
    private String nn;
    private String commit;
    private long changedFiles;

    // Report
    private final List<String[]> summary = new ArrayList<>();
    private final StringBuilder body = new StringBuilder();
    private final List<String> problems = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        // The harness JVM hosts the HDFS: keep its logs to warnings and errors.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        Bench b = new Bench();
        b.parse(args);
        int status = b.run();
        System.exit(status);
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--repo" -> { repo = Path.of(v).toAbsolutePath().normalize(); i++; }
                case "--classpath-file" -> { classpathFile = Path.of(v).toAbsolutePath(); i++; }
                case "--out" -> { out = Path.of(v).toAbsolutePath(); i++; }
                case "--work" -> { workRoot = Path.of(v).toAbsolutePath(); i++; }
                case "--runs" -> { runs = Integer.parseInt(v); i++; }
                case "--cp-runs" -> { cpRuns = Integer.parseInt(v); i++; }
                case "--cp-default-runs" -> { cpDefaultRuns = Integer.parseInt(v); i++; }
                case "--cp-files" -> { cpFiles = Integer.parseInt(v); i++; }
                case "--rss-runs" -> { rssRuns = Integer.parseInt(v); i++; }
                case "--keep" -> keep = true;
                case "--only" -> { only = List.of(v.split(",")); i++; }
                default -> {
                    System.err.println("""
                            usage: Bench --classpath-file FILE [--repo DIR] [--out FILE] [--work DIR]
                                         [--runs N] [--cp-runs N] [--cp-default-runs N] [--cp-files N] [--rss-runs N] [--keep]
                                         [--only ls,prompt,rss,cp]""");
                    System.exit(2);
                }
            }
        }
        if (classpathFile == null) {
            System.err.println("Bench: --classpath-file (the bench module's runtime class path, for FsShell) is required");
            System.exit(2);
        }
        if (out == null) {
            out = repo.resolve("BENCHMARKS.md");
        }
    }

    private int run() throws Exception {
        ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
        work = workRoot != null ? Files.createDirectories(workRoot)
                : Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "lakesh-bench-");
        log("work directory " + work);
        try {
            phase("set-up", this::setUp);
            if (only.contains("ls")) {
                phase("ls", this::lsBenchmarks);
            }
            if (only.contains("prompt")) {
                phase("prompt", this::promptBenchmark);
            }
            if (only.contains("rss")) {
                phase("rss", this::rssBenchmark);
            }
            if (only.contains("cp")) {
                phase("cp", this::cpBenchmark);
            }
        } finally {
            if (fs != null) {
                fs.close();
            }
            if (hdfs != null) {
                hdfs.close();
            }
        }
        String report = report(started);
        Files.writeString(out, report, StandardCharsets.UTF_8);
        log("wrote " + out);
        if (!keep) {
            deleteTree(work);
        }
        return problems.isEmpty() ? 0 : 1;
    }

    private interface Step {
        void run() throws Exception;
    }

    private void phase(String name, Step step) throws Exception {
        long t0 = System.nanoTime();
        step.run();
        log(String.format(Locale.ROOT, "%s done in %.0f s", name, (System.nanoTime() - t0) / 1e9));
    }

    // ------------------------------------------------------------------------------------------ set-up

    private void setUp() throws Exception {
        // A frozen copy of the launcher and the jar: the launcher rebuilds the jar when sources under the repo
        // change, and other people edit the tree while the benchmarks run. Without shell/src beside it, the
        // copied launcher never rebuilds, so every run measures the same build.
        dist = work.resolve("dist");
        Files.createDirectories(dist.resolve("shell/target"));
        launcher = dist.resolve("lakesh");
        Files.copy(repo.resolve("lakesh"), launcher, StandardCopyOption.COPY_ATTRIBUTES);
        launcher.toFile().setExecutable(true);
        copyJar(repo.resolve("shell/target/lakesh.jar"), dist.resolve("shell/target/lakesh.jar"));
        commit = Proc.capture(repo, "git", "rev-parse", "--short", "HEAD");
        String dirty = Proc.capture(repo, "git", "status", "--porcelain");
        changedFiles = dirty.isBlank() ? 0 : dirty.lines().count();
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

        probe = work.resolve("ptyprobe.py");
        try (InputStream in = Bench.class.getResourceAsStream("ptyprobe.py")) {
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

    private List<String> lakesh(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    private List<String> fsShell(String... args) {
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", classpath,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", "org.apache.hadoop.fs.FsShell"));
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    private Proc.Result run(String tag, List<String> cmd, Duration timeout) throws Exception {
        return proc.run(tag, cmd, Map.of(), timeout);
    }

    /** A run that must succeed and list every expected name. */
    private Proc.Result timedListing(String tag, List<String> cmd, List<String> names) throws Exception {
        Proc.Result r = run(tag, cmd, Duration.ofSeconds(120));
        if (r.exit() != 0) {
            throw new IllegalStateException(tag + " exited with " + r.exit() + ":\n" + r.errTail());
        }
        String text = r.stdout();
        long missing = names.stream().filter(n -> !text.contains(n)).count();
        if (missing > 0) {
            throw new IllegalStateException(tag + ": " + missing + " of " + names.size() + " names missing in its output ("
                    + r.out() + ")");
        }
        return r;
    }

    /** Wall and CPU times of the runs of one command. */
    private record Series(Samples wall, Samples cpu, Samples hdfsCpu) {
        Series() {
            this(new Samples(), new Samples(), new Samples());
        }

        void add(Proc.Result r) {
            wall.add(r.seconds());
            cpu.add(r.cpu());
            hdfsCpu.add(r.selfCpu());
        }
    }

    // ------------------------------------------------------------------------------------------ 1. ls

    private List<String> lsNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < lsFiles; i++) {
            names.add(String.format(Locale.ROOT, "part-%05d.parquet", i));
        }
        return names;
    }

    private Path localLsDir;

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

    private double firstRun;
    private long archiveBytes;

    private static double maxLoad;

    /** The 1-, 5- and 15-minute load averages: other work on the machine shows here. */
    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            maxLoad = Math.max(maxLoad, Double.parseDouble(f[0]));
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void loadLine(StringBuilder b, String before) {
        b.append("- Load average (1/5/15 min) before: ").append(before).append("; after: ").append(load())
                .append(" (").append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs; the benchmark itself accounts for about 1).\n");
    }

    private void lsBenchmarks() throws Exception {
        String loadBefore = load();
        List<String> names = lsNames();
        String localUri = "file://" + localLsDir;
        String hdfsUri = nn + "/bench/ls";

        // Untimed warm-ups: one of each command (disk cache of the jars, the HDFS path).
        timedListing("warmup-lakesh-hdfs", lakesh("-c", "ls /hdfs/bench/ls"), names);
        timedListing("warmup-fsshell-local", fsShell("-ls", localUri), names);
        timedListing("warmup-fsshell-hdfs", fsShell("-ls", hdfsUri), names);

        Series lakeLocal = new Series();
        Series shellLocal = new Series();
        Series lakeHdfs = new Series();
        Series shellHdfs = new Series();
        for (int i = 0; i < runs; i++) {
            log("ls run " + (i + 1) + "/" + runs);
            // Alternate who goes first, so neither always follows the other.
            if (i % 2 == 0) {
                lakeLocal.add(timedListing("ls-local-lakesh-" + i, lakesh("-c", "ls " + localUri), names));
                shellLocal.add(timedListing("ls-local-fsshell-" + i, fsShell("-ls", localUri), names));
                lakeHdfs.add(timedListing("ls-hdfs-lakesh-" + i, lakesh("-c", "ls /hdfs/bench/ls"), names));
                shellHdfs.add(timedListing("ls-hdfs-fsshell-" + i, fsShell("-ls", hdfsUri), names));
            } else {
                shellLocal.add(timedListing("ls-local-fsshell-" + i, fsShell("-ls", localUri), names));
                lakeLocal.add(timedListing("ls-local-lakesh-" + i, lakesh("-c", "ls " + localUri), names));
                shellHdfs.add(timedListing("ls-hdfs-fsshell-" + i, fsShell("-ls", hdfsUri), names));
                lakeHdfs.add(timedListing("ls-hdfs-lakesh-" + i, lakesh("-c", "ls /hdfs/bench/ls"), names));
            }
        }

        // Warm: the same listings typed into one interactive session, timed from Enter to the next prompt.
        log("ls in one interactive session (warm)");
        List<String> sends = new ArrayList<>();
        for (int i = 0; i <= runs; i++) {
            sends.add("ls " + localUri);
        }
        for (int i = 0; i <= runs; i++) {
            sends.add("ls /hdfs/bench/ls");
        }
        // 100 rows: the 50-line listings fit, so no pager stops them.
        JsonNode session = probe("ls-session", Map.of(), null, sends, 100);
        Samples warmLocal = new Samples();
        Samples warmHdfs = new Samples();
        double firstLocal = Double.NaN;
        double firstHdfs = Double.NaN;
        JsonNode cmds = session.path("commands");
        for (int i = 0; i < cmds.size(); i++) {
            double s = cmds.get(i).path("ms").asDouble() / 1000;
            boolean local = i <= runs;
            int k = local ? i : i - runs - 1;
            if (k == 0) {
                if (local) {
                    firstLocal = s;
                } else {
                    firstHdfs = s;
                }
            } else {
                (local ? warmLocal : warmHdfs).add(s);
            }
        }
        if (cmds.size() != sends.size()) {
            problems.add("interactive ls session: only " + cmds.size() + " of " + sends.size() + " commands completed: "
                    + session.path("error").asText());
        }

        double goal = 0.4;
        StringBuilder b = body;
        b.append("## 1. `ls` of a directory with ").append(lsFiles).append(" files\n\n");
        b.append("Goal: `lakesh -c 'ls <dir>'` takes ≤ ").append(goal).append("× the wall time of Hadoop's `FsShell -ls <dir>`. ")
                .append("Cold: every run is a fresh process, timed from spawn to exit by the harness; the ")
                .append(runs).append(" lakesh and ").append(runs)
                .append(" FsShell runs alternate (lakesh first on even runs, FsShell first on odd ones). ")
                .append("Every run's output was checked to name all ").append(lsFiles).append(" files. ")
                .append("CPU: user + system time of the process (a JVM uses several threads, so it can exceed the wall time).\n\n");
        b.append("| Store | Command | Runs | Median | Min–max | CPU, median (user+sys) |\n|---|---|---:|---:|---:|---:|\n");
        cpuRow(b, "local", "`./lakesh -c 'ls file:///…/ls-local'`", lakeLocal);
        cpuRow(b, "local", "`FsShell -ls file:///…/ls-local`", shellLocal);
        cpuRow(b, "HDFS", "`./lakesh -c 'ls /hdfs/bench/ls'` (mount in lakesh.conf)", lakeHdfs);
        cpuRow(b, "HDFS", "`FsShell -ls hdfs://127.0.0.1:PORT/bench/ls`", shellHdfs);
        b.append('\n');
        double rLocal = lakeLocal.wall().median() / shellLocal.wall().median();
        double rHdfs = lakeHdfs.wall().median() / shellHdfs.wall().median();
        b.append(String.format(Locale.ROOT, "- Ratio (median lakesh / median FsShell): local **%.2f×**, HDFS **%.2f×** "
                + "(goal ≤ %.2f×): local %s, HDFS %s.%n", rLocal, rHdfs, goal, met(rLocal <= goal), met(rHdfs <= goal)));
        b.append(String.format(Locale.ROOT, "- Worst case (slowest lakesh run / fastest FsShell run): local %.2f×, HDFS %.2f×.%n",
                lakeLocal.wall().max() / shellLocal.wall().min(), lakeHdfs.wall().max() / shellHdfs.wall().min()));
        b.append(String.format(Locale.ROOT, "- First lakesh run on a fresh `$LAKESH_HOME` (the launcher makes its AppCDS "
                + "archive, %.0f MiB, then runs `ls`): %.2f s — once per jar build and JVM, not counted above.%n",
                archiveBytes / (double) MIB, firstRun));
        b.append("- Raw runs (ms), in order: lakesh local ").append(lakeLocal.wall().all(1000, "%.0f"))
                .append("; FsShell local ").append(shellLocal.wall().all(1000, "%.0f"))
                .append("; lakesh HDFS ").append(lakeHdfs.wall().all(1000, "%.0f"))
                .append("; FsShell HDFS ").append(shellHdfs.wall().all(1000, "%.0f")).append(".\n\n");
        b.append("Warm (in one interactive session, through a pseudo-terminal: from Enter to the next prompt; ")
                .append("FsShell has no session, so there is no peer figure):\n\n");
        b.append("| Store | Command | Runs | Median | Min–max |\n|---|---|---:|---:|---:|\n");
        b.append(String.format(Locale.ROOT, "| local | first `ls` in the session | 1 | %.0f ms | — |%n", firstLocal * 1000));
        row(b, "local", "`ls` again (warm)", warmLocal, 1000, "%.0f ms");
        b.append(String.format(Locale.ROOT, "| HDFS | first `ls /hdfs/…` in the session (loads the Hadoop client) | 1 | %.0f ms | — |%n",
                firstHdfs * 1000));
        row(b, "HDFS", "`ls /hdfs/…` again (warm)", warmHdfs, 1000, "%.0f ms");
        b.append('\n');
        loadLine(b, loadBefore);
        b.append('\n');

        summary.add(new String[] {"`ls` 50 files, local (cold)", "≤ 0.40× FsShell",
                ms(lakeLocal.wall().median()), ms(shellLocal.wall().median()), ratio(rLocal), met(rLocal <= goal)});
        summary.add(new String[] {"`ls` 50 files, HDFS (cold)", "≤ 0.40× FsShell",
                ms(lakeHdfs.wall().median()), ms(shellHdfs.wall().median()), ratio(rHdfs), met(rHdfs <= goal)});
        summary.add(new String[] {"`ls` 50 files, local / HDFS (warm, in session)", "—",
                ms(warmLocal.median()) + " / " + ms(warmHdfs.median()), "—", "—", "—"});
    }

    // ------------------------------------------------------------------------------------------ 2. prompt

    private void promptBenchmark() throws Exception {
        String loadBefore = load();
        String localUri = "file://" + localLsDir;
        List<String> names = lsNames();
        Samples prompt = new Samples();
        Samples shell = new Samples();
        probe("prompt-warmup", Map.of(), null, List.of());
        for (int i = 0; i < runs; i++) {
            log("prompt run " + (i + 1) + "/" + runs);
            if (i % 2 == 0) {
                prompt.add(probe("prompt-" + i, Map.of(), null, List.of()).path("prompt_ms").asDouble() / 1000);
                shell.add(timedListing("prompt-fsshell-" + i, fsShell("-ls", localUri), names).seconds());
            } else {
                shell.add(timedListing("prompt-fsshell-" + i, fsShell("-ls", localUri), names).seconds());
                prompt.add(probe("prompt-" + i, Map.of(), null, List.of()).path("prompt_ms").asDouble() / 1000);
            }
        }
        // Which classes load before the first prompt.
        Path classLog = work.resolve("class-load.log");
        probe("prompt-classload", Map.of("LAKESH_JAVA_OPTS", "-Xlog:class+load:file=" + classLog), null, List.of());
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, List<String>> examples = new LinkedHashMap<>();
        FORBIDDEN_BEFORE_PROMPT.forEach(p -> counts.put(p, 0));
        int total = 0;
        int shared = 0;
        for (String line : Files.readAllLines(classLog)) {
            // [0.012s][info][class,load] java.lang.Object source: shared objects file
            int tag = line.indexOf("] ");
            if (!line.contains("[class,load]") || tag < 0) {
                continue;
            }
            String rest = line.substring(line.lastIndexOf("[class,load] ") + "[class,load] ".length());
            String cls = rest.split(" ", 2)[0];
            total++;
            if (rest.contains("shared objects file")) {
                shared++;
            }
            for (String p : FORBIDDEN_BEFORE_PROMPT) {
                if (cls.contains(p)) {
                    counts.merge(p, 1, Integer::sum);
                    List<String> ex = examples.computeIfAbsent(p, k -> new ArrayList<>());
                    if (ex.size() < 5) {
                        ex.add(cls);
                    }
                }
            }
        }
        int forbidden = counts.values().stream().mapToInt(Integer::intValue).sum();
        if (forbidden > 0) {
            problems.add(forbidden + " Hadoop/Groovy/Iceberg/DuckDB/Trino classes load before the first prompt: " + examples);
        }

        double goal = 0.35;
        double r = prompt.median() / shell.median();
        StringBuilder b = body;
        b.append("## 2. Start to the first prompt\n\n");
        b.append("Goal: `./lakesh` (no arguments) shows its prompt in ≤ ").append(goal)
                .append("× the wall time of a whole `FsShell -ls` (of the local 50-file directory). ")
                .append("lakesh runs on a pseudo-terminal (120×40, python3's `pty`, `bench`'s `ptyprobe.py`); the time runs from ")
                .append("spawning the launcher to the first appearance of the prompt text `lakesh:/` (ANSI escapes removed), ")
                .append("then `exit` is typed. Cold: a fresh process per run, the AppCDS archive made beforehand. ")
                .append(runs).append(" runs of each, alternating.\n\n");
        b.append("| What | Runs | Median | Min–max |\n|---|---:|---:|---:|\n");
        row(b, null, "`./lakesh` to the prompt", prompt, 1000, "%.0f ms");
        row(b, null, "`FsShell -ls file:///…/ls-local` (whole process)", shell, 1000, "%.0f ms");
        b.append('\n');
        b.append(String.format(Locale.ROOT, "- Ratio: **%.2f×** (goal ≤ %.2f×): %s.%n", r, goal, met(r <= goal)));
        b.append("- Raw runs (ms): lakesh ").append(prompt.all(1000, "%.0f"))
                .append("; FsShell ").append(shell.all(1000, "%.0f")).append(".\n\n");
        b.append("Classes loaded before the first prompt (one more run with `LAKESH_JAVA_OPTS='-Xlog:class+load:file=…'`, ")
                .append("the prompt reached, then `exit`; the log covers the whole run, so it is an upper bound):\n\n");
        b.append("| Class names containing | Classes | Expected |\n|---|---:|---:|\n");
        counts.forEach((p, n) -> b.append("| `").append(p).append("` | ").append(n).append(" | 0 |\n"));
        b.append(String.format(Locale.ROOT, "%n- All classes loaded: %d, of which %d from the AppCDS/CDS archive.%n", total, shared));
        if (forbidden > 0) {
            b.append("- Examples: ").append(examples).append('\n');
        }
        loadLine(b, loadBefore);
        b.append('\n');

        summary.add(new String[] {"Start to first prompt (cold)", "≤ 0.35× FsShell `-ls`",
                ms(prompt.median()), ms(shell.median()), ratio(r), met(r <= goal)});
        summary.add(new String[] {"Hadoop/Groovy/Iceberg/DuckDB/Trino classes before the prompt", "0",
                String.valueOf(forbidden), "—", "—", met(forbidden == 0)});
    }

    /** Runs ./lakesh on a pseudo-terminal through ptyprobe.py; returns its JSON report. */
    private JsonNode probe(String tag, Map<String, String> extraEnv, Double rssAfter, List<String> sends) throws Exception {
        return probe(tag, extraEnv, rssAfter, sends, 40);
    }

    private JsonNode probe(String tag, Map<String, String> extraEnv, Double rssAfter, List<String> sends, int rows)
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

    // ------------------------------------------------------------------------------------------ 4. RSS

    private void rssBenchmark() throws Exception {
        String loadBefore = load();
        Samples rss = new Samples();
        String comm = "?";
        for (int i = 0; i < rssRuns; i++) {
            log("RSS run " + (i + 1) + "/" + rssRuns);
            JsonNode n = probe("rss-" + i, Map.of(), 2.0, List.of());
            if (!n.has("rss_kb")) {
                throw new IllegalStateException("rss-" + i + ": no VmRSS: " + n);
            }
            rss.add(n.path("rss_kb").asDouble() * 1024);
            comm = n.path("comm").asText("?");
        }
        if (!"java".equals(comm)) {
            problems.add("RSS: the pty child is '" + comm + "', not java: the figure is not the JVM's");
        }
        double goalMiB = 150;
        double medMiB = rss.median() / MIB;
        boolean metMiB = medMiB <= goalMiB;
        boolean metMB = rss.median() / 1e6 <= goalMiB;
        rssSection.append("## 4. Resident memory of an idle interactive shell\n\n");
        rssSection.append("Goal: ≤ 150 MB. `./lakesh` on a pseudo-terminal, the prompt reached, 2 s idle, then `VmRSS` of the ")
                .append("pty child read from `/proc/<pid>/status` (the launcher `exec`s java, so the child is the JVM: ")
                .append("its `/proc/<pid>/comm` read `").append(comm).append("`). Fresh process per run.\n\n");
        rssSection.append("| What | Runs | Median | Min–max |\n|---|---:|---:|---:|\n");
        row(rssSection, null, "VmRSS, idle at the prompt", rss, 1.0 / MIB, "%.1f MiB");
        rssSection.append('\n');
        rssSection.append(String.format(Locale.ROOT, "- Median %.1f MiB = %.1f MB (10⁶ bytes): %s%s.%n%n", medMiB,
                rss.median() / 1e6, met(metMiB), metMiB == metMB ? "" : " in MiB, " + met(metMB) + " in 10⁶-byte MB"));
        rssSection.setLength(rssSection.length() - 1);
        loadLine(rssSection, loadBefore);
        rssSection.append('\n');
        summary.add(new String[] {"Idle interactive shell, RSS", "≤ 150 MB",
                String.format(Locale.ROOT, "%.1f MiB", medMiB), "—", "—", met(metMiB && metMB)});
    }

    private final StringBuilder rssSection = new StringBuilder();
    private final StringBuilder cpSection = new StringBuilder();

    // ------------------------------------------------------------------------------------------ 3. cp

    private void cpBenchmark() throws Exception {
        String loadBefore = load();
        Path src = Files.createDirectories(data.resolve("cp-src"));
        log("writing " + cpFiles + " files of 1 MiB to " + src);
        SplittableRandom rnd = new SplittableRandom(42);
        byte[] buf = new byte[(int) MIB];
        for (int i = 0; i < cpFiles; i++) {
            rnd.nextBytes(buf);
            Files.write(src.resolve(String.format(Locale.ROOT, "file-%04d.bin", i)), buf);
        }
        Proc.capture(work, "sync");
        fs.mkdirs(new org.apache.hadoop.fs.Path("/bench/cp"));
        String srcUri = "file://" + src;
        long expectBytes = cpFiles * MIB;

        String[] labels = {"lakesh `cp` (-t 8, its default)", "FsShell `-put` (default, 1 thread)", "FsShell `-put -t 4`"};
        Series[] series = {new Series(), new Series(), new Series()};
        List<String> checks = new ArrayList<>();
        int rounds = Math.max(cpRuns, cpDefaultRuns);
        for (int i = 0; i < rounds; i++) {
            for (int j = 0; j < 3; j++) {
                int who = (i + j) % 3; // rotate the order
                if (i >= (who == 1 ? cpDefaultRuns : cpRuns)) {
                    continue;
                }
                String target = "/bench/cp/" + (who == 0 ? "lakesh-" : who == 1 ? "put-" : "put4-") + i;
                List<String> cmd = switch (who) {
                    case 0 -> lakesh("-c", "cp " + srcUri + " /hdfs" + target);
                    case 1 -> fsShell("-put", src.toString(), nn + target);
                    default -> fsShell("-put", "-t", "4", src.toString(), nn + target);
                };
                log("cp run " + (i + 1) + "/" + (who == 1 ? cpDefaultRuns : cpRuns) + ": " + labels[who]);
                Proc.Result r = run("cp-" + who + "-" + i, cmd, Duration.ofMinutes(10));
                if (r.exit() != 0) {
                    throw new IllegalStateException("cp-" + who + "-" + i + " exited with " + r.exit() + ":\n" + r.errTail());
                }
                org.apache.hadoop.fs.Path t = new org.apache.hadoop.fs.Path(target);
                ContentSummary cs = fs.getContentSummary(t);
                FileStatus[] listed = fs.listStatus(t);
                int minRep = Integer.MAX_VALUE;
                int maxRep = 0;
                for (FileStatus st : listed) {
                    minRep = Math.min(minRep, st.getReplication());
                    maxRep = Math.max(maxRep, st.getReplication());
                }
                String check = String.format(Locale.ROOT, "%s run %d: %d files, %d bytes, replication %d–%d",
                        labels[who], i + 1, cs.getFileCount(), cs.getLength(), minRep, maxRep);
                if (cs.getFileCount() != cpFiles || cs.getLength() != expectBytes || minRep != 2 || maxRep != 2) {
                    problems.add("cp target check failed: " + check);
                    checks.add(check + " **(unexpected)**");
                }
                series[who].add(r);
                fs.delete(t, true);
                // Let the DataNodes drop the blocks and the kernel write back, so the next run starts alike.
                Thread.sleep(2000);
                Proc.capture(work, "sync");
            }
        }
        Samples[] samples = {series[0].wall(), series[1].wall(), series[2].wall()};
        double goal = 0.5;
        double rDefault = samples[0].median() / samples[1].median();
        double rBest = samples[0].median() / samples[2].median();
        double mib = cpFiles * MIB / (double) MIB;
        StringBuilder b = cpSection;
        b.append("## 3. `cp` of ").append(String.format(Locale.ROOT, "%,d", cpFiles)).append(" files of 1 MiB, local → HDFS\n\n");
        b.append("Goal: ≥ 2× FsShell's throughput, i.e. lakesh's time ≤ ").append(goal)
                .append("× FsShell `-put`'s (default settings); FsShell `-put -t 4` (its best setting) shown beside it. ")
                .append("Source: ").append(cpFiles).append(" files of 1 MiB random bytes on the local disk (in the page cache). ")
                .append("Target: a new directory on the MiniDFSCluster (3 DataNodes, replication 2, same machine). ")
                .append(cpRuns).append(" runs of lakesh and of `-put -t 4`, ").append(cpDefaultRuns)
                .append(" of the much slower `-put` (to keep the whole benchmark near 10 minutes; its ratio is far from the goal), ")
                .append("order rotated; after every run the target was checked (file count, ")
                .append("bytes, replication of every file) and deleted, then 2 s pause and `sync`. CPU columns: user + system ")
                .append("time of the client process (lakesh or FsShell) and of the harness JVM that hosts the NameNode and ")
                .append("DataNodes, during the run; the machine has 2 CPUs, so client and HDFS compete for them.\n\n");
        b.append("| Command | Runs | Median | Min–max | Throughput (median) | CPU of the client, median | CPU of the HDFS JVM, median |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|\n");
        String[] cmds = {
                "`./lakesh -c 'cp file:///…/cp-src /hdfs/bench/cp/lakesh-N'`",
                "`FsShell -put …/cp-src hdfs://…/bench/cp/put-N`",
                "`FsShell -put -t 4 …/cp-src hdfs://…/bench/cp/put4-N`"};
        for (int k = 0; k < 3; k++) {
            b.append(String.format(Locale.ROOT, "| %s<br>%s | %d | %.2f s | %.2f–%.2f s | %.1f MiB/s | %.1f s | %.1f s |%n",
                    labels[k], cmds[k], samples[k].size(), samples[k].median(), samples[k].min(), samples[k].max(),
                    mib / samples[k].median(), series[k].cpu().median(), series[k].hdfsCpu().median()));
        }
        b.append('\n');
        b.append(String.format(Locale.ROOT, "- lakesh time / FsShell `-put` time: **%.2f×** (throughput %.2f×; goal ≤ %.2f×, "
                + "i.e. ≥ 2× throughput): %s.%n", rDefault, 1 / rDefault, goal, met(rDefault <= goal)));
        b.append(String.format(Locale.ROOT, "- lakesh time / FsShell `-put -t 4` time: %.2f× (throughput %.2f×).%n", rBest, 1 / rBest));
        b.append("- Raw runs (s): lakesh ").append(samples[0].all(1, "%.2f"))
                .append("; `-put` ").append(samples[1].all(1, "%.2f"))
                .append("; `-put -t 4` ").append(samples[2].all(1, "%.2f")).append(".\n");
        if (checks.isEmpty()) {
            b.append("- Every target held ").append(cpFiles).append(" files, ").append(expectBytes)
                    .append(" bytes, all with replication 2.\n");
        } else {
            checks.forEach(c -> b.append("- ").append(c).append('\n'));
        }
        loadLine(b, loadBefore);
        b.append('\n');
        summary.add(new String[] {String.format(Locale.ROOT, "`cp` %,d × 1 MiB local → HDFS (cold)", cpFiles), "≤ 0.50× FsShell `-put` time",
                String.format(Locale.ROOT, "%.2f s", samples[0].median()),
                String.format(Locale.ROOT, "%.2f s (`-t 4`: %.2f s)", samples[1].median(), samples[2].median()),
                ratio(rDefault) + " (vs `-t 4`: " + ratio(rBest) + ")", met(rDefault <= goal)});
    }

    // ------------------------------------------------------------------------------------------ report

    private String report(ZonedDateTime started) throws IOException {
        String head = commit == null ? "" : commit;
        long changed = changedFiles;
        String javaVersion = Proc.capture(work, java, "-version").lines().findFirst().orElse("?");
        String javaRuntime = Proc.capture(work, java, "-version").lines().skip(1).findFirst().orElse("");
        String cpu = "?";
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                cpu = line.substring(line.indexOf(':') + 1).trim();
                break;
            }
        }
        long memKb = 0;
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                memKb = Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        String nproc = Proc.capture(work, "nproc");
        String kernel = Proc.capture(work, "uname", "-sr");
        long jarBytes = Files.size(dist.resolve("shell/target/lakesh.jar"));

        StringBuilder r = new StringBuilder();
        r.append("# lakesh benchmarks\n\n");
        r.append("Written by `bench/run.sh` (`io.lakesh.bench.Bench`); do not edit by hand, run it again. ")
                .append("lakesh is measured against Hadoop's own `FsShell` (the `hadoop fs` command) from the same Hadoop jars, ")
                .append("side by side in one run on one machine and one HDFS.\n\n");
        r.append("- Date: ").append(started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))).append('\n');
        r.append("- Commit: `").append(head.isBlank() ? "?" : head).append('`');
        if (changed > 0) {
            r.append(" — the working tree had uncommitted changes in ").append(changed)
                    .append(" files or directories (modified or new) when the benchmark started; the figures are for that tree");
        }
        r.append('\n');
        r.append(String.format(Locale.ROOT, "- Machine: %s CPUs (nproc), %.1f GiB memory, %s; %s%n", nproc,
                memKb / 1024.0 / 1024.0, cpu, kernel));
        r.append("- Java: ").append(javaVersion).append(javaRuntime.isBlank() ? "" : " (" + javaRuntime.trim() + ")")
                .append(", the same JVM for lakesh and FsShell\n");
        r.append(String.format(Locale.ROOT, "- lakesh: the `./lakesh` launcher (C1 only, Serial GC, `-Xms16m`, AppCDS archive) "
                + "and `shell/target/lakesh.jar` (%.0f MiB, built %s), copied to a scratch directory so that no rebuild happens mid-run; "
                + "a scratch `$LAKESH_HOME` whose `lakesh.conf` mounts `/hdfs` and sets `hadoop.dfs.replication = 2`.%n",
                jarBytes / (double) MIB, Files.getLastModifiedTime(dist.resolve("shell/target/lakesh.jar")).toInstant()
                        .atZone(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))));
        r.append(String.format(Locale.ROOT, "- Peer: Hadoop %s `org.apache.hadoop.fs.FsShell`, run as `java -cp <conf dir>:<bench "
                + "module runtime class path, %d jars> -Dorg.slf4j.simpleLogger.defaultLogLevel=error "
                + "org.apache.hadoop.fs.FsShell …` with the JVM's default flags; the conf dir holds an empty core-site.xml "
                + "(FsShell will not start without one), `dfs.replication=2` and a WARN-level log4j.properties.%n",
                VersionInfo.getVersion(), classpathJars));
        r.append("- HDFS: `HdfsCluster.start(dir, 3)` (MiniDFSCluster: a NameNode and 3 DataNodes inside the harness JVM, ")
                .append("replication 2, on 127.0.0.1 and the local disk).\n");
        if (maxLoad > 2) {
            r.append(String.format(Locale.ROOT, "- **Other work shared the machine during this run** (1-minute load average up "
                    + "to %.1f on %d CPUs; see each section): absolute times are inflated and spread is wide; the ratios, "
                    + "from interleaved runs under the same conditions, suffer less.%n", maxLoad,
                    Runtime.getRuntime().availableProcessors()));
        }
        r.append("- Times are wall-clock times of whole processes (spawn to exit) unless said otherwise; median and ")
                .append("spread (min–max) over the runs.\n\n");

        r.append("## Summary\n\n");
        r.append("| Benchmark | Goal | lakesh (median) | Peer (median) | Ratio | Goal met |\n|---|---|---:|---:|---:|---|\n");
        for (String[] s : summary) {
            r.append("| ").append(String.join(" | ", s)).append(" |\n");
        }
        r.append('\n');
        if (!problems.isEmpty()) {
            r.append("Problems seen during the run:\n\n");
            problems.forEach(p -> r.append("- ").append(p).append('\n'));
            r.append('\n');
        }
        r.append(body).append(cpSection).append(rssSection);
        r.append("## How to run\n\n```\nbench/run.sh            # builds, then runs everything (about 10 minutes on 2 cores)\n")
                .append("bench/run.sh --keep     # keep the scratch directory (logs, pty transcripts) for a look\n")
                .append("bench/run.sh --only ls,prompt --runs 5   # a part, fewer runs (also --cp-runs, --cp-default-runs, ")
                .append("--cp-files, --rss-runs, --out)\n")
                .append("bench/run.sh --no-build # measure shell/target/lakesh.jar as it is (when the tree does not build)\n```\n");
        return r.toString();
    }

    /** A table row: median and min–max of the samples, scaled, formatted as "%.0f ms" style (number, space, unit). */
    private static void row(StringBuilder b, String store, String what, Samples s, double scale, String fmt) {
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

    private static void cpuRow(StringBuilder b, String store, String what, Series s) {
        b.append(String.format(Locale.ROOT, "| %s | %s | %d | %.0f ms | %.0f–%.0f ms | %.2f s |%n", store, what, s.wall().size(),
                s.wall().median() * 1000, s.wall().min() * 1000, s.wall().max() * 1000, s.cpu().median()));
    }

    private static String ms(double seconds) {
        return String.format(Locale.ROOT, "%.0f ms", seconds * 1000);
    }

    private static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2f×", r);
    }

    private static String met(boolean met) {
        return met ? "met" : "**not met**";
    }

    private static void log(String msg) {
        System.err.println("[bench] " + msg);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
