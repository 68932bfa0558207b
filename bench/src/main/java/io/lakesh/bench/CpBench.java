package io.lakesh.bench;

import org.apache.hadoop.fs.ContentSummary;
import org.apache.hadoop.fs.FileStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static io.lakesh.bench.Harness.MIB;
import static io.lakesh.bench.Harness.load;
import static io.lakesh.bench.Harness.loadLine;
import static io.lakesh.bench.Harness.log;
import static io.lakesh.bench.Harness.met;
import static io.lakesh.bench.Harness.ratio;

/** 3. `cp` of 1,000 files of 1 MiB, local → HDFS, against FsShell `-put` and `-put -t 4`. */
final class CpBench extends Section {
    CpBench(Harness h) {
        super(h);
    }

    @Override
    String name() {
        return "cp";
    }

    @Override
    int number() {
        return 3;
    }

    @Override
    void run() throws Exception {
        String loadBefore = load();
        int cpFiles = h.cpFiles;
        int cpRuns = h.cpRuns;
        int cpDefaultRuns = h.cpDefaultRuns;
        Path src = Files.createDirectories(h.data.resolve("cp-src"));
        log("writing " + cpFiles + " files of 1 MiB to " + src);
        SplittableRandom rnd = new SplittableRandom(42);
        byte[] buf = new byte[(int) MIB];
        for (int i = 0; i < cpFiles; i++) {
            rnd.nextBytes(buf);
            Files.write(src.resolve(String.format(Locale.ROOT, "file-%04d.bin", i)), buf);
        }
        Proc.capture(h.work, "sync");
        h.fs.mkdirs(new org.apache.hadoop.fs.Path("/bench/cp"));
        String srcUri = "file://" + src;
        long expectBytes = cpFiles * MIB;

        String[] labels = {"lakesh `cp` (-t 8, its default)", "FsShell `-put` (default, 1 thread)", "FsShell `-put -t 4`"};
        Series[] series = {new Series(), new Series(), new Series()};
        List<String> checks = new ArrayList<>();
        int rounds = Math.max(cpRuns, cpDefaultRuns);
        for (int i = 0; i < rounds; i++) {
            for (int j = 0; j < 3; j++) {
                int who = (i + j) % 3; // rotate the order
                if (i >= (who == 1 ? cpDefaultRuns : cpRuns)) {
                    continue;
                }
                String target = "/bench/cp/" + (who == 0 ? "lakesh-" : who == 1 ? "put-" : "put4-") + i;
                List<String> cmd = switch (who) {
                    case 0 -> h.lakesh("-c", "cp " + srcUri + " /hdfs" + target);
                    case 1 -> h.fsShell("-put", src.toString(), h.nn + target);
                    default -> h.fsShell("-put", "-t", "4", src.toString(), h.nn + target);
                };
                log("cp run " + (i + 1) + "/" + (who == 1 ? cpDefaultRuns : cpRuns) + ": " + labels[who]);
                Proc.Result r = h.mustRun("cp-" + who + "-" + i, cmd, Duration.ofMinutes(10));
                org.apache.hadoop.fs.Path t = new org.apache.hadoop.fs.Path(target);
                ContentSummary cs = h.fs.getContentSummary(t);
                FileStatus[] listed = h.fs.listStatus(t);
                int minRep = Integer.MAX_VALUE;
                int maxRep = 0;
                for (FileStatus st : listed) {
                    minRep = Math.min(minRep, st.getReplication());
                    maxRep = Math.max(maxRep, st.getReplication());
                }
                String check = String.format(Locale.ROOT, "%s run %d: %d files, %d bytes, replication %d–%d",
                        labels[who], i + 1, cs.getFileCount(), cs.getLength(), minRep, maxRep);
                if (cs.getFileCount() != cpFiles || cs.getLength() != expectBytes || minRep != 2 || maxRep != 2) {
                    h.problems.add("cp target check failed: " + check);
                    checks.add(check + " **(unexpected)**");
                }
                series[who].add(r);
                h.fs.delete(t, true);
                // Let the DataNodes drop the blocks and the kernel write back, so the next run starts alike.
                Thread.sleep(2000);
                Proc.capture(h.work, "sync");
            }
        }
        Harness.deleteTree(src); // 1 GiB the later sections do not need
        Samples[] samples = {series[0].wall(), series[1].wall(), series[2].wall()};
        double goal = 0.5;
        double rDefault = samples[0].median() / samples[1].median();
        double rBest = samples[0].median() / samples[2].median();
        double mib = cpFiles * MIB / (double) MIB;
        StringBuilder b = text;
        b.append("## 3. `cp` of ").append(String.format(Locale.ROOT, "%,d", cpFiles)).append(" files of 1 MiB, local → HDFS\n\n");
        b.append("Goal: ≥ 2× FsShell's throughput, i.e. lakesh's time ≤ ").append(goal)
                .append("× FsShell `-put`'s (default settings); FsShell `-put -t 4` (its best setting) shown beside it. ")
                .append("Source: ").append(cpFiles).append(" files of 1 MiB random bytes on the local disk (in the page cache). ")
                .append("Target: a new directory on the MiniDFSCluster (3 DataNodes, replication 2, same machine). ")
                .append(cpRuns).append(" runs of lakesh and of `-put -t 4`, ").append(cpDefaultRuns)
                .append(" of the much slower `-put` (to keep the whole benchmark within 15 minutes; its ratio is far from the goal), ")
                .append("order rotated; after every run the target was checked (file count, ")
                .append("bytes, replication of every file) and deleted, then 2 s pause and `sync`. CPU columns: user + system ")
                .append("time of the client process (lakesh or FsShell) and of the harness JVM that hosts the NameNode and ")
                .append("DataNodes, during the run; the machine has 2 CPUs, so client and HDFS compete for them.\n\n");
        b.append("| Command | Runs | Median | Min–max | Throughput (median) | CPU of the client, median | CPU of the HDFS JVM, median |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|\n");
        String[] cmds = {
                "`./lakesh -c 'cp file:///…/cp-src /hdfs/bench/cp/lakesh-N'`",
                "`FsShell -put …/cp-src hdfs://…/bench/cp/put-N`",
                "`FsShell -put -t 4 …/cp-src hdfs://…/bench/cp/put4-N`"};
        for (int k = 0; k < 3; k++) {
            b.append(String.format(Locale.ROOT, "| %s<br>%s | %d | %.2f s | %.2f–%.2f s | %.1f MiB/s | %.1f s | %.1f s |%n",
                    labels[k], cmds[k], samples[k].size(), samples[k].median(), samples[k].min(), samples[k].max(),
                    mib / samples[k].median(), series[k].cpu().median(), series[k].hdfsCpu().median()));
        }
        b.append('\n');
        b.append(String.format(Locale.ROOT, "- lakesh time / FsShell `-put` time: **%.2f×** (throughput %.2f×; goal ≤ %.2f×, "
                + "i.e. ≥ 2× throughput): %s.%n", rDefault, 1 / rDefault, goal, met(rDefault <= goal)));
        b.append(String.format(Locale.ROOT, "- lakesh time / FsShell `-put -t 4` time: %.2f× (throughput %.2f×).%n", rBest, 1 / rBest));
        b.append("- Raw runs (s): lakesh ").append(samples[0].all(1, "%.2f"))
                .append("; `-put` ").append(samples[1].all(1, "%.2f"))
                .append("; `-put -t 4` ").append(samples[2].all(1, "%.2f")).append(".\n");
        if (checks.isEmpty()) {
            b.append("- Every target held ").append(cpFiles).append(" files, ").append(expectBytes)
                    .append(" bytes, all with replication 2.\n");
        } else {
            checks.forEach(c -> b.append("- ").append(c).append('\n'));
        }
        loadLine(b, loadBefore);
        b.append('\n');
        summary(String.format(Locale.ROOT, "`cp` %,d × 1 MiB local → HDFS (cold)", cpFiles), "≤ 0.50× FsShell `-put` time",
                String.format(Locale.ROOT, "%.2f s", samples[0].median()),
                String.format(Locale.ROOT, "%.2f s (`-t 4`: %.2f s)", samples[1].median(), samples[2].median()),
                ratio(rDefault) + " (vs `-t 4`: " + ratio(rBest) + ")", met(rDefault <= goal));
    }
}
