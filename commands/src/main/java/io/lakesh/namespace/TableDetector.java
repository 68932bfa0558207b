package io.lakesh.namespace;

import io.lakesh.store.FileEntry;
import io.lakesh.store.Kind;
import io.lakesh.store.Store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Recognises tables by their layout: a directory holding `_delta_log/` is a Delta table, one holding
 * `metadata/` with `version-hint.text` or `*.metadata.json` a path-based Iceberg table.
 */
final class TableDetector implements AutoCloseable {
    private java.util.concurrent.ExecutorService lookups;

    /** Labels the directories among a listing's children; on a remote store many at once. */
    List<FileEntry> label(Location l, List<FileEntry> children, boolean remote) throws IOException {
        long directories = children.stream().filter(FileEntry::isDirectory).count();
        if (!remote || directories < 4) {
            List<FileEntry> out = new ArrayList<>(children.size());
            for (FileEntry c : children) {
                out.add(c.isDirectory() ? c.withKind(kindOf(l.descendant(c.path()))) : c);
            }
            return out;
        }
        return labelInParallel(l, children);
    }

    /** On a remote store each directory costs a round trip or two to label: ask for many at once. */
    private List<FileEntry> labelInParallel(Location l, List<FileEntry> children) throws IOException {
        List<java.util.concurrent.Future<FileEntry>> labelled = new ArrayList<>(children.size());
        for (FileEntry c : children) {
            labelled.add(c.isDirectory()
                    ? lookups().submit(() -> c.withKind(kindOf(l.descendant(c.path()))))
                    : java.util.concurrent.CompletableFuture.completedFuture(c));
        }
        List<FileEntry> out = new ArrayList<>(children.size());
        try {
            for (java.util.concurrent.Future<FileEntry> f : labelled) {
                out.add(f.get());
            }
        } catch (InterruptedException e) {
            labelled.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            labelled.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
        return out;
    }

    private synchronized java.util.concurrent.ExecutorService lookups() {
        if (lookups == null) {
            java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
            lookups = java.util.concurrent.Executors.newFixedThreadPool(16, r -> {
                Thread t = new Thread(r, "lakesh-lookup-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return lookups;
    }

    /**
     * A directory holding `_delta_log/` is a Delta table; one holding `metadata/` with `version-hint.text`
     * or `*.metadata.json` is a path-based Iceberg table.
     */
    Kind kindOf(Location dir) throws IOException {
        Store s = dir.store();
        if (s == null) {
            return Kind.MOUNT;
        }
        if (s.exists(Location.join(dir.storePath(), "_delta_log"))) {
            return Kind.DELTA;
        }
        String metadata = Location.join(dir.storePath(), "metadata");
        if (s.exists(metadata)) {
            for (FileEntry m : s.list(metadata)) {
                if (m.name().endsWith(".metadata.json") || m.name().equals("version-hint.text")) {
                    return Kind.ICEBERG;
                }
            }
        }
        return Kind.DIR;
    }

    @Override
    public synchronized void close() {
        if (lookups != null) {
            lookups.shutdownNow();
        }
    }
}
