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
 * 8. Trino: TPC-H Q1 and Q6 on `tpch.sf1` through lakesh's Trino path (the `trino` command) against the same
 * statements over plain Trino JDBC, alternating query by query in one lakesh script process (so the machine's
 * load, which swings by minutes here, hits both alike); and a small-table inspection query through Trino against
 * lakesh's DuckDB path on the same Delta table (what `\engine auto` rests on). Trino is started by the recipe
 * `lakefs-init/trino-local.groovy` (so through `TrinoLocal`, as tests start it), which sets `trino.url`.
 */
final class TrinoBench extends Section {
    private static final Pattern TIMING = Pattern.compile("\\((\\d+) rows?, ([0-9.]+) s, (Trino|DuckDB)(?:; [^)]*)?\\)");
    private static final Pattern PAIR = Pattern.compile("(lakesh|jdbc) q(\\d) ([0-9.]+) ms");
    /**
     * The alternation, a lakesh script: `lake.sh('trino …')` is the trino command's whole path (parsing, the
     * session's TrinoEngine, the cancellable worker, rows into a Table); the peer is the same driver used plainly,
     * reading every value. Which side goes first alternates per query.
     */
    static final String ALTERNATE = """
            import java.sql.DriverManager
            def runs = args[1] as int
            def queries = args[2..-1]
            def props = new Properties()
            props.setProperty('user', 'bench')
            def connection = DriverManager.getConnection(args[0], props)
            def statement = connection.createStatement()
            def jdbc = { String q ->
                def rs = statement.executeQuery(q)
                int columns = rs.metaData.columnCount
                while (rs.next()) { for (int c = 1; c <= columns; c++) { rs.getObject(c) } }
                rs.close()
            }
            for (int i = 0; i < runs; i++) {
                queries.eachWithIndex { String q, int k ->
                    def sides = (i + k) % 2 == 0 ? ['lakesh', 'jdbc'] : ['jdbc', 'lakesh']
                    sides.each { side ->
                        long t = System.nanoTime()
                        if (side == 'lakesh') { lake.sh('trino ' + q) } else { jdbc(q) }
                        out.println(side + ' q' + (k + 1) + ' ' + String.format(Locale.ROOT, '%.3f', (System.nanoTime() - t) / 1e6) + ' ms')
                        out.flush()
                    }
                }
            }
            connection.close()
            """;
    static final String Q1 = "select returnflag, linestatus, sum(quantity) as sum_qty, sum(extendedprice) as sum_base_price, "
            + "sum(extendedprice * (1 - discount)) as sum_disc_price, sum(extendedprice * (1 - discount) * (1 + tax)) as sum_charge, "
            + "avg(quantity) as avg_qty, avg(extendedprice) as avg_price, avg(discount) as avg_disc, count(*) as count_order "
            + "from tpch.sf1.lineitem where shipdate <= date '1998-12-01' - interval '90' day "
            + "group by returnflag, linestatus order by returnflag, linestatus";
    static final String Q6 = "select sum(extendedprice * discount) as revenue from tpch.sf1.lineitem "
            + "where shipdate >= date '1994-01-01' and shipdate < date '1995-01-01' and discount between 0.05 and 0.07 and quantity < 24";
    static final String SMALL = "select region, count(*) as n, sum(amount) as total from %s group by region order by region";
    /** Counted pairs of each query; one more pair runs first, not counted (connections, JIT). */
    int runs = 10;
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
        // TPC-H: one process alternates lakesh and JDBC query by query
        Path script = h.work.resolve("trino-alternate.groovy");
        java.nio.file.Files.writeString(script, ALTERNATE);
        log("trino: TPC-H Q1 and Q6, lakesh and plain JDBC alternating, " + (runs + 1) + " pairs each");
        Proc.Result alternated = h.mustRun("trino-tpch", h.lakesh("-f", script.toString(), jdbcUrl, Integer.toString(runs + 1), Q1, Q6),
                Duration.ofMinutes(60));
        Samples lakeQ1 = new Samples();
        Samples lakeQ6 = new Samples();
        Samples jdbcQ1 = new Samples();
        Samples jdbcQ6 = new Samples();
        Matcher pair = PAIR.matcher(alternated.stdout());
        int pairs = 0;
        while (pair.find()) {
            if (pairs++ < 4) {
                continue; // the first pair of each query
            }
            boolean lakesh = pair.group(1).equals("lakesh");
            Samples into = pair.group(2).equals("1") ? (lakesh ? lakeQ1 : jdbcQ1) : (lakesh ? lakeQ6 : jdbcQ6);
            into.add(Double.parseDouble(pair.group(3)) / 1000);
        }
        if (lakeQ1.isEmpty() || jdbcQ6.isEmpty()) {
            throw new IllegalStateException("no timings from the alternating script:\n" + alternated.stdout() + alternated.errTail());
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
        text.append("## " + number() + ". Trino: TPC-H through lakesh against plain JDBC; a small table through Trino against DuckDB\n\n");
        text.append(String.format(Locale.ROOT, "Trino %s single node on 127.0.0.1, started by `lakefs-init/trino-local.groovy start` (`TrinoLocal`, "
                + "as tests start it; `-Xmx1G`, C1 only, `task.concurrency=2`; %.0f s from start to the first query, install included). "
                + "TPC-H Q1 and Q6 on the `tpch` connector's `sf1` (6,001,215 generated lineitem rows per scan). One `./lakesh -f` "
                + "script process alternates, query by query, lakesh's `trino <query>` (`lake.sh`: the command's whole path — "
                + "parsing, the session's `TrinoEngine`, the cancellable worker with its status line, rows into a table) and the same "
                + "statement over a plain connection of the same trino-jdbc driver, reading every value; which side goes first "
                + "alternates. %d pairs of each query after one not counted. The machine is shared and its load swings by the "
                + "minute: absolute times are inflated, the alternation keeps the ratio fair.%n%n", version, startSeconds, runs));
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
