package io.lakesh.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.lakesh.bench.Harness.load;
import static io.lakesh.bench.Harness.loadLine;
import static io.lakesh.bench.Harness.log;
import static io.lakesh.bench.Harness.met;
import static io.lakesh.bench.Harness.ms;
import static io.lakesh.bench.Harness.ratio;

/**
 * 8. Trino: TPC-H Q1 and Q6 on `tpch.sf1` through lakesh's Trino path (`trino <sql>` in a session, `\timing`)
 * against the same statements over plain Trino JDBC in a process of its own, interleaved; and a small-table
 * inspection query through Trino against lakesh's DuckDB path on the same Delta table (what `\engine auto` rests on).
 * Trino is started by the recipe `lakefs-init/trino-local.groovy` (so through `TrinoLocal`, as tests start it),
 * which also sets `trino.url` in the scratch lakesh.conf; the JDBC peer runs on lakesh's own jar (the same driver).
 */
final class TrinoBench extends Section {
    private static final Pattern TIMING = Pattern.compile("\\((\\d+) rows?, ([0-9.]+) s, (Trino|DuckDB)(?:; [^)]*)?\\)");
    private static final Pattern PEER = Pattern.compile("q(\\d) ([0-9.]+) ms, (\\d+) rows");
    static final String Q1 = "select returnflag, linestatus, sum(quantity) as sum_qty, sum(extendedprice) as sum_base_price, "
            + "sum(extendedprice * (1 - discount)) as sum_disc_price, sum(extendedprice * (1 - discount) * (1 + tax)) as sum_charge, "
            + "avg(quantity) as avg_qty, avg(extendedprice) as avg_price, avg(discount) as avg_disc, count(*) as count_order "
            + "from tpch.sf1.lineitem where shipdate <= date '1998-12-01' - interval '90' day "
            + "group by returnflag, linestatus order by returnflag, linestatus";
    static final String Q6 = "select sum(extendedprice * discount) as revenue from tpch.sf1.lineitem "
            + "where shipdate >= date '1994-01-01' and shipdate < date '1995-01-01' and discount between 0.05 and 0.07 and quantity < 24";
    static final String SMALL = "select region, count(*) as n, sum(amount) as total from %s group by region order by region";
    /** Counted runs of each query per process; each process runs one more first, not counted (connection, JIT). */
    int runsPerProcess = 5;
    int rounds = 2;
    int smallRuns = 11;

    TrinoBench(Harness h) {
        super(h);
    }

    @Override
    String name() {
        return "trino";
    }

    @Override
    int number() {
        return 8;
    }

    @Override
    void run() throws Exception {
        String loadBefore = load();
        String recipe = h.repo.resolve("lakefs-init/trino-local.groovy").toString();
        log("trino: starting Trino with " + recipe);
        Proc.Result started = h.mustRun("trino-start", h.lakesh("-f", recipe, "start"), Duration.ofMinutes(10));
        Matcher at = Pattern.compile("Trino (\\d+) started \\(pid \\d+\\) at (http://\\S+) in (\\d+) ms").matcher(started.stdout());
        if (!at.find()) {
            throw new IllegalStateException("the recipe did not say where Trino runs:\n" + started.stdout() + started.errTail());
        }
        try {
            String jdbcUrl = at.group(2).replaceFirst("^http://", "jdbc:trino://");
            log("trino: ready at " + at.group(2));
            measure(at.group(1), jdbcUrl, Long.parseLong(at.group(3)) / 1000.0, loadBefore);
        } finally {
            h.run("trino-stop", h.lakesh("-f", recipe, "stop"), Duration.ofMinutes(2));
        }
    }

    private void measure(String version, String jdbcUrl, double startSeconds, String loadBefore) throws Exception {
        // TPC-H: each process runs Q1 then Q6, runsPerProcess + 1 times; lakesh and JDBC alternate which goes first
        StringBuilder session = new StringBuilder("\\timing on; ");
        for (int i = 0; i <= runsPerProcess; i++) {
            session.append("trino ").append(Q1).append("; trino ").append(Q6).append("; ");
        }
        Samples lakeQ1 = new Samples();
        Samples lakeQ6 = new Samples();
        Samples jdbcQ1 = new Samples();
        Samples jdbcQ6 = new Samples();
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < 2; k++) {
                if ((k == 0) == (round % 2 == 0)) {
                    log("trino: TPC-H through lakesh, round " + (round + 1) + "/" + rounds);
                    Proc.Result r = h.mustRun("trino-tpch-lakesh-" + round, h.lakesh("-c", session.toString()), Duration.ofMinutes(30));
                    List<Double> t = timings(r.stdout(), "Trino");
                    for (int i = 2; i < t.size(); i += 2) {
                        lakeQ1.add(t.get(i));
                        lakeQ6.add(t.get(i + 1));
                    }
                } else {
                    log("trino: TPC-H over plain JDBC, round " + (round + 1) + "/" + rounds);
                    Proc.Result r = h.mustRun("trino-tpch-jdbc-" + round, h.onLakeshJar(TrinoQuery.class, jdbcUrl,
                            Integer.toString(runsPerProcess + 1), Q1, Q6), Duration.ofMinutes(30));
                    Matcher m = PEER.matcher(r.stdout());
                    int seen = 0;
                    while (m.find()) {
                        if (seen++ >= 2) {
                            (m.group(1).equals("1") ? jdbcQ1 : jdbcQ6).add(Double.parseDouble(m.group(2)) / 1000);
                        }
                    }
                }
            }
        }

        // a small table both engines read: a Delta table lakesh writes on local files, registered in Trino
        log("trino: the small-table inspection query, Trino against DuckDB");
        h.mustRun("trino-small-make", h.lakesh("-c", "create table /local/trinob/small (id bigint, region string, amount double) --using delta; "
                + "insert into /local/trinob/small select i, ['north','south','east','west','central'][i % 5 + 1], i / 10.0 from range(1000) r(i); "
                + "register /local/trinob/small as delta.trinob.small"), Duration.ofMinutes(5));
        StringBuilder small = new StringBuilder("\\timing on; ");
        for (int i = 0; i <= smallRuns; i++) {
            // alternate which engine goes first in each pair
            String duck = String.format(Locale.ROOT, SMALL, "/local/trinob/small") + "; ";
            String viaTrino = "trino " + String.format(Locale.ROOT, SMALL, "delta.trinob.small") + "; ";
            small.append(i % 2 == 0 ? duck + viaTrino : viaTrino + duck);
        }
        Proc.Result r = h.mustRun("trino-small", h.lakesh("-c", small.toString()), Duration.ofMinutes(10));
        Samples smallDuck = new Samples();
        Samples smallTrino = new Samples();
        Matcher m = TIMING.matcher(r.stdout());
        int seen = 0;
        while (m.find()) {
            if (seen++ >= 2) {
                (m.group(3).equals("Trino") ? smallTrino : smallDuck).add(Double.parseDouble(m.group(2)));
            }
        }
        if (smallDuck.isEmpty() || smallTrino.isEmpty()) {
            throw new IllegalStateException("no \\timing lines for the small-table query:\n" + r.stdout());
        }

        double q1 = lakeQ1.median() / jdbcQ1.median();
        double q6 = lakeQ6.median() / jdbcQ6.median();
        double smallRatio = smallTrino.median() / smallDuck.median();
        text.append("## 8. Trino: TPC-H through lakesh against plain JDBC; a small table through Trino against DuckDB\n\n");
        text.append(String.format(Locale.ROOT, "Trino %s single node on 127.0.0.1, started by `lakefs-init/trino-local.groovy start` (`TrinoLocal`, as tests start it; "
                + "`-Xmx1G`, C1 only, `task.concurrency=2`; %.0f s from start to the first query, install included). TPC-H Q1 and Q6 on the `tpch` "
                + "connector's `sf1` (6,001,215 generated lineitem rows per scan). lakesh: one `./lakesh -c` session per round runs "
                + "`trino <Q1>; trino <Q6>;` %d times with `\\timing on` (its own figure: from the statement to the last row printed); "
                + "the peer, `io.lakesh.bench.TrinoQuery`, a JVM of its own with the same trino-jdbc driver, runs the same two statements "
                + "as often, reading every value. The first pair of each process is not counted (connection, JIT). %d rounds, "
                + "alternating which side goes first.%n%n", version, startSeconds, runsPerProcess + 1, rounds));
        text.append("| What | Runs | Median | Min–max |\n|---|---:|---:|---:|\n");
        Harness.row(text, null, "Q1: lakesh `trino <Q1>`", lakeQ1, 1000, "%.0f ms");
        Harness.row(text, null, "Q1: plain Trino JDBC", jdbcQ1, 1000, "%.0f ms");
        Harness.row(text, null, "Q6: lakesh `trino <Q6>`", lakeQ6, 1000, "%.0f ms");
        Harness.row(text, null, "Q6: plain Trino JDBC", jdbcQ6, 1000, "%.0f ms");
        text.append(String.format(Locale.ROOT, "%n- Ratio (median lakesh / median JDBC): Q1 **%s**, Q6 **%s** (goal ≤ 1.05×): %s.%n",
                ratio(q1), ratio(q6), met(q1 <= 1.05 && q6 <= 1.05).replace("**", "")));
        text.append("- Raw runs (ms): Q1 lakesh " + lakeQ1.all(1000, "%.0f") + "; JDBC " + jdbcQ1.all(1000, "%.0f")
                + ". Q6 lakesh " + lakeQ6.all(1000, "%.0f") + "; JDBC " + jdbcQ6.all(1000, "%.0f") + ".\n\n");
        text.append(String.format(Locale.ROOT, "Small-table inspection: `%s` over a 1,000-row Delta table lakesh wrote on local files "
                + "(`/local/trinob/small`, registered in Trino as `delta.trinob.small` with `register`), in one lakesh session, "
                + "DuckDB and Trino alternating, %d runs each after one of each not counted.%n%n", String.format(Locale.ROOT, SMALL, "…"), smallRuns));
        text.append("| What | Runs | Median | Min–max |\n|---|---:|---:|---:|\n");
        Harness.row(text, null, "lakesh's DuckDB path", smallDuck, 1000, "%.0f ms");
        Harness.row(text, null, "the same table through Trino (`trino …`)", smallTrino, 1000, "%.0f ms");
        text.append(String.format(Locale.ROOT, "%n- Trino / DuckDB on the small table: **%s**: a small local query costs Trino's "
                + "planning, scheduling and round trips, which is why `\\engine auto` keeps scans under `engine.auto.trino-bytes` "
                + "(default 1 GiB) in DuckDB.%n", ratio(smallRatio)));
        loadLine(text, loadBefore);
        text.append('\n');
        summary("TPC-H Q1 (sf1) through lakesh's Trino path", "≤ 1.05× plain Trino JDBC", ms(lakeQ1.median()), ms(jdbcQ1.median()), ratio(q1), met(q1 <= 1.05));
        summary("TPC-H Q6 (sf1) through lakesh's Trino path", "≤ 1.05× plain Trino JDBC", ms(lakeQ6.median()), ms(jdbcQ6.median()), ratio(q6), met(q6 <= 1.05));
        summary("Small-table query: Trino / lakesh's DuckDB path", "reported (justifies `\\engine auto`)", ms(smallTrino.median()),
                ms(smallDuck.median()) + " (DuckDB)", ratio(smallRatio), "—");
    }

    /** The seconds of each `\timing` line of the engine, in order. */
    private static List<Double> timings(String out, String engine) {
        List<Double> t = new ArrayList<>();
        Matcher m = TIMING.matcher(out);
        while (m.find()) {
            if (m.group(3).equals(engine)) {
                t.add(Double.parseDouble(m.group(2)));
            }
        }
        if (t.isEmpty()) {
            throw new IllegalStateException("no \\timing lines in lakesh's output:\n" + out);
        }
        return t;
    }
}
