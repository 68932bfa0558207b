package io.lakesh.sql;

import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;

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

    /** The plan, or null when it was not kept (or the snapshot has no manifest list: a v1 table's manifests are inline). */
    synchronized List<FileScanTask> get(Snapshot snapshot, Integer schemaId, List<String> filters) {
        return snapshot.manifestListLocation() == null ? null : plans.get(new Key(snapshot.manifestListLocation(), schemaId, filters));
    }

    synchronized void put(Snapshot snapshot, Integer schemaId, List<String> filters, List<FileScanTask> tasks) {
        if (snapshot.manifestListLocation() != null && tasks.size() <= MAX_TASKS) {
            plans.put(new Key(snapshot.manifestListLocation(), schemaId, List.copyOf(filters)), List.copyOf(tasks));
        }
    }
}
