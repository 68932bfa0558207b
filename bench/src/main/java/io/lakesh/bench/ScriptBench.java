package io.lakesh.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import static io.lakesh.bench.Harness.secs;

/**
 * 5. Scripting: a Groovy script of 1,000 `lake.ls` calls on HDFS as one `./lakesh -f` process, against one
 * Groovy process on Hadoop's FileSystem and (a sample of, extrapolated) 1,000 FsShell `-ls` processes; and the
 * time to the first `:g` / `:j` result in an interactive session.
 */
final class ScriptBench extends Section {
    private static final String HDFS_DIR = "/bench/ls";

    ScriptBench(Harness h) {
        super(h);
    }

    @Override
    String name() {
        return "script";
    }

    @Override
    int number() {
        return 5;
    }

    private String lakeshScript() {
        return """
                // %,d listings of a %d-file HDFS directory through the lakesh API (entries, not text)
                long t0 = System.nanoTime()
                long entries = 0
                for (int i = 0; i < %d; i++) {
                    def listing = lake.ls('/hdfs%s')
                    if (listing.size() != %d) throw new IllegalStateException("listing $i: ${listing.size()} entries")
                    entries += listing.size()
                }
                println "%d listings, $entries entries in ${(System.nanoTime() - t0).intdiv(1000000)} ms"
                """.formatted(h.scriptCalls, h.lsFiles, h.scriptCalls, HDFS_DIR, h.lsFiles, h.scriptCalls);
    }

    private String directScript() {
        return """
                // the same with Hadoop's FileSystem, no lakesh
                import org.apache.hadoop.conf.Configuration
                import org.apache.hadoop.fs.Path

                long t0 = System.nanoTime()
                def dir = new Path('%s%s')
                def fs = dir.getFileSystem(new Configuration())
                long entries = 0
                for (int i = 0; i < %d; i++) {
                    def listing = fs.listStatus(dir)
                    if (listing.length != %d) throw new IllegalStateException("listing $i: ${listing.length} entries")
                    entries += listing.length
                }
                println "%d listings, $entries entries in ${(System.nanoTime() - t0).intdiv(1000000)} ms"
                """.formatted(h.nn, HDFS_DIR, h.scriptCalls, h.lsFiles, h.scriptCalls);
    }

    @Override
    void run() throws Exception {
        String loadBefore = load();
        int runs = h.scriptRuns;
        Path dir = Files.createDirectories(h.work.resolve("scripts"));
        Path loop = dir.resolve("loop.groovy");
        Path direct = dir.resolve("direct.groovy");
        Files.writeString(loop, lakeshScript());
        Files.writeString(direct, directScript());
        String expect = String.format(Locale.ROOT, "%d listings, %d entries", h.scriptCalls, (long) h.scriptCalls * h.lsFiles);
        List<String> lakeCmd = h.lakesh("-f", loop.toString());
        List<String> directCmd = h.benchJava("groovy.ui.GroovyMain", direct.toString());
        List<String> names = h.lsNames();
        String hdfsUri = h.nn + HDFS_DIR;

        // Untimed warm-ups: disk cache of the jars, Groovy's first compile.
        script("script-warmup-lakesh", lakeCmd, expect);
        script("script-warmup-direct", directCmd, expect);

        Series lake = new Series();
        Series plain = new Series();
        Series shell = new Series();
        Samples lakeLoop = new Samples();
        Samples plainLoop = new Samples();
        int shellLeft = h.fsShellSample;
        for (int i = 0; i < runs; i++) {
            log("script run " + (i + 1) + "/" + runs);
            if (i % 2 == 0) {
                add(lake, lakeLoop, script("script-lakesh-" + i, lakeCmd, expect));
                add(plain, plainLoop, script("script-direct-" + i, directCmd, expect));
            } else {
                add(plain, plainLoop, script("script-direct-" + i, directCmd, expect));
                add(lake, lakeLoop, script("script-lakesh-" + i, lakeCmd, expect));
            }
            // The FsShell sample spread over the rounds, so it sees the same conditions.
            int n = (int) Math.ceil(shellLeft / (double) (runs - i));
            for (int k = 0; k < n; k++, shellLeft--) {
                shell.add(h.timedListing("script-fsshell-" + i + "-" + k, h.fsShell("-ls", hdfsUri), names));
            }
        }
        // Diagnostic, not counted: the same script with the JIT's C2 compiler on (the launcher runs C1 only).
        Proc.Result c2 = h.proc.run("script-lakesh-c2", lakeCmd,
                Map.of("LAKESH_JAVA_OPTS", "-XX:TieredStopAtLevel=4"), Duration.ofMinutes(5));
        boolean c2ok = c2.exit() == 0 && c2.stdout().contains(expect);

        // Time to the first result of Groovy and of JShell in a fresh interactive session, and of a second line.
        Samples gFirst = new Samples();
        Samples gAgain = new Samples();
        Samples jFirst = new Samples();
        Samples jAgain = new Samples();
        for (int i = 0; i < h.codeRuns; i++) {
            log("first :g / :j run " + (i + 1) + "/" + h.codeRuns);
            if (i % 2 == 0) {
                code("code-g-" + i, ":g 1+1", gFirst, gAgain);
                code("code-j-" + i, ":j 1+1", jFirst, jAgain);
            } else {
                code("code-j-" + i, ":j 1+1", jFirst, jAgain);
                code("code-g-" + i, ":g 1+1", gFirst, gAgain);
            }
        }

        double goal = 1.3;
        double r = lake.wall().median() / plain.wall().median();
        double shellAll = shell.wall().median() * h.scriptCalls;
        double factor = h.scriptCalls / (double) h.fsShellSample;
        StringBuilder b = text;
        b.append(String.format(Locale.ROOT, "## 5. Groovy scripts: %,d listings of an HDFS directory in one script%n%n", h.scriptCalls));
        b.append(String.format(Locale.ROOT, "Goal: `./lakesh -f loop.groovy`, a script of %,d `lake.ls('/hdfs%s')` calls (the "
                + "%d-file directory of section 1; each call returns a list of entries, whose size the script checks), takes "
                + "≤ %.1f× the wall time of one Groovy process doing the same %,d listings with Hadoop's `FileSystem` directly "
                + "(`fs.listStatus(path)`), run as `java -cp <bench class path, with groovy %s> groovy.ui.GroovyMain "
                + "direct.groovy` with the JVM's default flags. Whole processes, spawn to exit; %d runs of each, "
                + "alternating, after one untimed run of each. Both printed `%s` every time. For scale, the shell-script "
                + "way — one `FsShell -ls` process per listing — would take about half an hour for %,d listings, so %d "
                + "`FsShell -ls` processes were timed (spread over the rounds) and their median multiplied by %,d: that "
                + "row is **extrapolated**, not measured.%n%n",
                h.scriptCalls, HDFS_DIR, h.lsFiles, goal, h.scriptCalls, groovy.lang.GroovySystem.getVersion(), runs,
                expect, h.scriptCalls, h.fsShellSample, h.scriptCalls));
        b.append("| Command | Runs | Median | Min–max | CPU, median (user+sys) |\n|---|---:|---:|---:|---:|\n");
        cpuRow(b, "lakesh<br>`./lakesh -f loop.groovy`", lake);
        cpuRow(b, "Groovy on Hadoop's FileSystem<br>`java … groovy.ui.GroovyMain direct.groovy`", plain);
        cpuRow(b, "one `FsShell -ls hdfs://…/bench/ls` process (the sample)", shell);
        b.append(String.format(Locale.ROOT, "| %,d `FsShell -ls` processes — **extrapolated** (sample median × %,d) | — | ≈ %.0f s "
                + "| ≈ %.0f–%.0f s | — |%n", h.scriptCalls, h.scriptCalls, shellAll,
                shell.wall().min() * h.scriptCalls, shell.wall().max() * h.scriptCalls));
        b.append('\n');
        b.append(String.format(Locale.ROOT, "- Ratio (median lakesh / median Groovy on FileSystem): **%.2f×** (goal ≤ %.1f×): %s.%n",
                r, goal, met(r <= goal)));
        b.append(String.format(Locale.ROOT, "- The loop alone, as each script timed it (from its first line, so lakesh's "
                + "connection to HDFS on the first `lake.ls` and the plain script's `getFileSystem` are in; JVM and "
                + "Groovy start-up are not): lakesh median %.0f ms (%.0f–%.0f), Groovy on FileSystem %.0f ms (%.0f–%.0f), "
                + "%.2f×; that is %.2f ms against %.2f ms a listing.%n",
                lakeLoop.median() * 1000, lakeLoop.min() * 1000, lakeLoop.max() * 1000,
                plainLoop.median() * 1000, plainLoop.min() * 1000, plainLoop.max() * 1000,
                lakeLoop.median() / plainLoop.median(), lakeLoop.median() * 1000 / h.scriptCalls,
                plainLoop.median() * 1000 / h.scriptCalls));
        b.append(String.format(Locale.ROOT, "- The rest of each process (whole-process median − loop median: JVM start, "
                + "Groovy compile, exit): lakesh %.0f ms, Groovy on FileSystem %.0f ms.%n",
                (lake.wall().median() - lakeLoop.median()) * 1000, (plain.wall().median() - plainLoop.median()) * 1000));
        b.append(String.format(Locale.ROOT, "- Worst case (slowest lakesh run / fastest Groovy run): %.2f×.%n",
                lake.wall().max() / plain.wall().min()));
        b.append(String.format(Locale.ROOT, "- Against %,d FsShell processes (extrapolated, ×%.0f from %d measured): lakesh takes "
                + "%.3f× their time (%.0f× faster).%n", h.scriptCalls, factor, h.fsShellSample, lake.wall().median() / shellAll,
                shellAll / lake.wall().median()));
        b.append("- Raw runs (ms), in order: lakesh ").append(lake.wall().all(1000, "%.0f"))
                .append("; Groovy on FileSystem ").append(plain.wall().all(1000, "%.0f"))
                .append("; FsShell sample ").append(shell.wall().all(1000, "%.0f"))
                .append("; loop alone: lakesh ").append(lakeLoop.all(1000, "%.0f")).append("; Groovy on FileSystem ")
                .append(plainLoop.all(1000, "%.0f")).append(".\n");
        if (c2ok) {
            b.append(String.format(Locale.ROOT, "- Diagnostic, one run, not counted: lakesh with the C2 JIT compiler on "
                    + "(`LAKESH_JAVA_OPTS=-XX:TieredStopAtLevel=4`; the launcher runs C1 only): %.0f ms.%n", c2.seconds() * 1000));
        } else {
            b.append("- Diagnostic run with C2 on failed (exit ").append(c2.exit()).append("); see its log.\n");
        }
        b.append("\nThe two scripts (`loop.groovy` for lakesh, `direct.groovy` for the plain Groovy process; the port is the "
                + "MiniDFSCluster's):\n\n```groovy\n").append(lakeshScript().replace(h.nn, "hdfs://127.0.0.1:PORT"))
                .append("```\n\n```groovy\n").append(directScript().replace(h.nn, "hdfs://127.0.0.1:PORT")).append("```\n\n");

        b.append("Time to the first result of code in an interactive session (reported, no goal): `./lakesh` on a pseudo-terminal, ")
                .append("the prompt reached, then `:g 1+1` (Groovy, loaded on first use) or `:j 1+1` (JShell, started on first use) ")
                .append("typed; the time runs from Enter to the output `2` (checked) and the next prompt. The same line again ")
                .append("shows the warm cost. A fresh session per run, ").append(h.codeRuns).append(" of each, alternating.\n\n");
        b.append("| What | Runs | Median | Min–max |\n|---|---:|---:|---:|\n");
        row(b, null, "`:g 1+1`, first in the session (loads Groovy)", gFirst, 1000, "%.0f ms");
        row(b, null, "`:g 1+1` again", gAgain, 1000, "%.0f ms");
        row(b, null, "`:j 1+1`, first in the session (starts JShell)", jFirst, 1000, "%.0f ms");
        row(b, null, "`:j 1+1` again", jAgain, 1000, "%.0f ms");
        b.append('\n');
        b.append("- Raw runs (ms): first `:g` ").append(gFirst.all(1000, "%.0f")).append("; first `:j` ")
                .append(jFirst.all(1000, "%.0f")).append(".\n");
        loadLine(b, loadBefore);
        b.append('\n');

        summary(String.format(Locale.ROOT, "Groovy script, %,d `lake.ls` on HDFS (cold process)", h.scriptCalls),
                "≤ 1.3× Groovy on Hadoop's FileSystem", secs(lake.wall().median()),
                secs(plain.wall().median()) + String.format(Locale.ROOT, " (%,d FsShell: ≈ %.0f s, extrapolated)",
                        h.scriptCalls, shellAll),
                ratio(r), met(r <= goal));
        summary("First `:g 1+1` / `:j 1+1` result in a session", "—",
                ms(gFirst.median()) + " / " + ms(jFirst.median()), "—", "—", "—");
    }

    private static void cpuRow(StringBuilder b, String what, Series s) {
        b.append(String.format(Locale.ROOT, "| %s | %d | %.0f ms | %.0f–%.0f ms | %.2f s |%n", what, s.wall().size(),
                s.wall().median() * 1000, s.wall().min() * 1000, s.wall().max() * 1000, s.cpu().median()));
    }

    private static final Pattern LOOP_MS = Pattern.compile("entries in (\\d+) ms");

    /** The run's wall and CPU times, and the loop's own time as the script printed it. */
    private static void add(Series whole, Samples loop, Proc.Result r) throws java.io.IOException {
        whole.add(r);
        Matcher m = LOOP_MS.matcher(r.stdout());
        if (!m.find()) {
            throw new IllegalStateException("no loop time in " + r.out());
        }
        loop.add(Long.parseLong(m.group(1)) / 1000.0);
    }

    /** A script run that must exit 0 and print the expected line. */
    private Proc.Result script(String tag, List<String> cmd, String expect) throws Exception {
        Proc.Result r = h.mustRun(tag, cmd, Duration.ofMinutes(5));
        if (!r.stdout().contains(expect)) {
            throw new IllegalStateException(tag + ": expected '" + expect + "' in its output (" + r.out() + ")");
        }
        return r;
    }

    /** One fresh session: the line typed twice; the first and second times to the result and the next prompt. */
    private void code(String tag, String line, Samples first, Samples again) throws Exception {
        JsonNode n = h.probe(tag, Map.of(), null, List.of(line, line));
        JsonNode cmds = n.path("commands");
        if (cmds.size() != 2) {
            throw new IllegalStateException(tag + ": '" + line + "' did not come back to the prompt: " + n);
        }
        for (JsonNode c : cmds) {
            boolean two = c.path("output").asText().lines().anyMatch(l -> l.trim().equals("2"));
            if (!two) {
                throw new IllegalStateException(tag + ": '" + line + "' did not print 2: " + c);
            }
        }
        first.add(cmds.get(0).path("ms").asDouble() / 1000);
        again.add(cmds.get(1).path("ms").asDouble() / 1000);
    }
}
