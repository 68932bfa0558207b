package io.lakesh.delta;

import io.lakesh.testing.Lakesh;

import java.nio.file.Path;

/** A second process for the concurrency test: inserts N rows into a Delta table, one commit each, in its own JVM. */
public final class DeltaWriterProcess {
    private DeltaWriterProcess() {
    }

    public static void main(String[] args) {
        Path home = Path.of(args[0]);
        String table = args[1];
        int writer = Integer.parseInt(args[2]);
        int n = Integer.parseInt(args[3]);
        int failed = 0;
        try (Lakesh lakesh = new Lakesh(home)) {
            for (int i = 0; i < n; i++) {
                if (lakesh.run("insert into " + table + " select " + writer + ", " + i + ";") != 0) {
                    System.err.print(lakesh.err());
                    failed++;
                }
            }
        }
        System.exit(failed == 0 ? 0 : 1);
    }
}
