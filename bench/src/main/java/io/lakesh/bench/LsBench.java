package io.lakesh.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.lakesh.bench.Harness.cpuRow;
import static io.lakesh.bench.Harness.load;
import static io.lakesh.bench.Harness.loadLine;
import static io.lakesh.bench.Harness.log;
import static io.lakesh.bench.Harness.met;
import static io.lakesh.bench.Harness.ms;
import static io.lakesh.bench.Harness.ratio;
import static io.lakesh.bench.Harness.row;

/** 1. `ls` of a directory with 50 files, local and HDFS: cold against FsShell `-ls`, warm in a session. */
final class LsBench extends Section {
    LsBench(Harness h) {
        super(h);
    }

    @Override
    String name() {
        return "ls";
    }

    @Override
    int number() {
        return 1;
    }

    @Override
    void run() throws Exception {
        String loadBefore = load();
        int runs = h.runs;
        List<String> names = h.lsNames();
        String localUri = "file://" + h.localLsDir;
        String hdfsUri = h.nn + "/bench/ls";

        // Untimed warm-ups: one of each command (disk cache of the jars, the HDFS path).
        h.timedListing("warmup-lakesh-hdfs", h.lakesh("-c", "ls /hdfs/bench/ls"), names);
        h.timedListing("warmup-fsshell-local", h.fsShell("-ls", localUri), names);
        h.timedListing("warmup-fsshell-hdfs", h.fsShell("-ls", hdfsUri), names);

        Series lakeLocal = new Series();
        Series shellLocal = new Series();
        Series lakeHdfs = new Series();
        Series shellHdfs = new Series();
        for (int i = 0; i < runs; i++) {
            log("ls run " + (i + 1) + "/" + runs);
            // Alternate who goes first, so neither always follows the other.
            if (i % 2 == 0) {
                lakeLocal.add(h.timedListing("ls-local-lakesh-" + i, h.lakesh("-c", "ls " + localUri), names));
                shellLocal.add(h.timedListing("ls-local-fsshell-" + i, h.fsShell("-ls", localUri), names));
                lakeHdfs.add(h.timedListing("ls-hdfs-lakesh-" + i, h.lakesh("-c", "ls /hdfs/bench/ls"), names));
                shellHdfs.add(h.timedListing("ls-hdfs-fsshell-" + i, h.fsShell("-ls", hdfsUri), names));
            } else {
                shellLocal.add(h.timedListing("ls-local-fsshell-" + i, h.fsShell("-ls", localUri), names));
                lakeLocal.add(h.timedListing("ls-local-lakesh-" + i, h.lakesh("-c", "ls " + localUri), names));
                shellHdfs.add(h.timedListing("ls-hdfs-fsshell-" + i, h.fsShell("-ls", hdfsUri), names));
                lakeHdfs.add(h.timedListing("ls-hdfs-lakesh-" + i, h.lakesh("-c", "ls /hdfs/bench/ls"), names));
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
        JsonNode session = h.probe("ls-session", Map.of(), null, sends, 100);
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
            h.problems.add("interactive ls session: only " + cmds.size() + " of " + sends.size() + " commands completed: "
                    + session.path("error").asText());
        }

        double goal = 0.4;
        StringBuilder b = text;
        b.append("## 1. `ls` of a directory with ").append(h.lsFiles).append(" files\n\n");
        b.append("Goal: `lakesh -c 'ls <dir>'` takes ≤ ").append(goal).append("× the wall time of Hadoop's `FsShell -ls <dir>`. ")
                .append("Cold: every run is a fresh process, timed from spawn to exit by the harness; the ")
                .append(runs).append(" lakesh and ").append(runs)
                .append(" FsShell runs alternate (lakesh first on even runs, FsShell first on odd ones). ")
                .append("Every run's output was checked to name all ").append(h.lsFiles).append(" files. ")
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
                h.archiveBytes / (double) Harness.MIB, h.firstRun));
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

        summary("`ls` 50 files, local (cold)", "≤ 0.40× FsShell",
                ms(lakeLocal.wall().median()), ms(shellLocal.wall().median()), ratio(rLocal), met(rLocal <= goal));
        summary("`ls` 50 files, HDFS (cold)", "≤ 0.40× FsShell",
                ms(lakeHdfs.wall().median()), ms(shellHdfs.wall().median()), ratio(rHdfs), met(rHdfs <= goal));
        summary("`ls` 50 files, local / HDFS (warm, in session)", "—",
                ms(warmLocal.median()) + " / " + ms(warmHdfs.median()), "—", "—", "—");
    }
}
