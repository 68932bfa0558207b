package io.lakesh.delta;

import io.lakesh.namespace.Location;
import io.lakesh.namespace.Namespace;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The session's recently loaded Delta snapshots, so that `describe T; history T; head T` replay the log once. A
 * version (`T@12`) never changes. The latest is still the latest while its next commit file does not exist (every
 * commit is a put-if-absent of `<version + 1>.json`) and `_last_checkpoint` is unchanged: a writer cleans up old
 * commit files only after a newer checkpoint, and a snapshot loaded before may still need them. Two looks at the
 * store instead of a log replay.
 */
final class DeltaSnapshots implements AutoCloseable {
    private static final int MAX = 16;

    private record Entry(DeltaTables.Ref ref, long lastCheckpoint) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>(MAX, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX;
        }
    };

    static DeltaSnapshots of(Namespace ns) {
        return ns.resource(DeltaSnapshots.class, DeltaSnapshots::new);
    }

    /** The snapshot loaded before under this key, if it still answers: a version, or a latest still current. */
    synchronized DeltaTables.Ref get(String key, boolean latest) throws IOException {
        Entry e = entries.get(key);
        if (e == null || !latest) {
            return e == null ? null : e.ref();
        }
        Location l = e.ref().location();
        if (l.store().exists(l.storePath() + "/_delta_log/" + DeltaCommitter.commitName(e.ref().version() + 1))
                || lastCheckpoint(l) != e.lastCheckpoint()) {
            entries.remove(key);
            return null;
        }
        return e.ref();
    }

    /** Keeps a snapshot; call before it is loaded, with the `_last_checkpoint` time seen then ({@link #lastCheckpoint}). */
    synchronized void put(String key, DeltaTables.Ref ref, long lastCheckpoint) {
        entries.put(key, new Entry(ref, lastCheckpoint));
    }

    /** The modification time of the table's `_last_checkpoint`, or -1 without one. */
    static long lastCheckpoint(Location l) throws IOException {
        try {
            return l.store().stat(l.storePath() + "/_delta_log/_last_checkpoint").modified().toEpochMilli();
        } catch (FileNotFoundException e) {
            return -1;
        }
    }

    @Override
    public synchronized void close() {
        entries.clear();
    }
}
