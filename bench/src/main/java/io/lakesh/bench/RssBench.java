package io.lakesh.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.lakesh.bench.Harness.MIB;
import static io.lakesh.bench.Harness.load;
import static io.lakesh.bench.Harness.loadLine;
import static io.lakesh.bench.Harness.log;
import static io.lakesh.bench.Harness.met;
import static io.lakesh.bench.Harness.row;

/** 4. Resident memory of an idle interactive shell. */
final class RssBench extends Section {
    RssBench(Harness h) {
        super(h);
    }

    @Override
    String name() {
        return "rss";
    }

    @Override
    int number() {
        return 4;
    }

    @Override
    void run() throws Exception {
        String loadBefore = load();
        Samples rss = new Samples();
        String comm = "?";
        for (int i = 0; i < h.rssRuns; i++) {
            log("RSS run " + (i + 1) + "/" + h.rssRuns);
            JsonNode n = h.probe("rss-" + i, Map.of(), 2.0, List.of());
            if (!n.has("rss_kb")) {
                throw new IllegalStateException("rss-" + i + ": no VmRSS: " + n);
            }
            rss.add(n.path("rss_kb").asDouble() * 1024);
            comm = n.path("comm").asText("?");
        }
        if (!"java".equals(comm)) {
            h.problems.add("RSS: the pty child is '" + comm + "', not java: the figure is not the JVM's");
        }
        double goalMiB = 150;
        double medMiB = rss.median() / MIB;
        boolean metMiB = medMiB <= goalMiB;
        boolean metMB = rss.median() / 1e6 <= goalMiB;
        StringBuilder b = text;
        b.append("## 4. Resident memory of an idle interactive shell\n\n");
        b.append("Goal: ≤ 150 MB. `./lakesh` on a pseudo-terminal, the prompt reached, 2 s idle, then `VmRSS` of the ")
                .append("pty child read from `/proc/<pid>/status` (the launcher `exec`s java, so the child is the JVM: ")
                .append("its `/proc/<pid>/comm` read `").append(comm).append("`). Fresh process per run.\n\n");
        b.append("| What | Runs | Median | Min–max |\n|---|---:|---:|---:|\n");
        row(b, null, "VmRSS, idle at the prompt", rss, 1.0 / MIB, "%.1f MiB");
        b.append('\n');
        b.append(String.format(Locale.ROOT, "- Median %.1f MiB = %.1f MB (10⁶ bytes): %s%s.%n", medMiB,
                rss.median() / 1e6, met(metMiB), metMiB == metMB ? "" : " in MiB, " + met(metMB) + " in 10⁶-byte MB"));
        loadLine(b, loadBefore);
        b.append('\n');
        summary("Idle interactive shell, RSS", "≤ 150 MB", String.format(Locale.ROOT, "%.1f MiB", medMiB), "—", "—",
                met(metMiB && metMB));
    }
}
