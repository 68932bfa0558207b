package io.lakesh.bench;

import org.apache.hadoop.util.VersionInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The benchmark harness: lakesh against its peers — Hadoop's FsShell (from the same Hadoop jars), a plain
 * Groovy process on Hadoop's FileSystem, DuckDB — side by side on one machine and one HDFS (MiniDFSCluster via
 * {@code HdfsCluster}, 3 DataNodes, replication 2), runs interleaved, each run a fresh process unless said
 * otherwise. Each section is a class of its own ({@link LsBench}, {@link PromptBench}, {@link CpBench},
 * {@link RssBench}, {@link ScriptBench}, {@link IcebergBench}, {@link SqlBench}, {@link TrinoBench}, {@link ClusterBench}, {@link DeltaBench}); this class parses the options, runs the chosen
 * sections and writes BENCHMARKS.md.
 *
 * <pre>
 * java -cp bench/target/classes:$(cat bench-classpath) io.lakesh.bench.Bench --repo . --classpath-file bench-classpath
 * </pre>
 * (bench/run.sh does the build and the class path.)
 */
public final class Bench {
    private static final String USAGE = """
            usage: Bench --classpath-file FILE [--repo DIR] [--out FILE] [--work DIR] [--keep]
                         [--only ls,prompt,rss,cp,script,iceberg,sql,trino,cluster,delta] [--runs N] [--cp-runs N] [--cp-default-runs N]
                         [--cp-files N] [--rss-runs N] [--script-runs N] [--script-calls N] [--fsshell-sample N]
                         [--code-runs N] [--load-runs N] [--load-rows N] [--tables N] [--table-ls-runs N]""";

    private final Harness h = new Harness();
    private Path out;
    private List<String> only = List.of("ls", "prompt", "rss", "cp", "script", "iceberg", "sql", "trino", "cluster", "delta");
    private String commit;
    private long changedFiles;
    private final List<String> sectionProblems = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        // The harness JVM hosts the HDFS: keep its logs to warnings and errors.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        Bench b = new Bench();
        b.parse(args);
        System.exit(b.run());
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            if (v == null && !a.equals("--keep")) {
                usage();
            }
            switch (a) {
                case "--repo" -> h.repo = Path.of(v).toAbsolutePath().normalize();
                case "--classpath-file" -> h.classpathFile = Path.of(v).toAbsolutePath();
                case "--out" -> out = Path.of(v).toAbsolutePath();
                case "--work" -> h.workRoot = Path.of(v).toAbsolutePath();
                case "--runs" -> h.runs = Integer.parseInt(v);
                case "--cp-runs" -> h.cpRuns = Integer.parseInt(v);
                case "--cp-default-runs" -> h.cpDefaultRuns = Integer.parseInt(v);
                case "--cp-files" -> h.cpFiles = Integer.parseInt(v);
                case "--rss-runs" -> h.rssRuns = Integer.parseInt(v);
                case "--script-runs" -> h.scriptRuns = Integer.parseInt(v);
                case "--script-calls" -> h.scriptCalls = Integer.parseInt(v);
                case "--fsshell-sample" -> h.fsShellSample = Integer.parseInt(v);
                case "--code-runs" -> h.codeRuns = Integer.parseInt(v);
                case "--load-runs" -> h.loadRuns = Integer.parseInt(v);
                case "--load-rows" -> h.loadRows = Integer.parseInt(v);
                case "--tables" -> h.tables = Integer.parseInt(v);
                case "--table-ls-runs" -> h.tableLsRuns = Integer.parseInt(v);
                case "--only" -> only = List.of(v.split(","));
                case "--keep" -> {
                    h.keep = true;
                    continue;
                }
                default -> usage();
            }
            i++;
        }
        if (h.classpathFile == null) {
            System.err.println("Bench: --classpath-file (the bench module's runtime class path, for FsShell) is required");
            System.exit(2);
        }
        if (out == null) {
            out = h.repo.resolve("BENCHMARKS.md");
        }
    }

    private static void usage() {
        System.err.println(USAGE);
        System.exit(2);
    }

    /** Every section, in the order they run (the quick ones first; the report orders them by number). */
    private List<Section> sections() {
        return List.of(new LsBench(h), new PromptBench(h), new RssBench(h), new CpBench(h), new ScriptBench(h),
                new IcebergBench(h), new SqlBench(h), new TrinoBench(h), new ClusterBench(h), new DeltaBench(h));
    }

    private int run() throws Exception {
        List<Section> all = sections();
        for (String name : only) {
            if (all.stream().noneMatch(s -> s.name().equals(name))) {
                System.err.println("Bench: no section '" + name + "' (sections: "
                        + String.join(",", all.stream().map(Section::name).toList()) + ")");
                System.exit(2);
            }
        }
        List<Section> chosen = all.stream().filter(s -> only.contains(s.name())).toList();
        ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
        h.work = h.workRoot != null ? Files.createDirectories(h.workRoot)
                : Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "lakesh-bench-");
        Harness.log("work directory " + h.work);
        commit = Proc.capture(h.repo, "git", "rev-parse", "--short", "HEAD");
        String dirty = Proc.capture(h.repo, "git", "status", "--porcelain");
        changedFiles = dirty.isBlank() ? 0 : dirty.lines().count();
        long t00 = System.nanoTime();
        try {
            phase("set-up", h::setUp);
            for (Section s : chosen) {
                int problemsBefore = h.problems.size();
                try {
                    phase(s.name(), s::run);
                } catch (Exception e) {
                    // One broken section must not cost the figures of the others.
                    String msg = String.valueOf(e.getMessage());
                    Harness.log(s.name() + " failed: " + msg);
                    e.printStackTrace();
                    h.problems.add("section '" + s.name() + "' failed: " + msg.lines().findFirst().orElse(msg));
                    s.summary.clear();
                    s.text.setLength(0);
                    s.text.append("## ").append(s.number()).append(". `").append(s.name()).append("`: failed\n\n```\n")
                            .append(msg).append("\n```\n\n");
                }
                // A section's problems travel with it, so that a later partial run keeps or replaces both.
                List<String> own = h.problems.subList(problemsBefore, h.problems.size());
                if (!own.isEmpty()) {
                    s.text.append("Problems seen while this section ran:\n\n");
                    own.forEach(p -> s.text.append("- ").append(p).append('\n'));
                    s.text.append('\n');
                    sectionProblems.addAll(own);
                }
            }
        } finally {
            h.close();
        }
        double minutes = (System.nanoTime() - t00) / 60e9;
        String report = report(started, chosen.stream().sorted(Comparator.comparingInt(Section::number)).toList(), minutes,
                earlierParts(all, chosen));
        Files.writeString(out, report, StandardCharsets.UTF_8);
        Harness.log("wrote " + out);
        if (!h.keep) {
            Harness.deleteTree(h.work);
        }
        return h.problems.isEmpty() ? 0 : 1;
    }

    /** A partial run keeps the other sections of the file as it is (each with its own run line). */
    private Map<Integer, Parts.Part> earlierParts(List<Section> all, List<Section> chosen) throws IOException {
        if (chosen.size() == all.size() || !Files.isRegularFile(out)) {
            return Map.of();
        }
        return Parts.parse(Files.readString(out, StandardCharsets.UTF_8));
    }

    private interface Step {
        void run() throws Exception;
    }

    private static String join(java.util.Collection<Integer> numbers) {
        return String.join(", ", numbers.stream().map(String::valueOf).toList());
    }

    private static void phase(String name, Step step) throws Exception {
        long t0 = System.nanoTime();
        step.run();
        Harness.log(String.format(Locale.ROOT, "%s done in %.0f s", name, (System.nanoTime() - t0) / 1e9));
    }

    // ------------------------------------------------------------------------------------------ report

    private String report(ZonedDateTime started, List<Section> sections, double minutes, Map<Integer, Parts.Part> earlier)
            throws IOException {
        String head = commit == null ? "" : commit;
        String javaVersion = Proc.capture(h.work, h.java, "-version").lines().findFirst().orElse("?");
        String javaRuntime = Proc.capture(h.work, h.java, "-version").lines().skip(1).findFirst().orElse("");
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
        String nproc = Proc.capture(h.work, "nproc");
        String kernel = Proc.capture(h.work, "uname", "-sr");
        Path jar = h.dist.resolve("shell/target/lakesh.jar");
        long jarBytes = Files.size(jar);

        StringBuilder r = new StringBuilder();
        r.append("# lakesh benchmarks\n\n");
        r.append("Written by `bench/run.sh` (`io.lakesh.bench.Bench`); do not edit by hand, run it again. ")
                .append("lakesh is measured against Hadoop's own `FsShell` (the `hadoop fs` command) from the same Hadoop jars, ")
                .append("a plain Groovy process on Hadoop's `FileSystem` API, and DuckDB, ")
                .append("side by side in one run on one machine and one HDFS.\n\n");
        String date = started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        String run = date + ", commit `" + (head.isBlank() ? "?" : head) + "`"
                + (changedFiles > 0 ? " with uncommitted changes in " + changedFiles + " files" : "");
        Map<Integer, Parts.Part> now = new TreeMap<>();
        for (Section s : sections) {
            now.put(s.number(), new Parts.Part(s.number(), Parts.withRunLine(s.text.toString(), run), s.summary.stream()
                    .map(List::of).toList()));
        }
        Map<Integer, Parts.Part> parts = Parts.merge(earlier, now);
        List<Integer> kept = parts.keySet().stream().filter(n -> !now.containsKey(n)).toList();
        r.append("- Date: ").append(date)
                .append(String.format(Locale.ROOT, " (the run took %.0f minutes)", minutes)).append('\n');
        r.append("- Commit: `").append(head.isBlank() ? "?" : head).append('`');
        if (changedFiles > 0) {
            r.append(" — the working tree had uncommitted changes in ").append(changedFiles)
                    .append(" files or directories (modified or new) when the benchmark started; the figures are for that tree");
        }
        r.append('\n');
        if (!kept.isEmpty()) {
            r.append("- This run measured sections ").append(join(now.keySet())).append(" (`--only ")
                    .append(String.join(",", sections.stream().map(Section::name).toList()))
                    .append("`); sections ").append(join(kept)).append(" are kept from earlier runs. ")
                    .append("Each section names the run that produced it; the lines below describe this run.\n");
        }
        r.append(String.format(Locale.ROOT, "- Machine: %s CPUs (nproc), %.1f GiB memory, %s; %s%n", nproc,
                memKb / 1024.0 / 1024.0, cpu, kernel));
        r.append("- Java: ").append(javaVersion).append(javaRuntime.isBlank() ? "" : " (" + javaRuntime.trim() + ")")
                .append(", the same JVM for lakesh and its peers\n");
        r.append(String.format(Locale.ROOT, "- lakesh: the `./lakesh` launcher (C1 only, Serial GC, `-Xms16m`, AppCDS archive) "
                + "and `shell/target/lakesh.jar` (%.0f MiB, built %s), copied to a scratch directory so that no rebuild happens mid-run; "
                + "a scratch `$LAKESH_HOME` whose `lakesh.conf` mounts `/hdfs` and sets `hadoop.dfs.replication = 2`.%n",
                jarBytes / (double) Harness.MIB, Files.getLastModifiedTime(jar).toInstant()
                        .atZone(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))));
        r.append(String.format(Locale.ROOT, "- Peer: Hadoop %s `org.apache.hadoop.fs.FsShell`, run as `java -cp <conf dir>:<bench "
                + "module runtime class path, %d jars> -Dorg.slf4j.simpleLogger.defaultLogLevel=error "
                + "org.apache.hadoop.fs.FsShell …` with the JVM's default flags; the conf dir holds an empty core-site.xml "
                + "(FsShell will not start without one), `dfs.replication=2` and a WARN-level log4j.properties. "
                + "The Groovy and DuckDB peers of sections 5 and 6 run the same way (same JVM, flags and class path, "
                + "with `groovy.ui.GroovyMain` or the bench's `io.lakesh.bench.DuckCopy` as the main class).%n",
                VersionInfo.getVersion(), h.classpathJars));
        r.append("- HDFS: `HdfsCluster.start(dir, 3)` (MiniDFSCluster: a NameNode and 3 DataNodes inside the harness JVM, ")
                .append("replication 2, on 127.0.0.1 and the local disk).\n");
        if (Harness.maxLoad() > 2) {
            r.append(String.format(Locale.ROOT, "- **Other work shared the machine during this run** (1-minute load average up "
                    + "to %.1f on %d CPUs; see each section): absolute times are inflated and spread is wide; the ratios, "
                    + "from interleaved runs under the same conditions, suffer less.%n", Harness.maxLoad(),
                    Runtime.getRuntime().availableProcessors()));
        }
        r.append("- Times are wall-clock times of whole processes (spawn to exit) unless said otherwise; median and ")
                .append("spread (min–max) over the runs.\n\n");

        r.append("## Summary\n\n");
        r.append("| § | Benchmark | Goal | lakesh (median) | Peer (median) | Ratio | Goal met |\n|---|---|---|---:|---:|---:|---|\n");
        for (Parts.Part p : parts.values()) {
            for (List<String> row : p.rows()) {
                r.append("| ").append(p.number()).append(" | ").append(String.join(" | ", row)).append(" |\n");
            }
        }
        r.append('\n');
        List<String> runProblems = h.problems.stream().filter(p -> !sectionProblems.contains(p)).toList();
        if (!runProblems.isEmpty()) {
            r.append("Problems seen during the run (outside the sections, which list their own):\n\n");
            runProblems.forEach(p -> r.append("- ").append(p).append('\n'));
            r.append('\n');
        }
        for (Parts.Part p : parts.values()) {
            r.append(p.text());
        }
        r.append("## How to run\n\n```\n")
                .append("bench/run.sh            # builds, then runs everything (about 15 minutes on 2 cores)\n")
                .append("bench/run.sh --keep     # keep the scratch directory (logs, pty transcripts, strace output) for a look\n")
                .append("bench/run.sh --only ls,prompt --runs 5   # a part, fewer runs (sections: ls, prompt, rss, cp, script, iceberg, sql, delta);\n")
                .append("                                         # it replaces its own sections and summary rows, keeps the others\n")
                .append("bench/run.sh --only script,iceberg       # the scripting and Iceberg sections only\n")
                .append("bench/run.sh --no-build # measure shell/target/lakesh.jar as it is (when the tree does not build)\n")
                .append("```\n\nOther options: `--cp-runs`, `--cp-default-runs`, `--cp-files`, `--rss-runs`, `--script-runs`, ")
                .append("`--script-calls`, `--fsshell-sample`, `--code-runs`, `--load-runs`, `--load-rows`, `--tables`, ")
                .append("`--table-ls-runs`, `--out FILE`, `--work DIR`.\n");
        return r.toString();
    }
}
