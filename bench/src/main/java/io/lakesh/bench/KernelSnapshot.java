package io.lakesh.bench;

import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import org.apache.hadoop.conf.Configuration;

/**
 * The peer of lakesh's `describe` + `history` on a Delta table, a process of its own: delta-kernel loads the
 * latest snapshot (listing the log, reading the last checkpoint and the commits after it) and prints what
 * `describe` shows of it — version, schema, protocol, properties. RUNS loads in one process (the first cold); each
 * run's time in ms is printed.
 *
 * <pre>java -cp … io.lakesh.bench.KernelSnapshot RUNS TABLE-URI</pre>
 */
public final class KernelSnapshot {
    private KernelSnapshot() {
    }

    public static void main(String[] args) {
        int runs = Integer.parseInt(args[0]);
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            Engine engine = DefaultEngine.create(new Configuration());
            Snapshot s = TableManager.loadSnapshot(args[1]).build(engine);
            System.out.printf("version %d, %d columns, protocol %s, %d properties, %.3f ms%n", s.getVersion(), s.getSchema().length(),
                    s.getProtocol().getMinReaderVersion() + "/" + s.getProtocol().getMinWriterVersion(), s.getTableProperties().size(),
                    (System.nanoTime() - start) / 1e6);
        }
    }
}
