package io.lakesh.command.fs;

import io.lakesh.LakeshException;
import io.lakesh.command.CancelledException;
import io.lakesh.command.Progress;
import io.lakesh.namespace.Location;
import io.lakesh.namespace.Namespace;
import io.lakesh.store.FileEntry;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Copies files within and across stores: plans every file first (so conflicts fail before anything is
 * written), copies many files in parallel, writes each to a hidden temporary name and renames it into
 * place when complete, so a failed or cancelled copy leaves no partial target file.
 */
final class Copier {
    static final String TEMP_SUFFIX = "._COPYING_";
    private static final int BUFFER = 1 << 20;

    record FileCopy(Location from, Location to, long length) {
    }

    /** Everything a copy will do: directories to create, files to copy, sources to delete after (mv). */
    record Plan(List<Location> directories, List<FileCopy> files, long bytes) {
    }

    private final Namespace ns;
    private final boolean overwrite;

    Copier(Namespace ns, boolean overwrite) {
        this.ns = ns;
        this.overwrite = overwrite;
    }

    /** Plans copying each source to the target (into it when it is a directory). */
    Plan plan(List<Location> sources, Location target) throws IOException {
        FileEntry targetEntry = statOrNull(target);
        boolean intoDirectory = targetEntry != null && targetEntry.isDirectory();
        if (sources.size() > 1 && !intoDirectory) {
            throw new LakeshException("'" + target.display() + "': Not a directory (several sources need a target directory)");
        }
        if (target.isVirtual()) {
            throw new LakeshException("'" + target.display() + "': the namespace above the mounts is read-only");
        }
        List<Location> dirs = new ArrayList<>();
        List<FileCopy> files = new ArrayList<>();
        long bytes = 0;
        for (Location source : sources) {
            FileEntry e = ns.stat(source);
            Location to = intoDirectory ? target.child(source.name()) : target;
            if (!intoDirectory && targetEntry == null) {
                String parent = to.storePath().substring(0, Math.max(1, to.storePath().lastIndexOf('/')));
                if (!to.store().exists(parent)) {
                    throw new LakeshException("'" + target.display() + "': No such file or directory (create the parent with 'mkdir -p')");
                }
            }
            if (e.isDirectory()) {
                if (to.store() == source.store() && (to.storePath() + "/").startsWith(source.storePath() + "/")) {
                    throw new LakeshException("cannot copy '" + source.display() + "' into itself ('" + to.display() + "')");
                }
                bytes += planDirectory(source, to, dirs, files);
            } else {
                checkTarget(to);
                files.add(new FileCopy(source, to, e.length()));
                bytes += e.length();
            }
        }
        return new Plan(dirs, files, bytes);
    }

    private long planDirectory(Location from, Location to, List<Location> dirs, List<FileCopy> files) throws IOException {
        FileEntry existing = statOrNull(to);
        if (existing != null && !existing.isDirectory()) {
            throw new LakeshException("'" + to.display() + "': File exists and is not a directory");
        }
        dirs.add(to);
        long bytes = 0;
        for (FileEntry child : from.store().list(from.storePath())) {
            CancelledException.check();
            Location childFrom = from.descendant(child.path());
            Location childTo = to.child(childFrom.name());
            if (child.isDirectory()) {
                bytes += planDirectory(childFrom, childTo, dirs, files);
            } else {
                checkTarget(childTo);
                files.add(new FileCopy(childFrom, childTo, child.length()));
                bytes += child.length();
            }
        }
        return bytes;
    }

    private void checkTarget(Location to) throws IOException {
        FileEntry existing = statOrNull(to);
        if (existing != null && (existing.isDirectory() || !overwrite)) {
            throw new LakeshException("'" + to.display() + "': File exists" + (existing.isDirectory() ? "" : " (use -f to overwrite)"));
        }
    }

    private FileEntry statOrNull(Location l) throws IOException {
        try {
            return ns.stat(l);
        } catch (FileNotFoundException e) {
            return null;
        }
    }

    /** Runs a plan with {@code threads} parallel copies; on failure or Ctrl-C, removes every temporary file. */
    void execute(Plan plan, int threads, Progress.Factory progressFactory, String label) throws Exception {
        for (Location d : plan.directories()) {
            d.store().mkdirs(d.storePath());
        }
        if (plan.files().isEmpty()) {
            return;
        }
        AtomicInteger ids = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, plan.files().size())), r -> {
            Thread t = new Thread(r, "lakesh-copy-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // A signal that ends the whole JVM (Ctrl-C on `lakesh -c`, kill) still removes the partial files.
        Thread cleanup = new Thread(() -> stop(pool), "lakesh-copy-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try (Progress progress = progressFactory.start(label, plan.bytes(), plan.files().size())) {
            List<Future<?>> futures = new ArrayList<>();
            for (FileCopy f : plan.files()) {
                futures.add(pool.submit(() -> {
                    copyOne(f, progress);
                    return null;
                }));
            }
            try {
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (InterruptedException e) {
                stop(pool);
                throw new CancelledException();
            } catch (ExecutionException e) {
                stop(pool);
                Throwable cause = e.getCause();
                if (cause instanceof Exception ex) {
                    throw ex;
                }
                throw new IOException(cause);
            }
        } finally {
            pool.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the hook is running and cleans up
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Interrupts running copies and waits for them to remove their temporary files. */
    private static void stop(ExecutorService pool) {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new LakeshException("copies did not stop within 30 s; temporary files ending in "
                        + TEMP_SUFFIX + " may be left");
            }
        } catch (InterruptedException again) {
            Thread.currentThread().interrupt();
        }
    }

    private void copyOne(FileCopy f, Progress progress) throws IOException {
        String temp = f.to().storePath() + TEMP_SUFFIX;
        boolean done = false;
        try {
            try (InputStream in = f.from().store().open(f.from().storePath());
                 OutputStream out = f.to().store().create(temp, true)) {
                byte[] buf = new byte[BUFFER];
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new CancelledException();
                    }
                    out.write(buf, 0, n);
                    progress.advance(n);
                }
            }
            if (overwrite && f.to().store().exists(f.to().storePath())) {
                f.to().store().delete(f.to().storePath(), false);
            }
            f.to().store().rename(temp, f.to().storePath());
            done = true;
            progress.itemDone();
        } finally {
            if (!done) {
                deleteQuietly(f.to(), temp);
            }
        }
    }

    private static void deleteQuietly(Location l, String temp) {
        boolean interrupted = Thread.interrupted();
        try {
            if (l.store().exists(temp)) {
                l.store().delete(temp, false);
            }
        } catch (IOException e) {
            throw new LakeshException("could not remove the partial file " + temp + ": " + e.getMessage() + "; remove it by hand");
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Deletes sources after a complete copy (mv across stores). */
    void deleteSources(List<Location> sources) throws IOException {
        for (Location s : sources) {
            s.store().delete(s.storePath(), true);
        }
    }
}
