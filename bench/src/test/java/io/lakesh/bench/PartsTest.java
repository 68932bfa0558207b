package io.lakesh.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A partial run keeps the sections (text and summary rows) it did not measure, each naming its own run. */
class PartsTest {
    private static final String LEGACY = """
            # lakesh benchmarks

            - Date: 2026-11-24 18:04 UTC (the run took 13 minutes)
            - Commit: `ee07282`

            ## Summary

            | Benchmark | Goal | lakesh (median) | Peer (median) | Ratio | Goal met |
            |---|---|---:|---:|---:|---|
            | `ls` 50 files, HDFS (cold) | ≤ 0.40× FsShell | 705 ms | 1694 ms | 0.42× | **not met** |
            | Start to first prompt (cold) | ≤ 0.35× FsShell `-ls` | 335 ms | 1202 ms | 0.28× | met |
            | `cp` 1,000 × 1 MiB local → HDFS (cold) | ≤ 0.50× FsShell `-put` time | 18.35 s | 110.12 s | 0.17× | met |

            ## 1. `ls` of a directory with 50 files

            old ls figures

            ## 2. Start to the first prompt

            old prompt figures

            ## 3. `cp` of 1,000 files of 1 MiB, local → HDFS

            cp figures

            ## How to run

            bench/run.sh
            """;

    @Test
    void aLegacyFileSplitsIntoSectionsWithTheirRowsAndTheFilesRun() {
        Map<Integer, Parts.Part> parts = Parts.parse(LEGACY);
        assertEquals(List.of(1, 2, 3), List.copyOf(parts.keySet()));
        Parts.Part cp = parts.get(3);
        assertEquals(List.of(List.of("`cp` 1,000 × 1 MiB local → HDFS (cold)", "≤ 0.50× FsShell `-put` time", "18.35 s",
                "110.12 s", "0.17×", "met")), cp.rows());
        assertEquals("## 3. `cp` of 1,000 files of 1 MiB, local → HDFS\n\nRun: 2026-11-24 18:04 UTC, commit `ee07282`.\n\ncp figures\n\n",
                cp.text());
        assertEquals("Start to first prompt (cold)", parts.get(2).rows().get(0).get(0));
    }

    @Test
    void aPartialRunReplacesItsSectionsAndKeepsTheOthersWithTheirRunLines() {
        Map<Integer, Parts.Part> now = Map.of(1, new Parts.Part(1,
                Parts.withRunLine("## 1. `ls` of a directory with 50 files\n\nnew ls figures\n\n", "2026-12-01 19:00 UTC, commit `abc1234`"),
                List.of(List.of("`ls` 50 files, HDFS (cold)", "≤ 0.40× FsShell", "600 ms", "1700 ms", "0.35×", "met"))));
        Map<Integer, Parts.Part> merged = Parts.merge(Parts.parse(LEGACY), now);
        assertEquals(List.of(1, 2, 3), List.copyOf(merged.keySet()));
        assertTrue(merged.get(1).text().contains("Run: 2026-12-01 19:00 UTC, commit `abc1234`.\n\nnew ls figures"), merged.get(1).text());
        assertEquals("600 ms", merged.get(1).rows().get(0).get(2));
        assertTrue(merged.get(2).text().contains("Run: 2026-11-24 18:04 UTC, commit `ee07282`.\n\nold prompt figures"));

        // Written again and read back (the § column now), nothing moves: a second partial run keeps the same parts.
        StringBuilder file = new StringBuilder("# lakesh benchmarks\n\n- Date: 2026-12-01 19:00 UTC\n- Commit: `abc1234`\n\n## Summary\n\n"
                + "| § | Benchmark | Goal | lakesh (median) | Peer (median) | Ratio | Goal met |\n|---|---|---|---:|---:|---:|---|\n");
        merged.values().forEach(p -> p.rows().forEach(r -> file.append("| ").append(p.number()).append(" | ")
                .append(String.join(" | ", r)).append(" |\n")));
        file.append('\n');
        merged.values().forEach(p -> file.append(p.text()));
        file.append("## How to run\n\nbench/run.sh\n");
        assertEquals(merged, Parts.parse(file.toString()));
    }
}
