package io.lakesh.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.lakesh.bench.Harness.load;
import static io.lakesh.bench.Harness.loadLine;
import static io.lakesh.bench.Harness.log;
import static io.lakesh.bench.Harness.met;
import static io.lakesh.bench.Harness.ms;
import static io.lakesh.bench.Harness.ratio;
import static io.lakesh.bench.Harness.row;

/** 2. Start to the first prompt against a whole FsShell `-ls`; which heavy classes load before the prompt. */
final class PromptBench extends Section {
    private static final List<String> FORBIDDEN_BEFORE_PROMPT =
            List.of("org.apache.hadoop", "groovy", "org.apache.iceberg", "org.duckdb", "io.trino");

    PromptBench(Harness h) {
        super(h);
    }

    @Override
    String name() {
        return "prompt";
    }

    @Override
    int number() {
        return 2;
    }

    @Override
    void run() throws Exception {
        String loadBefore = load();
        int runs = h.runs;
        String localUri = "file://" + h.localLsDir;
        List<String> names = h.lsNames();
        Samples prompt = new Samples();
        Samples shell = new Samples();
        h.probe("prompt-warmup", Map.of(), null, List.of());
        for (int i = 0; i < runs; i++) {
            log("prompt run " + (i + 1) + "/" + runs);
            if (i % 2 == 0) {
                prompt.add(h.probe("prompt-" + i, Map.of(), null, List.of()).path("prompt_ms").asDouble() / 1000);
                shell.add(h.timedListing("prompt-fsshell-" + i, h.fsShell("-ls", localUri), names).seconds());
            } else {
                shell.add(h.timedListing("prompt-fsshell-" + i, h.fsShell("-ls", localUri), names).seconds());
                prompt.add(h.probe("prompt-" + i, Map.of(), null, List.of()).path("prompt_ms").asDouble() / 1000);
            }
        }
        // Which classes load before the first prompt.
        Path classLog = h.work.resolve("class-load.log");
        h.probe("prompt-classload", Map.of("LAKESH_JAVA_OPTS", "-Xlog:class+load:file=" + classLog), null, List.of());
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
            h.problems.add(forbidden + " Hadoop/Groovy/Iceberg/DuckDB/Trino classes load before the first prompt: " + examples);
        }

        double goal = 0.35;
        double r = prompt.median() / shell.median();
        StringBuilder b = text;
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

        summary("Start to first prompt (cold)", "≤ 0.35× FsShell `-ls`",
                ms(prompt.median()), ms(shell.median()), ratio(r), met(r <= goal));
        summary("Hadoop/Groovy/Iceberg/DuckDB/Trino classes before the prompt", "0",
                String.valueOf(forbidden), "—", "—", met(forbidden == 0));
    }
}
