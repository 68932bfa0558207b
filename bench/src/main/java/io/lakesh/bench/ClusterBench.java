package io.lakesh.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.lakesh.bench.Harness.load;
import static io.lakesh.bench.Harness.loadLine;
import static io.lakesh.bench.Harness.log;
import static io.lakesh.bench.Harness.met;
import static io.lakesh.bench.Harness.ms;
import static io.lakesh.bench.Harness.ratio;
import static io.lakesh.bench.Harness.row;

/**
 * 8. The local process cluster (`cluster start`, NameNode + 3 DataNodes as JVMs): start to 3 live DataNodes, and
 * `health` on it with 1,000 Iceberg tables against what a cron script runs without lakesh, `hdfs fsck /` and
 * `hdfs dfsadmin -report` (Hadoop's `DFSck` and `DFSAdmin` as processes on the daemons' own class path).
 */
final class ClusterBench extends Section {
    static final int RESTARTS = 3;

    ClusterBench(Harness h) {
        super(h);
    }

    @Override
    String name() {
        return "cluster";
    }

    @Override
    int number() {
        return 9;
    }

    @Override
    void run() throws Exception {
        String loadBefore = load();
        Path home = Files.createDirectories(h.work.resolve("cluster-home"));
        Map<String, String> env = Map.of("LAKESH_HOME", home.toString());
        Path clusterDir = home.resolve("cluster");
        try {
            // the launcher's first run in a new $LAKESH_HOME writes its start-up archive: not part of any figure
            must("cluster-home-warmup", env, h.lakesh("-c", "pwd"), Duration.ofMinutes(5));
            // start: the first one resolves the daemons' class path through Maven and formats the NameNode
            log("cluster: first start");
            Proc.Result first = must("cluster-start-first", env, h.lakesh("-c", "cluster start"), Duration.ofMinutes(10));
            double firstReported = reported(first.stdout());
            Samples restartWall = new Samples();
            Samples restartReported = new Samples();
            Samples stopWall = new Samples();
            for (int i = 0; i < RESTARTS; i++) {
                log("cluster: restart " + (i + 1) + "/" + RESTARTS);
                stopWall.add(must("cluster-stop-" + i, env, h.lakesh("-c", "cluster stop"), Duration.ofMinutes(2)).seconds());
                Proc.Result r = must("cluster-start-" + i, env, h.lakesh("-c", "cluster start"), Duration.ofMinutes(5));
                restartWall.add(r.seconds());
                restartReported.add(reported(r.stdout()));
            }
            // the bench module stays off lakesh's classes (its class path is the peers'): read the cluster's own files
            java.util.Properties spec = new java.util.Properties();
            try (var r = Files.newBufferedReader(clusterDir.resolve("cluster.properties"))) {
                spec.load(r);
            }
            String uri = "hdfs://127.0.0.1:" + spec.getProperty("namenode.rpc") + "/";

            // 1,000 Iceberg tables with one data file each, in a Hadoop catalog on the cluster: the first by lakesh
            // (create + insert), the others by a Groovy script on Iceberg's API that copies it (one JVM, no DuckDB per table)
            int n = h.tables;
            String warehouse = uri + "warehouse";
            must("cluster-table-first", env, h.lakesh("-c", "catalog add hd --type hadoop --warehouse " + warehouse
                    + "; create table /iceberg/hd/many/t0000 (id bigint, name string); insert into hd.many.t0000 select 1, 'a';"),
                    Duration.ofMinutes(5));
            Path generator = home.resolve("many-tables.groovy");
            try (java.io.InputStream in = ClusterBench.class.getResourceAsStream("many-tables.groovy")) {
                Files.copy(in, generator);
            }
            log("cluster: making " + n + " tables on the cluster");
            Proc.Result created = must("cluster-tables", env, h.lakesh("-f", generator.toString(), warehouse,
                    clusterDir.resolve("conf").toString(), Integer.toString(n)), Duration.ofMinutes(30));
            Proc.Result listed = must("cluster-tables-ls", env, h.lakesh("-c", "ls /iceberg/hd/many"), Duration.ofMinutes(5));
            long tables = listed.stdout().lines().filter(l -> l.strip().matches("t\\d{4}.*")).count();
            if (tables != n) {
                throw new IllegalStateException("made " + tables + " of " + n + " tables: " + listed.out());
            }

            String cp = clusterDir.resolve("conf") + ":" + Files.readString(clusterDir.resolve("lib/classpath-"
                    + org.apache.hadoop.util.VersionInfo.getVersion() + ".txt")).strip();
            List<String> fsck = javaOn(cp, "org.apache.hadoop.hdfs.tools.DFSck", "/");
            List<String> report = javaOn(cp, "org.apache.hadoop.hdfs.tools.DFSAdmin", "-report");
            Proc.Result fsckOnce = must("cluster-fsck-warmup", env, fsck, Duration.ofMinutes(5));
            String fsckText = fsckOnce.stdout();
            long files = number(fsckText, "Total files:\\s+(\\d+)");
            long blocks = number(fsckText, "Total blocks \\(validated\\):\\s+(\\d+)");
            must("cluster-report-warmup", env, report, Duration.ofMinutes(2));
            healthRun(env, -1);

            Series health = new Series();
            Series fsckRuns = new Series();
            Series reportRuns = new Series();
            Samples peer = new Samples();
            for (int i = 0; i < h.runs; i++) {
                log("cluster: health run " + (i + 1) + "/" + h.runs);
                if (i % 2 == 0) {
                    health.add(healthRun(env, i));
                }
                Proc.Result f = must("cluster-fsck-" + i, env, fsck, Duration.ofMinutes(5));
                if (!f.stdout().contains("is HEALTHY")) {
                    throw new IllegalStateException("fsck did not find the file system healthy: " + f.out());
                }
                Proc.Result r = must("cluster-report-" + i, env, report, Duration.ofMinutes(2));
                if (!r.stdout().contains("Live datanodes (3)")) {
                    throw new IllegalStateException("dfsadmin -report does not list 3 live DataNodes: " + r.out());
                }
                fsckRuns.add(f);
                reportRuns.add(r);
                peer.add(f.seconds() + r.seconds());
                if (i % 2 == 1) {
                    health.add(healthRun(env, i));
                }
            }
            double ratio = health.wall().median() / peer.median();
            double goal = 0.5;

            StringBuilder b = text;
            b.append("## " + number() + ". The local cluster: start, and `health` with ").append(String.format(Locale.ROOT, "%,d", n)).append(" tables\n\n");
            b.append("`cluster start` runs a NameNode and 3 DataNodes as JVMs of their own (Hadoop ").append(org.apache.hadoop.util.VersionInfo.getVersion())
                    .append(" server jars resolved through Maven into `$LAKESH_HOME/cluster/lib`, `-Xmx512m`/`-Xmx256m`, C1 only, Serial GC), ")
                    .append("and returns when every DataNode has heartbeated to the NameNode and safe mode is off. ")
                    .append("Wall: the whole `./lakesh -c 'cluster start'` process; reported: the time lakesh prints (its own start excluded).\n\n");
            b.append("| What | Runs | Median | Min–max |\n|---|---:|---:|---:|\n");
            b.append(String.format(Locale.ROOT, "| first start (resolve the class path, format, start), wall | 1 | %.1f s | — |%n", first.seconds()));
            b.append(String.format(Locale.ROOT, "| first start, reported | 1 | %.1f s | — |%n", firstReported));
            row(b, null, "restart to 3 live DataNodes, wall", restartWall, 1, "%.1f s");
            row(b, null, "restart to 3 live DataNodes, reported", restartReported, 1, "%.1f s");
            row(b, null, "`cluster stop` (TERM, all four), wall", stopWall, 1, "%.1f s");
            b.append('\n');

            b.append(String.format(Locale.ROOT, "`health` against `hdfs fsck /` plus `hdfs dfsadmin -report`. The cluster holds %,d Iceberg "
                    + "tables (a Hadoop catalog `hd` on the cluster; the first made by lakesh's `create table` and one `insert`, the others by a Groovy "
                    + "script through `./lakesh -f` on Iceberg's API, each a commit with its own copy of the first one's data file: "
                    + "%.0f s for all), which fsck walks: %,d files, %,d blocks. `./lakesh -c health` checks the NameNode (the same "
                    + "counters as the report: live and dead DataNodes, under-replicated, missing and corrupt blocks, capacity, safe mode) "
                    + "and both catalogs (the embedded one and `hd`, listing namespaces on the cluster); `/hdfs` is the local cluster, found "
                    + "without configuration. The peers run as `java -cp <cluster conf>:<daemon class path> org.apache.hadoop.hdfs.tools.DFSck /` "
                    + "and `… DFSAdmin -report` with default JVM flags, which is what the `hdfs` script runs; their time is the sum of "
                    + "the two processes, one after the other as a cron script would run them. %d runs each, interleaved (lakesh "
                    + "first on even runs); fsck's output was checked to say HEALTHY, the report's to list 3 live DataNodes, lakesh's "
                    + "to hold the checks (exit status 0, or 1 should the shared disk pass the capacity warning level).%n%n", n, created.seconds(), files, blocks, h.runs));
            b.append("| Command | Runs | Median | Min–max | CPU, median (user+sys) |\n|---|---:|---:|---:|---:|\n");
            cpuRow(b, "`./lakesh -c health`", health);
            cpuRow(b, "`DFSck /`", fsckRuns);
            cpuRow(b, "`DFSAdmin -report`", reportRuns);
            b.append(String.format(Locale.ROOT, "| fsck + report (the peer) | %d | %s | %s–%s | — |%n", peer.size(), ms(peer.median()),
                    ms(peer.min()), ms(peer.max())));
            b.append('\n');
            b.append(String.format(Locale.ROOT, "- Ratio (median lakesh / median fsck + report): **%.2f×** (goal ≤ %.2f×): %s.%n",
                    ratio, goal, met(ratio <= goal)));
            b.append("- Raw runs (ms), in order: lakesh ").append(health.wall().all(1000, "%.0f")).append("; fsck + report ")
                    .append(peer.all(1000, "%.0f")).append(".\n\n");
            loadLine(b, loadBefore);
            b.append('\n');

            summary(String.format(Locale.ROOT, "`health` on the local cluster with %,d tables (cold)", n), "≤ 0.50× fsck + dfsadmin -report",
                    ms(health.wall().median()), ms(peer.median()), ratio(ratio), met(ratio <= goal));
            summary("local cluster restart to 3 live DataNodes", "—", String.format(Locale.ROOT, "%.1f s (first start %.1f s)",
                    restartWall.median(), first.seconds()), "—", "—", "—");
        } finally {
            h.proc.run("cluster-stop-end", h.lakesh("-c", "cluster stop"), env, Duration.ofMinutes(2));
        }
    }

    private Proc.Result healthRun(Map<String, String> env, int i) throws Exception {
        // WARNING (1) is allowed: the DataNodes share the machine's disk, whose fill is the others' doing
        Proc.Result r = h.proc.run("cluster-health-" + i, h.lakesh("-c", "health"), env, Duration.ofMinutes(2));
        if (r.exit() > 1 || !r.stdout().contains("live_datanodes")) {
            throw new IllegalStateException("health did not check the cluster: " + r.out());
        }
        return r;
    }

    private Proc.Result must(String tag, Map<String, String> env, List<String> cmd, Duration timeout) throws Exception {
        Proc.Result r = h.proc.run(tag, cmd, env, timeout);
        if (r.exit() != 0) {
            throw new IllegalStateException(tag + " exited with " + r.exit() + ":\n" + r.errTail());
        }
        return r;
    }

    private List<String> javaOn(String cp, String main, String... args) {
        List<String> cmd = new ArrayList<>(List.of(h.java, "-cp", cp, main));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** `… DataNodes live after 12.3 s: …` */
    private static double reported(String out) {
        Matcher m = Pattern.compile("live after ([0-9.]+) s").matcher(out);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** A row of wall and CPU times under one label column. */
    private static void cpuRow(StringBuilder b, String what, Series s) {
        b.append(String.format(Locale.ROOT, "| %s | %d | %.0f ms | %.0f–%.0f ms | %.2f s |%n", what, s.wall().size(),
                s.wall().median() * 1000, s.wall().min() * 1000, s.wall().max() * 1000, s.cpu().median()));
    }
}
