package io.lakesh.bench;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static io.lakesh.bench.Harness.MIB;
import static io.lakesh.bench.Harness.load;
import static io.lakesh.bench.Harness.loadLine;
import static io.lakesh.bench.Harness.log;
import static io.lakesh.bench.Harness.met;
import static io.lakesh.bench.Harness.ratio;
import static io.lakesh.bench.Harness.secs;

/**
 * 6. Iceberg tables: `load` of a CSV file of 1M rows into a new table against DuckDB writing the same CSV
 * to Parquet (a JVM of its own, {@link DuckCopy}); `ls -l` of a namespace with 1,000 tables, with the
 * files it reads.
 */
final class IcebergBench extends Section {
    private static final String COLUMNS = "(id bigint, region string, amount double, ts timestamp)";
    private static final String[] REGIONS = {"north", "south", "east", "west", "central"};

    IcebergBench(Harness h) {
        super(h);
    }

    @Override
    String name() {
        return "iceberg";
    }

    @Override
    int number() {
        return 6;
    }

    @Override
    void run() throws Exception {
        String loadBefore = load();
        Path dir = Files.createDirectories(h.data.resolve("iceberg"));
        Path csv = dir.resolve("data.csv");
        log("writing " + h.loadRows + " CSV rows to " + csv);
        writeCsv(csv, h.loadRows);
        text.append(String.format(Locale.ROOT, "## 6. Iceberg tables: `load` of %s CSV rows, `rewrite-data` of %,d small files, `ls -l` of %,d tables%n%n",
                rowsLabel(h.loadRows), SMALL_FILES, h.tables));
        loadBenchmark(dir, csv);
        rewriteBenchmark(dir);
        manyTables(dir);
        loadLine(text, loadBefore);
        text.append('\n');
        Harness.deleteTree(dir);
    }

    private static String rowsLabel(int rows) {
        return rows % 1_000_000 == 0 ? (rows / 1_000_000) + "M" : String.format(Locale.ROOT, "%,d", rows);
    }

    /** id bigint, region string (5 values), amount double (2 decimals), ts 'yyyy-MM-dd HH:mm:ss' in 2026. */
    private static void writeCsv(Path csv, int rows) throws IOException {
        SplittableRandom rnd = new SplittableRandom(7);
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
        LocalDateTime base = LocalDateTime.of(2026, 1, 1, 0, 0);
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("id,region,amount,ts\n");
            StringBuilder line = new StringBuilder(64);
            for (int i = 0; i < rows; i++) {
                long cents = rnd.nextLong(100_000_00L);
                line.setLength(0);
                line.append(i).append(',').append(REGIONS[rnd.nextInt(REGIONS.length)]).append(',')
                        .append(cents / 100).append('.').append(cents % 100 < 10 ? "0" : "").append(cents % 100).append(',');
                f.formatTo(base.plusSeconds(rnd.nextLong(365L * 86_400)), line);
                w.append(line).append('\n');
            }
        }
    }

    // ------------------------------------------------------------------------------------------ load

    private void loadBenchmark(Path dir, Path csv) throws Exception {
        Path duckOut = Files.createDirectories(dir.resolve("duckdb"));
        String loaded = String.format(Locale.ROOT, "loaded %d rows", h.loadRows);
        // Untimed warm-ups (disk cache of the jars; DuckDB's native library).
        lakeshLoad("iceberg-load-warmup", "t0", csv, loaded, Map.of());
        duckLoad("iceberg-duckdb-warmup", csv, duckOut.resolve("out-0.parquet"));
        String duckVersion = duckVersion();

        Series lake = new Series();
        Series duck = new Series();
        for (int i = 1; i <= h.loadRuns; i++) {
            log("load run " + i + "/" + h.loadRuns);
            if (i % 2 == 1) {
                lake.add(lakeshLoad("iceberg-load-" + i, "t" + i, csv, loaded, Map.of()));
                duck.add(duckLoad("iceberg-duckdb-" + i, csv, duckOut.resolve("out-" + i + ".parquet")));
            } else {
                duck.add(duckLoad("iceberg-duckdb-" + i, csv, duckOut.resolve("out-" + i + ".parquet")));
                lake.add(lakeshLoad("iceberg-load-" + i, "t" + i, csv, loaded, Map.of()));
            }
        }
        // Diagnostic, not counted: with the JIT's C2 compiler on (the launcher runs C1 only).
        Proc.Result c2 = lakeshLoad("iceberg-load-c2", "tc2", csv, loaded, Map.of("LAKESH_JAVA_OPTS", "-XX:TieredStopAtLevel=4"));

        ParquetInfo lakeFile = ParquetInfo.ofDir(h.home.resolve("warehouse/bench/t1"));
        ParquetInfo duckFile = ParquetInfo.ofDir(duckOut.resolve("out-1.parquet"));
        for (ParquetInfo p : List.of(lakeFile, duckFile)) {
            if (p.rows != h.loadRows) {
                h.problems.add("iceberg load: " + p.rows + " rows in the Parquet output " + p.where + ", expected " + h.loadRows);
            }
        }

        double goal = 1.5;
        double r = lake.wall().median() / duck.wall().median();
        StringBuilder b = text;
        b.append(String.format(Locale.ROOT, "### `load` of a CSV file into a new table%n%n"
                + "Goal: `load` of a %s-row CSV file into a new Iceberg table takes ≤ %.1f× the time DuckDB takes to write the "
                + "same CSV file as Parquet. The CSV (%.1f MiB, made by the harness, header row): `id` 0…%d, `region` one of "
                + "%d words, `amount` with 2 decimals, `ts` as `yyyy-MM-dd HH:mm:ss` in 2026. lakesh: `./lakesh -c \"create table "
                + "/iceberg/lake/bench/tN %s; load /iceberg/lake/bench/tN /…/data.csv\"` — a new table every run, in the "
                + "embedded catalog `lake` (SQLite catalog, warehouse on the local disk), both commands in the time. DuckDB "
                + "%s: `java -cp … io.lakesh.bench.DuckCopy data.csv out-N.parquet`, a JVM of its own with the JVM's default "
                + "flags, which opens an in-memory database through DuckDB's JDBC driver, runs `SET "
                + "autoinstall_known_extensions=false; SET autoload_known_extensions=false;` and then `COPY (SELECT * FROM "
                + "read_csv('data.csv')) TO 'out-N.parquet' (FORMAT parquet)`, with its default settings (threads = CPUs). "
                + "Whole processes, spawn to exit; %d runs of each, alternating, after one untimed run of each. Every lakesh "
                + "run printed `%s`; every DuckDB run printed %d rows written.%n%n",
                rowsLabel(h.loadRows), goal, Files.size(csv) / (double) MIB, h.loadRows - 1, REGIONS.length, COLUMNS,
                duckVersion, h.loadRuns, loaded, h.loadRows));
        b.append("| Command | Runs | Median | Min–max | CPU, median (user+sys) | Output (run 1) |\n|---|---:|---:|---:|---:|---|\n");
        b.append(String.format(Locale.ROOT, "| lakesh `create table` + `load` | %d | %.2f s | %.2f–%.2f s | %.1f s | %s |%n",
                lake.wall().size(), lake.wall().median(), lake.wall().min(), lake.wall().max(), lake.cpu().median(), lakeFile));
        b.append(String.format(Locale.ROOT, "| DuckDB `COPY (SELECT * FROM read_csv(…)) TO … (FORMAT parquet)` | %d | %.2f s "
                + "| %.2f–%.2f s | %.1f s | %s |%n", duck.wall().size(), duck.wall().median(), duck.wall().min(),
                duck.wall().max(), duck.cpu().median(), duckFile));
        b.append('\n');
        b.append(String.format(Locale.ROOT, "- Ratio (median lakesh / median DuckDB): **%.2f×** (goal ≤ %.1f×): %s.%n",
                r, goal, met(r <= goal)));
        b.append(String.format(Locale.ROOT, "- Rows per second (median): lakesh %,.0f, DuckDB %,.0f.%n",
                h.loadRows / lake.wall().median(), h.loadRows / duck.wall().median()));
        b.append("- Raw runs (s), in order: lakesh ").append(lake.wall().all(1, "%.2f")).append("; DuckDB ")
                .append(duck.wall().all(1, "%.2f")).append(".\n");
        b.append(String.format(Locale.ROOT, "- Diagnostic, one run, not counted: lakesh with the C2 JIT compiler on "
                + "(`LAKESH_JAVA_OPTS=-XX:TieredStopAtLevel=4`; the launcher runs C1 only): %.2f s (CPU %.1f s).%n",
                c2.seconds(), c2.cpu()));
        b.append("- lakesh has DuckDB read the CSV (typed by the table's schema) and write the Parquet files (with the table's "
                + "field ids and codec, zstd by Iceberg's default), then reads their footers for Iceberg's metrics and commits "
                + "once; the peer writes DuckDB's default codec (snappy), so the file sizes are not a like-for-like comparison. "
                + "lakesh's time also holds its own JVM start, the SQLite catalog, `create table` and the commit.\n\n");

        summary(String.format(Locale.ROOT, "`load` %s CSV rows into a new Iceberg table (cold)", rowsLabel(h.loadRows)),
                "≤ 1.5× DuckDB CSV → Parquet", secs(lake.wall().median()), secs(duck.wall().median()), ratio(r), met(r <= goal));
    }

    private Proc.Result lakeshLoad(String tag, String table, Path csv, String expect, Map<String, String> env) throws Exception {
        String t = "/iceberg/lake/bench/" + table;
        Proc.Result r = h.proc.run(tag, h.lakesh("-c", "create table " + t + " " + COLUMNS + "; load " + t + " " + csv),
                env, Duration.ofMinutes(10));
        if (r.exit() != 0) {
            throw new IllegalStateException(tag + " exited with " + r.exit() + ":\n" + r.errTail());
        }
        if (!r.stdout().contains(expect)) {
            throw new IllegalStateException(tag + ": expected '" + expect + "' in its output (" + r.out() + ")");
        }
        return r;
    }

    private Proc.Result duckLoad(String tag, Path csv, Path out) throws Exception {
        Proc.Result r = h.mustRun(tag, h.benchMain(DuckCopy.class, csv.toString(), out.toString()), Duration.ofMinutes(10));
        if (!r.stdout().trim().equals(String.valueOf(h.loadRows))) {
            throw new IllegalStateException(tag + ": DuckDB wrote '" + r.stdout().trim() + "' rows, expected " + h.loadRows);
        }
        return r;
    }

    /** DuckDB's version, from DuckCopy in a process of its own (the harness JVM does not load DuckDB). */
    private String duckVersion() throws Exception {
        Proc.Result r = h.run("iceberg-duckdb-version", h.benchMain(DuckCopy.class, "--version"), Duration.ofMinutes(1));
        return r.exit() == 0 ? r.stdout().trim() : "?";
    }

    /** Parquet files of one run: count, bytes, rows, row groups, codec (from the footers). */
    private record ParquetInfo(String where, int files, long bytes, long rows, int rowGroups, String codec) {
        static ParquetInfo ofDir(Path dirOrFile) throws IOException {
            List<Path> files;
            try (Stream<Path> s = Files.walk(dirOrFile)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".parquet") && !p.getFileName().toString().startsWith("."))
                        .toList();
            }
            long bytes = 0;
            long rows = 0;
            int groups = 0;
            String codec = "?";
            for (Path p : files) {
                bytes += Files.size(p);
                try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
                        new org.apache.hadoop.fs.Path(p.toUri()), new Configuration()))) {
                    List<BlockMetaData> blocks = r.getFooter().getBlocks();
                    groups += blocks.size();
                    for (BlockMetaData block : blocks) {
                        rows += block.getRowCount();
                    }
                    if (!blocks.isEmpty() && !blocks.get(0).getColumns().isEmpty()) {
                        codec = blocks.get(0).getColumns().get(0).getCodec().name();
                    }
                }
            }
            return new ParquetInfo(dirOrFile.toString(), files.size(), bytes, rows, groups, codec);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d Parquet file%s, %.1f MiB, %,d rows, %d row group%s, %s", files,
                    files == 1 ? "" : "s", bytes / (double) MIB, rows, rowGroups, rowGroups == 1 ? "" : "s", codec);
        }
    }

    // ------------------------------------------------------------------------------------------ ls -l of 1,000 tables

    private static final int SMALL_FILES = 1000;
    private static final int ROWS_PER_FILE = 1000;

    /**
     * rewrite-data of a table of 1,000 small files (one `insert` each, as a streaming writer leaves them) against
     * DuckDB reading the same 1,000 files and writing their rows as one Parquet file. Between runs the table is
     * rolled back to the snapshot before the rewrite, so every run rewrites the same files.
     */
    private void rewriteBenchmark(Path dir) throws Exception {
        StringBuilder lsh = new StringBuilder("# written by io.lakesh.bench.IcebergBench\n"
                + "create table /iceberg/lake/rw/t (id bigint, region string, amount double)\n");
        for (int i = 0; i < SMALL_FILES; i++) {
            lsh.append("insert into lake.rw.t select ").append(i * ROWS_PER_FILE).append(" + x, ['north','south','east','west','central'][x % 5 + 1], x / 100.0 from range(")
                    .append(ROWS_PER_FILE).append(") r(x);\n");
        }
        Path file = dir.resolve("small-files.lsh");
        Files.writeString(file, lsh);
        log("rewrite-data: writing " + SMALL_FILES + " small files (one insert each)");
        h.mustRun("iceberg-small-files", h.lakesh("-f", file.toString()), Duration.ofMinutes(30));
        Path data = h.home.resolve("warehouse/rw/t/data");
        List<String> files;
        try (Stream<Path> s = Files.walk(data)) {
            files = s.map(Path::toString).filter(p -> p.endsWith(".parquet")).sorted().toList();
        }
        if (files.size() != SMALL_FILES) {
            h.problems.add("rewrite-data: " + files.size() + " data files written, expected " + SMALL_FILES);
        }
        Proc.Result snapshot = h.mustRun("iceberg-rw-snapshot", h.lakesh("-c", ":g lake.table('/iceberg/lake/rw/t').currentSnapshot().snapshotId()"), Duration.ofMinutes(2));
        String before = snapshot.stdout().trim();
        Path duckOut = Files.createDirectories(dir.resolve("rewrite-duckdb"));
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
                    // untimed: back to the 1,000 small files, so that every run rewrites the same ones
                    h.mustRun("iceberg-rewrite-rollback-" + i, h.lakesh("-c", "rollback /iceberg/lake/rw/t@" + before), Duration.ofMinutes(5));
                    a = h.mustRun("iceberg-rewrite-" + i, h.lakesh("-c", "rewrite-data /iceberg/lake/rw/t --force"), Duration.ofMinutes(10));
                    if (!a.stdout().contains(expect)) {
                        throw new IllegalStateException("rewrite-data run " + i + ": expected '" + expect + "' in " + a.out());
                    }
                } else {
                    b = h.mustRun("iceberg-rewrite-duckdb-" + i, h.duckOnce(duckOut, "copy-" + i,
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
        text.append(String.format(Locale.ROOT, "### `rewrite-data` of %,d small files%n%n"
                + "Goal: `rewrite-data` of a table of %,d small data files takes ≤ %.1f× the time DuckDB takes to rewrite the same rows "
                + "into Parquet. The table `lake.rw.t` got its files from %,d `insert` statements of %,d rows each (one data file and "
                + "one commit each, as a streaming writer leaves a table). lakesh: `./lakesh -c \"rewrite-data /iceberg/lake/rw/t --force\"`, "
                + "each run after an untimed `rollback` to the snapshot before, so that every run rewrites the same files: plan from %,d manifests, DuckDB reads the files (deletes applied) and writes one file, footer metrics, "
                + "one RewriteFiles commit. DuckDB: `io.lakesh.bench.DuckQuery 1 @copy.sql` with `COPY (SELECT * FROM read_parquet([the %,d files])) TO "
                + "'out.parquet' (FORMAT parquet)`, a JVM of its own. Whole processes, %d runs each, alternating, after one untimed run of each.%n%n",
                SMALL_FILES, SMALL_FILES, goal, SMALL_FILES, ROWS_PER_FILE, SMALL_FILES, SMALL_FILES, runs));
        text.append("| Command | Runs | Median | Min–max | CPU, median (user+sys) |\n|---|---:|---:|---:|---:|\n");
        text.append(String.format(Locale.ROOT, "| lakesh `rewrite-data --force` | %d | %.2f s | %.2f–%.2f s | %.1f s |%n",
                lake.wall().size(), lake.wall().median(), lake.wall().min(), lake.wall().max(), lake.cpu().median()));
        text.append(String.format(Locale.ROOT, "| DuckDB `COPY (SELECT * FROM read_parquet([…])) TO …` | %d | %.2f s | %.2f–%.2f s | %.1f s |%n%n",
                duck.wall().size(), duck.wall().median(), duck.wall().min(), duck.wall().max(), duck.cpu().median()));
        text.append(String.format(Locale.ROOT, "- Ratio (median lakesh / median DuckDB): **%.2f×** (goal ≤ %.1f×): %s.%n", r, goal, met(r <= goal)));
        text.append("- Raw runs (s): lakesh ").append(lake.wall().all(1, "%.2f")).append("; DuckDB ").append(duck.wall().all(1, "%.2f")).append(".\n\n");
        summary(String.format(Locale.ROOT, "`rewrite-data` of %,d small files (cold)", SMALL_FILES), "≤ 1.5× DuckDB rewriting the rows",
                secs(lake.wall().median()), secs(duck.wall().median()), ratio(r), met(r <= goal));
    }

    private void manyTables(Path dir) throws Exception {
        int n = h.tables;
        List<String> names = new ArrayList<>();
        StringBuilder lsh = new StringBuilder("# written by io.lakesh.bench.IcebergBench\n");
        for (int i = 0; i < n; i++) {
            String name = String.format(Locale.ROOT, "t%04d", i);
            names.add(name);
            lsh.append("create table /iceberg/lake/many/").append(name).append(" (id bigint, name string)\n");
        }
        Path file = dir.resolve("many.lsh");
        Files.writeString(file, lsh);
        log("creating " + n + " tables in /iceberg/lake/many");
        Proc.Result created = h.mustRun("iceberg-create-many", h.lakesh("-f", file.toString()), Duration.ofMinutes(10));
        long metadataFiles;
        try (Stream<Path> s = Files.walk(h.home.resolve("warehouse/many"))) {
            metadataFiles = s.filter(p -> p.getFileName().toString().endsWith(".metadata.json")).count();
        }

        String lsLong = "ls -l /iceberg/lake/many";
        String lsShort = "ls /iceberg/lake/many";
        h.timedListing("iceberg-ls-warmup", h.lakesh("-c", lsLong), names);
        Series longRuns = new Series();
        Series shortRuns = new Series();
        for (int i = 0; i < h.tableLsRuns; i++) {
            log("ls of " + n + " tables, run " + (i + 1) + "/" + h.tableLsRuns);
            if (i % 2 == 0) {
                longRuns.add(h.timedListing("iceberg-ls-l-" + i, h.lakesh("-c", lsLong), names));
                shortRuns.add(h.timedListing("iceberg-ls-" + i, h.lakesh("-c", lsShort), names));
            } else {
                shortRuns.add(h.timedListing("iceberg-ls-" + i, h.lakesh("-c", lsShort), names));
                longRuns.add(h.timedListing("iceberg-ls-l-" + i, h.lakesh("-c", lsLong), names));
            }
        }
        Opens longOpens = traceOpens("iceberg-strace-ls-l", lsLong, names);
        Opens shortOpens = traceOpens("iceberg-strace-ls", lsShort, names);

        StringBuilder b = text;
        b.append(String.format(Locale.ROOT, "### `ls -l` of a namespace with %,d tables%n%n"
                + "Reported, no goal. %,d empty tables (`id bigint, name string`) made once in the namespace `many` of the "
                + "embedded catalog `lake` by one `./lakesh -f many.lsh` of %,d `create table` lines (%.1f s, %.1f ms a table; "
                + "%,d `*.metadata.json` files under the warehouse afterwards, one a table). Then `./lakesh -c '%s'` and, for "
                + "comparison, the plain `ls`, %d runs each, alternating, after one untimed run; every run's output was "
                + "checked to name all %,d tables.%n%n",
                n, n, n, created.seconds(), created.seconds() * 1000 / n, metadataFiles, lsLong, h.tableLsRuns, n));
        b.append("| Command | Runs | Median | Min–max | CPU, median (user+sys) |\n|---|---:|---:|---:|---:|\n");
        for (Object[] row : new Object[][] {{"`./lakesh -c '" + lsLong + "'`", longRuns}, {"`./lakesh -c '" + lsShort + "'`", shortRuns}}) {
            Series s = (Series) row[1];
            b.append(String.format(Locale.ROOT, "| %s | %d | %.0f ms | %.0f–%.0f ms | %.2f s |%n", row[0], s.wall().size(),
                    s.wall().median() * 1000, s.wall().min() * 1000, s.wall().max() * 1000, s.cpu().median()));
        }
        b.append('\n');
        if (longOpens != null) {
            b.append("- Files read, counted in one more run of each under `strace -f -e trace=openat` (successful opens "
                    + "under the warehouse, by the whole process tree):\n");
            b.append("  - `").append(lsLong).append("`: ").append(longOpens).append('\n');
            b.append("  - `").append(lsShort).append("`: ").append(shortOpens).append('\n');
        } else {
            b.append(String.format(Locale.ROOT, "- Files read: strace is not installed, so not counted per run; the warehouse "
                    + "holds %,d `*.metadata.json` files, one a table, and `ls -l` shows each table's size and last commit, "
                    + "which come from that file.%n", metadataFiles));
        }
        b.append(String.format(Locale.ROOT, "- Per table (median `ls -l` time / %,d, start-up included): %.2f ms.%n",
                n, longRuns.wall().median() * 1000 / n));
        b.append("- Raw runs (ms), in order: `ls -l` ").append(longRuns.wall().all(1000, "%.0f"))
                .append("; `ls` ").append(shortRuns.wall().all(1000, "%.0f")).append(".\n");

        summary(String.format(Locale.ROOT, "`ls -l` of a namespace with %,d Iceberg tables (cold)", n), "—",
                String.format(Locale.ROOT, "%.0f ms (%s)", longRuns.wall().median() * 1000, longOpens != null
                        ? String.format(Locale.ROOT, "%,d metadata.json read", longOpens.metadataJson)
                        : String.format(Locale.ROOT, "%,d metadata.json files", metadataFiles)),
                "—", "—", "—");
    }

    /** Successful opens of files under the warehouse, from strace. */
    private record Opens(long metadataJson, long distinctMetadataJson, long crc, long all) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d opens of `*.metadata.json` (%,d distinct files), %,d of their `.crc` "
                    + "checksum files, %,d opens in all", metadataJson, distinctMetadataJson, crc, all);
        }
    }

    private Opens traceOpens(String tag, String command, List<String> names) throws Exception {
        if (Proc.capture(h.work, "sh", "-c", "command -v strace").isBlank()) {
            return null;
        }
        Path trace = h.work.resolve("logs").resolve(tag + ".strace");
        List<String> cmd = new ArrayList<>(List.of("strace", "-f", "-qq", "-e", "trace=openat", "-o", trace.toString()));
        cmd.addAll(h.lakesh("-c", command));
        h.timedListing(tag, cmd, names);
        String warehouse = h.home.resolve("warehouse").toString();
        long json = 0;
        long crc = 0;
        long all = 0;
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (String line : Files.readAllLines(trace)) {
            int q = line.indexOf('"');
            int q2 = q < 0 ? -1 : line.indexOf('"', q + 1);
            if (q2 < 0 || line.contains("= -1 ")) {
                continue;
            }
            String path = line.substring(q + 1, q2);
            if (!path.startsWith(warehouse)) {
                continue;
            }
            all++;
            if (path.endsWith(".metadata.json")) {
                json++;
                distinct.add(path);
            } else if (path.endsWith(".metadata.json.crc")) {
                crc++;
            }
        }
        return new Opens(json, distinct.size(), crc, all);
    }
}
