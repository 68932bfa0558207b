package io.lakesh.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.lakesh.bench.Harness.load;
import static io.lakesh.bench.Harness.loadLine;
import static io.lakesh.bench.Harness.log;
import static io.lakesh.bench.Harness.met;
import static io.lakesh.bench.Harness.ms;
import static io.lakesh.bench.Harness.ratio;

/**
 * 7. SQL on DuckDB: GROUP BY over an Iceberg table of 10M rows against DuckDB reading the same Parquet
 * files with read_parquet (warm in one process each, and cold as whole processes) and against a full scan
 * with Iceberg's Java reader; the files a selective query on a partitioned table reads; the same query on
 * HDFS with a cold and a warm cache.
 */
final class SqlBench extends Section {
    private static final Pattern TIMING = Pattern.compile("\\((\\d+) rows?, ([0-9.]+) s, DuckDB(?:; (.*))?\\)");
    private static final Pattern DUCK = Pattern.compile("([0-9.]+) ms, (\\d+) rows");
    private static final String GROUP_BY = "select region, count(*) as n, sum(amount) as total from %s group by region order by region";
    int rows = 10_000_000;
    int warmRuns = 11;
    int coldRuns = 5;

    SqlBench(Harness h) {
        super(h);
    }

    @Override
    String name() {
        return "sql";
    }

    @Override
    int number() {
        return 7;
    }

    @Override
    void run() throws Exception {
        String loadBefore = load();
        log("sql: writing a " + rows + "-row Iceberg table with lakesh");
        String make = "create table /iceberg/lake/sqlb/t (id bigint, region string, amount double) --property write.target-file-size-bytes=16777216; "
                + "insert into lake.sqlb.t select i, ['north','south','east','west','central'][(i * 7919) % 5 + 1], ((i * 104729) % 1000000) / 100.0 from range(" + rows + ") r(i); "
                + "create table /iceberg/lake/sqlb/p (id bigint, region string, amount double) --partitioned-by region; "
                + "insert into lake.sqlb.p select * from lake.sqlb.t;";
        h.mustRun("sql-make", h.lakesh("-c", make), Duration.ofMinutes(20));
        Path tableDir = h.home.resolve("warehouse/sqlb/t");
        List<String> files;
        try (Stream<Path> s = Files.walk(tableDir.resolve("data"))) {
            files = s.map(Path::toString).filter(p -> p.endsWith(".parquet")).sorted().toList();
        }
        String fileList = files.stream().map(f -> "'" + f + "'").collect(Collectors.joining(", ", "[", "]"));
        String lakeQuery = String.format(Locale.ROOT, GROUP_BY, "lake.sqlb.t") + ";";
        String duckQuery = String.format(Locale.ROOT, GROUP_BY, "read_parquet(" + fileList + ")");

        // warm: one process each runs the query warmRuns + 1 times; the first run of each is not counted
        StringBuilder lakeSession = new StringBuilder("\\timing on; ");
        for (int i = 0; i <= warmRuns; i++) {
            lakeSession.append(lakeQuery).append(' ');
        }
        Samples lakeWarm = new Samples();
        Samples duckWarm = new Samples();
        List<String> notes = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            // two rounds, alternating which goes first, so that both see the same machine state
            boolean lakeFirst = round == 0;
            for (int k = 0; k < 2; k++) {
                if ((k == 0) == lakeFirst) {
                    Proc.Result r = h.mustRun("sql-warm-lakesh-" + round, h.lakesh("-c", lakeSession.toString()), Duration.ofMinutes(20));
                    List<Double> t = timings(r.stdout(), notes);
                    t.subList(1, t.size()).forEach(lakeWarm::add);
                } else {
                    Proc.Result r = h.mustRun("sql-warm-duckdb-" + round, h.benchMain(DuckQuery.class, Integer.toString(warmRuns + 1), duckQuery), Duration.ofMinutes(20));
                    List<Double> t = duckTimings(r.stdout());
                    t.subList(1, t.size()).forEach(duckWarm::add);
                }
            }
        }
        // cold: whole processes, alternating
        Series lakeCold = new Series();
        Series duckCold = new Series();
        for (int i = 0; i < coldRuns; i++) {
            log("sql cold run " + (i + 1) + "/" + coldRuns);
            if (i % 2 == 0) {
                lakeCold.add(h.mustRun("sql-cold-lakesh-" + i, h.lakesh("-c", lakeQuery), Duration.ofMinutes(10)));
                duckCold.add(h.mustRun("sql-cold-duckdb-" + i, h.benchMain(DuckQuery.class, "1", duckQuery), Duration.ofMinutes(10)));
            } else {
                duckCold.add(h.mustRun("sql-cold-duckdb-" + i, h.benchMain(DuckQuery.class, "1", duckQuery), Duration.ofMinutes(10)));
                lakeCold.add(h.mustRun("sql-cold-lakesh-" + i, h.lakesh("-c", lakeQuery), Duration.ofMinutes(10)));
            }
        }
        // Iceberg's Java reader, one full scan
        Path metadata;
        try (Stream<Path> s = Files.list(tableDir.resolve("metadata"))) {
            metadata = s.filter(p -> p.toString().endsWith(".metadata.json")).max(Comparator.comparing(p -> p.toFile().lastModified())).orElseThrow();
        }
        log("sql: Iceberg's Java reader, full scan");
        Proc.Result scan = h.mustRun("sql-iceberg-scan", h.benchMain(IcebergScan.class, metadata.toString()), Duration.ofMinutes(30));
        Matcher scanMs = Pattern.compile("([0-9.]+) ms\\s*$").matcher(scan.stdout().trim());
        double scanSeconds = scanMs.find() ? Double.parseDouble(scanMs.group(1)) / 1000 : scan.seconds();

        // a selective query on the partitioned copy
        Proc.Result selective = h.mustRun("sql-selective", h.lakesh("-c", "\\timing on; select count(*) as n from lake.sqlb.p where region = 'east';"), Duration.ofMinutes(5));
        List<String> selectiveNotes = new ArrayList<>();
        timings(selective.stdout(), selectiveNotes);

        // HDFS: the same table in a Hadoop catalog on the harness's HDFS, cold cache then warm
        log("sql: copying the table to HDFS");
        h.mustRun("sql-hdfs-make", h.lakesh("-c", "catalog add hb --type hadoop --warehouse " + h.nn + "/sqlwh; "
                + "create table /iceberg/hb/sqlb/t (id bigint, region string, amount double) --property write.target-file-size-bytes=16777216; "
                + "insert into hb.sqlb.t select * from lake.sqlb.t;"), Duration.ofMinutes(20));
        String hdfsQuery = String.format(Locale.ROOT, GROUP_BY, "hb.sqlb.t") + ";";
        Samples hdfsCold = new Samples();
        Samples hdfsWarm = new Samples();
        Samples localSession = new Samples();
        for (int i = 0; i < 3; i++) {
            Proc.Result cold = h.mustRun("sql-hdfs-cold-" + i, h.lakesh("-c", "cache clear; \\timing on; " + hdfsQuery + " " + hdfsQuery + " " + lakeQuery), Duration.ofMinutes(10));
            List<Double> t = timings(cold.stdout(), new ArrayList<>());
            hdfsCold.add(t.get(0));
            hdfsWarm.add(t.get(1));
            localSession.add(t.get(2));
        }

        double warmRatio = lakeWarm.median() / duckWarm.median();
        double coldRatio = lakeCold.wall().median() / duckCold.wall().median();
        double scanRatio = scanSeconds / lakeWarm.median();
        text.append(String.format(Locale.ROOT, "## 7. SQL on DuckDB over an Iceberg table of %,d rows%n%n", rows));
        text.append(String.format(Locale.ROOT, "The table `lake.sqlb.t` (id bigint, region string of 5 values, amount double) was written by lakesh "
                + "itself (`insert into … select … from range(%d)`, DuckDB writing Parquet, target file size 16 MiB): %d data files, "
                + "%.1f MiB. The query: `%s`. lakesh resolves `lake.sqlb.t` through the embedded catalog, plans its files with "
                + "iceberg-core and reads them with DuckDB (by column name: the table never changed its schema, so names are its field ids); the peer is DuckDB %s through its JDBC driver in a JVM of its "
                + "own (`io.lakesh.bench.DuckQuery`), reading the same %d files with `read_parquet([...])`, same threads (= CPUs).%n%n",
                rows, files.size(), files.stream().mapToLong(f -> Path.of(f).toFile().length()).sum() / (double) Harness.MIB,
                String.format(Locale.ROOT, GROUP_BY, "lake.sqlb.t"), "1.5.6", files.size()));
        text.append("| What | Runs | Median | Min–max |\n|---|---:|---:|---:|\n");
        Harness.row(text, null, "warm: lakesh, query in a session (`\\timing`)", lakeWarm, 1000, "%.0f ms");
        Harness.row(text, null, "warm: DuckDB `read_parquet`, query in a session", duckWarm, 1000, "%.0f ms");
        Harness.row(text, null, "cold: `./lakesh -c '<query>;'` (whole process)", lakeCold.wall(), 1000, "%.0f ms");
        Harness.row(text, null, "cold: `DuckQuery 1 '<query>'` (whole process)", duckCold.wall(), 1000, "%.0f ms");
        text.append(String.format(Locale.ROOT, "%n- Ratio warm (median lakesh / median DuckDB): **%s** (goal ≤ 1.15×): %s. Cold, whole processes: %s "
                + "(lakesh's process also starts the Iceberg catalog and plans the table; reported, not the goal).%n", ratio(warmRatio),
                met(warmRatio <= 1.15).replace("**", ""), ratio(coldRatio)));
        text.append(String.format(Locale.ROOT, "- Iceberg's Java generic reader, full scan grouped in Java (`io.lakesh.bench.IcebergScan`, one run): %s — "
                + "lakesh's warm query is **%.0f×** faster (expected ≥ 10×).%n", ms(scanSeconds), scanRatio));
        text.append("- What lakesh read (`\\timing`): " + String.join("; ", notes.stream().distinct().toList()) + ".\n");
        text.append("- Raw warm runs (ms): lakesh " + lakeWarm.all(1000, "%.0f") + "; DuckDB " + duckWarm.all(1000, "%.0f") + ".\n\n");
        text.append(String.format(Locale.ROOT, "Selective query on the partitioned copy `lake.sqlb.p` (partitioned by region, the same rows): "
                + "`select count(*) from lake.sqlb.p where region = 'east'` — %s. The filter's files are exactly the ones read.%n%n",
                String.join("; ", selectiveNotes)));
        text.append(String.format(Locale.ROOT, "HDFS: the same rows in a Hadoop catalog on the harness's HDFS (`hb.sqlb.t`, %s). Each of 3 "
                + "processes runs `cache clear`, then the query on HDFS twice (cold cache: the data files are fetched into "
                + "`$LAKESH_HOME/cache` in parallel; warm: read from the cache), then the local query; times from `\\timing`.%n%n", h.nn));
        text.append("| What | Runs | Median | Min–max |\n|---|---:|---:|---:|\n");
        Harness.row(text, null, "HDFS: cold cache (fetch + query)", hdfsCold, 1000, "%.0f ms");
        Harness.row(text, null, "HDFS: warm cache", hdfsWarm, 1000, "%.0f ms");
        Harness.row(text, null, "local: the local table, same session", localSession, 1000, "%.0f ms");
        text.append(String.format(Locale.ROOT, "%n- HDFS warm / local: %s; HDFS cold / local: %s.%n", ratio(hdfsWarm.median() / localSession.median()),
                ratio(hdfsCold.median() / localSession.median())));
        loadLine(text, loadBefore);
        text.append('\n');
        summary(String.format(Locale.ROOT, "GROUP BY over a %,d-row Iceberg table (warm)", rows), "≤ 1.15× DuckDB `read_parquet`",
                ms(lakeWarm.median()), ms(duckWarm.median()), ratio(warmRatio), met(warmRatio <= 1.15));
        summary("… against Iceberg's Java reader (full scan)", "≥ 10× faster", ms(lakeWarm.median()), ms(scanSeconds),
                String.format(Locale.ROOT, "%.0f× faster", scanRatio), met(scanRatio >= 10));
        summary("Selective query, partitioned table: files read", "= files the filter needs", String.join("; ", selectiveNotes), "—", "—", "—");
        summary("Same query on HDFS, cold / warm cache", "reported", ms(hdfsCold.median()) + " / " + ms(hdfsWarm.median()),
                ms(localSession.median()) + " (local)", "—", "—");
    }

    /** The seconds of each `\timing` line, in order; their notes (what was read) go to {@code notes}. */
    private static List<Double> timings(String out, List<String> notes) {
        List<Double> t = new ArrayList<>();
        Matcher m = TIMING.matcher(out);
        while (m.find()) {
            t.add(Double.parseDouble(m.group(2)));
            if (m.group(3) != null) {
                notes.add(m.group(3));
            }
        }
        if (t.isEmpty()) {
            throw new IllegalStateException("no \\timing lines in lakesh's output:\n" + out);
        }
        return t;
    }

    private static List<Double> duckTimings(String out) {
        List<Double> t = new ArrayList<>();
        Matcher m = DUCK.matcher(out);
        while (m.find()) {
            t.add(Double.parseDouble(m.group(1)) / 1000);
        }
        return t;
    }
}
