package io.lakesh.iceberg;

import java.util.List;

/**
 * A maintenance step planned against a table's current state: what it would do, the files it would
 * remove or rewrite, and {@link #apply()} to do it. Commands show the plan, ask (or need --force), then apply.
 */
public interface MaintenancePlan {

    /** One line saying what was planned, or that there is nothing to do. */
    String headline();

    /** True when there is nothing to do (the headline says why). */
    boolean isEmpty();

    /** The change as a question's subject: "expire 2 snapshots and delete 5 files (12.3 KiB)". */
    String action();

    /** The files the step would remove or rewrite. */
    List<TableFile> files();

    /** Does it, against the table as it is then (other writers may have committed since); says what was done. */
    String apply() throws Exception;

    /** "1 file", "3 files". */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** "rewrite 12 data files (3.4 MiB)": the question's subject for a compaction of these files. */
    static String rewriteOf(List<TableFile> files) {
        return "rewrite " + count(files.size(), "data file") + " (" + new io.lakesh.output.Bytes(bytes(files)).human() + ")";
    }

    /** Total bytes of the files whose size is known. */
    static long bytes(List<TableFile> files) {
        return files.stream().mapToLong(f -> Math.max(0, f.bytes())).sum();
    }
}
