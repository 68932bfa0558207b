package io.lakesh.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static io.lakesh.bench.Harness.load;
import static io.lakesh.bench.Harness.loadLine;
import static io.lakesh.bench.Harness.log;
import static io.lakesh.bench.Harness.met;
import static io.lakesh.bench.Harness.ratio;
import static io.lakesh.bench.Harness.secs;

/**
 * 10. Delta tables: `describe` + `history` of a table with 10,000 commits and checkpoints against delta-kernel's own
 * snapshot load ({@link KernelSnapshot}, a JVM of its own); `optimize` of 1,000 small files against DuckDB rewriting
 * the same rows into Parquet ({@link DuckQuery}).
 */
final class DeltaBench extends Section {
    private static final int COMMITS = 10_000;
    private static final int CHECKPOINT_INTERVAL = 100;
    private static final int SMALL_FILES = 1000;
    private static final int ROWS_PER_FILE = 1000;

    DeltaBench(Harness h) {
        super(h);
    }

    @Override
    String name() {
        return "delta";
    }

    @Override
    int number() {
        return 10;
    }

    @Override
    void run() throws Exception {
        String loadBefore = load();
        text.append(String.format(Locale.ROOT, "## 10. Delta tables: `describe` + `history` of %,d commits, `optimize` of %,d small files%n%n",
                COMMITS, SMALL_FILES));
        Path root = Files.createDirectories(h.home.resolve("warehouse/bench-delta"));
        history(root.resolve("history"));
        optimize(root);
        loadLine(text, loadBefore);
        text.append('\n');
        Harness.deleteTree(root);
    }

    // ------------------------------------------------------------------------------------------ describe + history

    private void history(Path table) throws Exception {
        log("delta: writing a log of " + COMMITS + " commits, a checkpoint every " + CHECKPOINT_INTERVAL);
        long t0 = System.nanoTime();
        DeltaLogTable.write(table, COMMITS, CHECKPOINT_INTERVAL);
        double generated = (System.nanoTime() - t0) / 1e9;
        long latest = COMMITS - 1;
        String path = "/local/bench-delta/history";
        List<String> lakeshCmd = h.lakesh("-c", "describe " + path + "; history " + path);
        List<String> kernelCmd = h.benchMain(KernelSnapshot.class, "1", table.toUri().toString());
        // the peer at its best too: the same class files as lakesh (its jar) and the launcher's JVM flags, without its AppCDS archive
        List<String> kernelBestCmd = List.of(h.java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms16m", "-XX:-UsePerfData", "-cp",
                h.dist.resolve("shell/target/lakesh.jar") + ":" + h.benchClasses, KernelSnapshot.class.getName(), "1", table.toUri().toString());
        // describe's version line, and history's 20th row (the newest 20 commits)
        String lakeshExpect = "(?s).*\\b" + latest + " at .*\\n\\s*" + (latest - 19) + "\\s.*";
        String kernelExpect = "(?s)version " + latest + ",.*";
        check(h.mustRun("delta-history-warmup", lakeshCmd, Duration.ofMinutes(5)), lakeshExpect);
        check(h.mustRun("delta-kernel-warmup", kernelCmd, Duration.ofMinutes(5)), kernelExpect);
        check(h.mustRun("delta-kernel-best-warmup", kernelBestCmd, Duration.ofMinutes(5)), kernelExpect);
        Series lake = new Series();
        Series kernel = new Series();
        Series kernelBest = new Series();
        for (int i = 0; i < h.runs; i++) {
            log("delta describe + history run " + (i + 1) + "/" + h.runs);
            for (int k = 0; k < 3; k++) {
                switch ((k + i) % 3) {
                    case 0 -> lake.add(check(h.mustRun("delta-history-" + i, lakeshCmd, Duration.ofMinutes(5)), lakeshExpect));
                    case 1 -> kernel.add(check(h.mustRun("delta-kernel-" + i, kernelCmd, Duration.ofMinutes(5)), kernelExpect));
                    default -> kernelBest.add(check(h.mustRun("delta-kernel-best-" + i, kernelBestCmd, Duration.ofMinutes(5)), kernelExpect));
                }
            }
        }
        // Diagnostic: loads after the first in one kernel process (warm JVM, warm page cache)
        Proc.Result warm = h.mustRun("delta-kernel-warm", h.benchMain(KernelSnapshot.class, "6", table.toUri().toString()), Duration.ofMinutes(5));
        Samples warmMs = new Samples();
        warm.stdout().lines().skip(1).forEach(l -> warmMs.add(Double.parseDouble(l.replaceAll(".*, ([0-9.]+) ms$", "$1"))));
        long files;
        try (Stream<Path> s = Files.list(table.resolve("_delta_log"))) {
            files = s.count();
        }
        double goal = 1.2;
        Series peer = kernelBest.wall().median() < kernel.wall().median() ? kernelBest : kernel;
        double r = lake.wall().median() / peer.wall().median();
        text.append(String.format(Locale.ROOT, "### `describe` + `history` of a table with %,d commits%n%n"
                + "Goal: `describe` and `history` of a Delta table with %,d commits and checkpoints take ≤ %.1f× the time delta-kernel "
                + "takes to load the table's snapshot. The table (`/local/bench-delta/history`, 3 columns, unpartitioned) was written by "
                + "the harness as the log alone, in %.0f s: version 0 creates it, versions 1…%,d append one file each (commitInfo with "
                + "metrics, an add with stats, commit times a minute apart), and the kernel wrote a classic checkpoint every %d versions "
                + "(`delta.checkpointInterval=%d`), so the latest snapshot is the checkpoint of version %,d and %d commits after it; "
                + "`_delta_log` holds %,d files (with the checksum files Hadoop's local file system writes). lakesh: `./lakesh -c "
                + "\"describe %s; history %s\"` (the newest 20 commits). The kernel: `io.lakesh.bench.KernelSnapshot`, a JVM of its own "
                + "with the JVM's default flags: `DefaultEngine.create(new Configuration())`, `TableManager.loadSnapshot(uri).build(engine)`, "
                + "then version, schema, protocol and properties printed; once on the bench module's class path, once at its best: on "
                + "lakesh's own jar (the same class files) with the launcher's JVM flags (C1 only, Serial GC; no AppCDS archive, which "
                + "is lakesh's own). Whole processes, %d runs each, rotating, after one untimed run of each; every run's output was "
                + "checked for version %,d. The ratio is against the faster kernel row.%n%n",
                COMMITS, COMMITS, goal, generated, latest, CHECKPOINT_INTERVAL, CHECKPOINT_INTERVAL, latest / CHECKPOINT_INTERVAL * CHECKPOINT_INTERVAL,
                latest % CHECKPOINT_INTERVAL, files, path, path, h.runs, latest));
        table(lake, "lakesh `describe` + `history`", kernel, "delta-kernel snapshot load (`KernelSnapshot`, bench class path, default JVM flags)");
        text.setLength(text.length() - 1); // one more row in the same table
        Series best = kernelBest;
        text.append(String.format(Locale.ROOT, "| delta-kernel snapshot load (`KernelSnapshot` on lakesh's jar, C1, Serial GC) | %d | %.2f s | %.2f–%.2f s | %.1f s |%n%n",
                best.wall().size(), best.wall().median(), best.wall().min(), best.wall().max(), best.cpu().median()));
        text.append(String.format(Locale.ROOT, "- Ratio (median lakesh / median of the faster kernel row): **%.2f×** (goal ≤ %.1f×): %s.%n", r, goal, met(r <= goal)));
        text.append(String.format(Locale.ROOT, "- Diagnostic, not counted: the kernel's snapshot load in a warm JVM (loads 2–6 of one process): "
                + "median %.0f ms (%.0f–%.0f ms).%n", warmMs.median(), warmMs.min(), warmMs.max()));
        text.append("- lakesh loads the snapshot once for both commands (the session keeps it while no next commit file exists) and reads "
                + "`history` from the snapshot's version back, one commit file each, without listing the log.\n");
        text.append("- Raw runs (s): lakesh ").append(lake.wall().all(1, "%.2f")).append("; kernel ").append(kernel.wall().all(1, "%.2f"))
                .append("; kernel at its best ").append(kernelBest.wall().all(1, "%.2f")).append(".\n\n");
        summary(String.format(Locale.ROOT, "`describe` + `history` of a Delta table with %,d commits (cold)", COMMITS),
                "≤ 1.2× delta-kernel snapshot load", secs(lake.wall().median()), secs(peer.wall().median()), ratio(r), met(r <= goal));
    }

    private static Proc.Result check(Proc.Result r, String pattern) throws java.io.IOException {
        if (!r.stdout().matches(pattern)) {
            throw new IllegalStateException("expected output matching " + pattern + " (" + r.out() + ")");
        }
        return r;
    }

    private void table(Series lake, String lakeName, Series peer, String peerName) {
        text.append("| Command | Runs | Median | Min–max | CPU, median (user+sys) |\n|---|---:|---:|---:|---:|\n");
        for (Object[] row : new Object[][] {{lakeName, lake}, {peerName, peer}}) {
            Series s = (Series) row[1];
            text.append(String.format(Locale.ROOT, "| %s | %d | %.2f s | %.2f–%.2f s | %.1f s |%n", row[0], s.wall().size(),
                    s.wall().median(), s.wall().min(), s.wall().max(), s.cpu().median()));
        }
        text.append('\n');
    }

    // ------------------------------------------------------------------------------------------ optimize

    /**
     * optimize of a table of 1,000 small files (one `insert` each) against DuckDB reading the same files and writing
     * their rows as one Parquet file. Before each run the table is restored to the version before, so that every run
     * compacts the same files.
     */
    private void optimize(Path root) throws Exception {
        String path = "/local/bench-delta/small";
        StringBuilder lsh = new StringBuilder("# written by io.lakesh.bench.DeltaBench\n"
                + "create table " + path + " (id bigint, region string, amount double) --using delta\n");
        for (int i = 0; i < SMALL_FILES; i++) {
            lsh.append("insert into ").append(path).append(" select ").append(i * ROWS_PER_FILE)
                    .append(" + x, ['north','south','east','west','central'][x % 5 + 1], x / 100.0 from range(").append(ROWS_PER_FILE).append(") r(x);\n");
        }
        Path file = h.data.resolve("delta-small-files.lsh");
        Files.writeString(file, lsh);
        log("delta optimize: writing " + SMALL_FILES + " small files (one insert each)");
        long t0 = System.nanoTime();
        h.mustRun("delta-small-files", h.lakesh("-f", file.toString()), Duration.ofMinutes(40));
        double made = (System.nanoTime() - t0) / 1e9;
        List<String> files;
        try (Stream<Path> s = Files.list(root.resolve("small"))) {
            files = s.map(Path::toString).filter(p -> p.endsWith(".parquet")).sorted().toList();
        }
        if (files.size() != SMALL_FILES) {
            h.problems.add("delta optimize: " + files.size() + " data files written, expected " + SMALL_FILES);
        }
        Path duckOut = Files.createDirectories(h.data.resolve("delta-optimize-duckdb"));
        String list = files.stream().map(f -> "'" + f + "'").collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        String expect = "rewrote " + SMALL_FILES + " data files into 1 (" + (SMALL_FILES * ROWS_PER_FILE) + " rows)";
        Series lake = new Series();
        Series duck = new Series();
        int runs = Math.max(3, h.loadRuns);
        for (int i = 0; i <= runs; i++) {
            boolean counted = i > 0; // the first of each is a warm-up
            Proc.Result a = null;
            Proc.Result b = null;
            for (int k = 0; k < 2; k++) {
                if ((k == 0) == (i % 2 == 0)) {
                    if (i > 0) {
                        // untimed: back to the 1,000 small files, and a checkpoint of that version, so that every run starts from
                        // the table as the 1,000 appends left it (their last version a checkpoint, no JSON tail of restores)
                        h.mustRun("delta-optimize-restore-" + i, h.lakesh("-c", "restore " + path + "@" + SMALL_FILES + "; checkpoint " + path),
                                Duration.ofMinutes(5));
                    }
                    a = h.mustRun("delta-optimize-" + i, h.lakesh("-c", "optimize " + path + " --force"), Duration.ofMinutes(10));
                    if (!a.stdout().contains(expect)) {
                        throw new IllegalStateException("optimize run " + i + ": expected '" + expect + "' in " + a.out());
                    }
                } else {
                    b = h.mustRun("delta-optimize-duckdb-" + i, h.duckOnce(duckOut, "copy-" + i,
                            "COPY (SELECT * FROM read_parquet(" + list + ")) TO '" + duckOut.resolve("out-" + i + ".parquet") + "' (FORMAT parquet)"), Duration.ofMinutes(10));
                }
            }
            if (counted) {
                lake.add(a);
                duck.add(b);
            }
        }
        double goal = 1.5;
        double r = lake.wall().median() / duck.wall().median();
        text.append(String.format(Locale.ROOT, "### `optimize` of %,d small files%n%n"
                + "Goal: `optimize` of a Delta table of %,d small data files takes ≤ %.1f× the time DuckDB takes to rewrite the same rows "
                + "into Parquet. The table `%s` got its files from %,d `insert` statements of %,d rows each in one `./lakesh -f` script "
                + "(%.0f s; one data file and one commit each, with the kernel's checkpoint every 10 commits). lakesh: `./lakesh -c "
                + "\"optimize %s --force\"`, each run after an untimed `restore %s@%d; checkpoint`, so that every run compacts the same "
                + "files from a table whose latest version is a checkpoint, as the appends left it (without the checkpoint, the kernel "
                + "would replay the JSON of every restore and optimize before, 1,000 actions each): the "
                + "kernel replays the log, DuckDB reads the files and writes one, stats from its footer, one commit of %,d removes and an "
                + "add (`dataChange: false`). DuckDB: `io.lakesh.bench.DuckQuery 1 @copy.sql` with `COPY (SELECT * FROM read_parquet([the %,d files])) TO "
                + "'out.parquet' (FORMAT parquet)` in the file, a JVM of its own. Whole processes, %d runs each, alternating, after one untimed run of each.%n%n",
                SMALL_FILES, SMALL_FILES, goal, path, SMALL_FILES, ROWS_PER_FILE, made, path, path, SMALL_FILES, SMALL_FILES, SMALL_FILES, runs));
        table(lake, "lakesh `optimize --force`", duck, "DuckDB `COPY (SELECT * FROM read_parquet([…])) TO …`");
        text.append(String.format(Locale.ROOT, "- Ratio (median lakesh / median DuckDB): **%.2f×** (goal ≤ %.1f×): %s.%n", r, goal, met(r <= goal)));
        text.append("- Raw runs (s): lakesh ").append(lake.wall().all(1, "%.2f")).append("; DuckDB ").append(duck.wall().all(1, "%.2f")).append(".\n\n");
        summary(String.format(Locale.ROOT, "`optimize` of %,d small Delta files (cold)", SMALL_FILES), "≤ 1.5× DuckDB rewriting the rows",
                secs(lake.wall().median()), secs(duck.wall().median()), ratio(r), met(r <= goal));
    }
}
