package io.lakesh.sql;

import io.lakesh.iceberg.Filters;
import io.lakesh.iceberg.IcebergTables;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.io.CloseableIterable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files Iceberg planned for a snapshot and filter, kept for the session: a snapshot never changes, so the
 * same query again (or another with the same filters) skips reading its manifest list and manifests — under
 * the interactive JVM's C1 compiler that reading costs more than DuckDB's scan of a small table.
 */
final class PlanCache {
    private static final int ENTRIES = 32;
    /** Larger plans are planned afresh each time rather than held in memory. */
    private static final int MAX_TASKS = 20_000;

    /** A snapshot is named by its manifest list, which no other snapshot shares; the filters are the pushed conjuncts. */
    private record Key(String manifestList, Integer schemaId, List<String> filters) {
    }

    private final Map<Key, List<FileScanTask>> plans = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, List<FileScanTask>> eldest) {
            return size() > ENTRIES;
        }
    };

    /** The files of a snapshot that the pushed conjuncts leave, and those of the conjuncts Iceberg could evaluate. */
    record Plan(List<FileScanTask> tasks, List<String> pushed) {
    }

    /**
     * Plans the ref's snapshot (not null) with the conjuncts Iceberg can evaluate on its schema pushed into the scan
     * (the others, another table's columns say, are left for DuckDB), or returns the plan kept from before.
     */
    Plan plan(IcebergTables.Ref ref, List<String> conjuncts) throws IOException {
        Snapshot snapshot = ref.snapshot();
        org.apache.iceberg.Schema schema = ref.schema();
        TableScan scan = ref.table().newScan().useSnapshot(snapshot.snapshotId());
        List<String> pushed = new ArrayList<>();
        for (String c : conjuncts) {
            try {
                scan = scan.filter(Filters.parse(c, schema));
                pushed.add(c);
            } catch (io.lakesh.UsageException e) {
                // not a filter Iceberg can evaluate on this table: DuckDB applies it
            }
        }
        List<FileScanTask> tasks = get(snapshot, schema.schemaId(), pushed);
        if (tasks == null) {
            tasks = new ArrayList<>();
            try (CloseableIterable<FileScanTask> planned = scan.planFiles()) {
                for (FileScanTask task : planned) {
                    io.lakesh.command.CancelledException.check();
                    tasks.add(task);
                }
            }
            put(snapshot, schema.schemaId(), pushed, tasks);
        }
        return new Plan(tasks, pushed);
    }

    /** The plan, or null when it was not kept (or the snapshot has no manifest list: a v1 table's manifests are inline). */
    private synchronized List<FileScanTask> get(Snapshot snapshot, Integer schemaId, List<String> filters) {
        return snapshot.manifestListLocation() == null ? null : plans.get(new Key(snapshot.manifestListLocation(), schemaId, filters));
    }

    private synchronized void put(Snapshot snapshot, Integer schemaId, List<String> filters, List<FileScanTask> tasks) {
        if (snapshot.manifestListLocation() != null && tasks.size() <= MAX_TASKS) {
            plans.put(new Key(snapshot.manifestListLocation(), schemaId, List.copyOf(filters)), List.copyOf(tasks));
        }
    }
}
