package io.lakesh.delta;

import io.delta.kernel.Snapshot;
import io.delta.kernel.SnapshotBuilder;
import io.delta.kernel.TableManager;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.exceptions.UnsupportedProtocolVersionException;
import io.delta.kernel.exceptions.UnsupportedTableFeatureException;
import io.lakesh.LakeshException;
import io.lakesh.command.Errors;
import io.lakesh.namespace.Location;
import io.lakesh.namespace.Namespace;
import io.lakesh.namespace.Versioned;
import io.lakesh.store.Kind;
import org.apache.hadoop.conf.Configuration;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Supplier;

/**
 * Finds the Delta table a user named (a directory holding `_delta_log/`, in any store) and loads its
 * snapshot with delta-kernel: the latest, `@version` or `@time` (the commit current at that moment).
 * Every kernel failure becomes one line naming the table and the problem.
 */
public final class DeltaTables {
    private DeltaTables() {
    }

    /** A loaded snapshot of the table at {@code location} (shown as its namespace path). */
    public record Ref(Location location, Engine engine, Snapshot snapshot) {
        public String path() {
            return location.display();
        }

        public long version() {
            return snapshot.getVersion();
        }

        /** Runs kernel work on this table; its failures read as one line naming the table. */
        public <T> T read(Supplier<T> work) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                throw failure(location, e);
            }
        }
    }

    /** Whether the argument (without its `@version`) is a Delta table directory. */
    public static boolean isDelta(Namespace ns, String arg) throws IOException {
        Location l = ns.resolve(Versioned.parse(arg).path());
        return !l.isVirtual() && ns.stat(l).kind() == Kind.DELTA;
    }

    /** The latest version of the table, for a command that commits to it: `@version` is refused. */
    public static Ref resolveForWrite(Namespace ns, String arg, String command) throws IOException {
        if (Versioned.parse(arg).version() != null) {
            throw new LakeshException("'" + arg + "': " + command + " writes a new version on the latest; name the table without '@'");
        }
        return resolve(ns, arg);
    }

    public static Ref resolve(Namespace ns, String arg) throws IOException {
        Versioned v = Versioned.parse(arg);
        Location l = ns.resolve(v.path());
        if (l.isVirtual() || ns.stat(l).kind() != Kind.DELTA) {
            throw new LakeshException("'" + v.path() + "' is not a Delta table (a Delta table is a directory with _delta_log/)");
        }
        // a time picks its version from the latest, so only the latest and numbered versions are kept
        boolean kept = v.version() == null || v.version().matches("\\d{1,11}");
        String key = !kept ? null : l.uri() + "@" + (v.version() == null ? "" : Long.parseLong(v.version()));
        DeltaSnapshots cache = DeltaSnapshots.of(ns);
        DeltaTables.Ref cached = kept ? cache.get(key, v.version() == null) : null;
        if (cached != null) {
            return new Ref(l, cached.engine(), cached.snapshot()); // the location as this argument named it
        }
        // seen before the load: a checkpoint written meanwhile makes the next resolve load again
        long lastCheckpoint = kept ? DeltaSnapshots.lastCheckpoint(l) : -1;
        Engine engine = engine(ns);
        try {
            // writes from this snapshot commit put-if-absent (the kernel's default rename overwrites on local files)
            SnapshotBuilder builder = TableManager.loadSnapshot(l.uri()).withCommitter(new DeltaCommitter(l));
            if (v.version() != null) {
                builder = at(builder, v.version(), l, engine);
            }
            Ref ref = new Ref(l, engine, builder.build(engine));
            if (kept) {
                cache.put(key, ref, lastCheckpoint);
            }
            return ref;
        } catch (RuntimeException e) {
            throw failure(l, e);
        }
    }

    /** The kernel's engine on the namespace's Hadoop configuration (`/local` through Hadoop's local file system). */
    public static Engine engine(Namespace ns) {
        return DefaultEngine.create((Configuration) ns.hadoopConf());
    }

    /** `@3` is a version; anything that reads as a time picks the last commit at or before it. */
    private static SnapshotBuilder at(SnapshotBuilder builder, String version, Location l, Engine engine) {
        if (version.matches("\\d{1,11}")) {
            return builder.atVersion(Long.parseLong(version));
        }
        Long millis = Versioned.timeMillis(version);
        if (millis == null) {
            throw new LakeshException("'" + l.display() + "' has no version or time '" + version
                    + "' (a version number, or a time like '2026-11-24 10:00'; see 'history " + l.display() + "')");
        }
        return builder.atTimestamp(millis, TableManager.loadSnapshot(l.uri()).build(engine));
    }

    private static final Pattern NOT_CONTIGUOUS = Pattern.compile("versions are not contiguous: \\(\\[([\\d, ]+)]\\)");
    private static final Pattern CHECKSUM = Pattern.compile("Checksum error: \\S*?([^/\\s]+) at \\d+");
    private static final Pattern MISSING_COMMIT = Pattern.compile("Missing delta file for version (\\d+)");
    private static final Pattern MISSING_CHECKPOINT = Pattern.compile("Missing checkpoint at version (\\d+)");

    /** The one line a user reads for a kernel failure on a table: the table, then the problem. */
    public static LakeshException failure(Location table, Throwable e) {
        if (e instanceof LakeshException l) {
            return l;
        }
        String message = Errors.firstLine(e);
        String problem;
        Matcher gap = NOT_CONTIGUOUS.matcher(message);
        Matcher checkpoint = MISSING_CHECKPOINT.matcher(message);
        Matcher commit = MISSING_COMMIT.matcher(message);
        Matcher checksum = CHECKSUM.matcher(message);
        // the kernel does not say which commit is not JSON: parsing the commits finds it
        LakeshException corrupt = message.contains("Could not parse JSON") ? new DeltaLog(table).corruptCommit() : null;
        if (e instanceof UnsupportedTableFeatureException f) {
            problem = "needs the Delta table feature" + (f.getUnsupportedFeatures().size() > 1 ? "s " : " ")
                    + String.join(", ", new TreeSet<>(f.getUnsupportedFeatures()))
                    + ", which lakesh cannot read (refused rather than risk a wrong answer)";
        } else if (e instanceof UnsupportedProtocolVersionException p) {
            problem = "Delta " + (p.getVersionType() == UnsupportedProtocolVersionException.ProtocolVersionType.READER
                    ? "reader" : "writer") + " protocol version " + p.getVersion() + " is newer than lakesh reads (readers up to 3)";
        } else if (e instanceof TableNotFoundException) {
            problem = "_delta_log has no commits (an empty or unfinished Delta table)";
        } else if (gap.find()) {
            long[] around = firstGap(gap.group(1));
            problem = "Delta log version " + (around[0] + 1) + " is missing (the log goes from version " + around[0] + " to " + around[1] + ")";
        } else if (commit.find()) {
            problem = "Delta log version " + commit.group(1) + " is missing (_delta_log/" + String.format("%020d", Long.parseLong(commit.group(1))) + ".json)";
        } else if (checkpoint.find()) {
            problem = "the checkpoint of version " + checkpoint.group(1)
                    + " that _delta_log/_last_checkpoint names is missing, and so are the commits before it";
        } else if (checksum.find()) {
            // Hadoop's local file system keeps a .crc beside each file it wrote and checks it on every read
            problem = "file " + checksum.group(1) + " does not match its checksum (." + checksum.group(1) + ".crc): corrupt or changed in place";
        } else if (corrupt != null) {
            return corrupt;
        } else if (missingFile(e) != null) {
            problem = "file " + missingFile(e) + " is missing";
        } else {
            problem = message
                    .replace("Encountered an error from the underlying engine implementation while trying to ", "")
                    .replaceAll("Invalid table found at [^:]+(?::/+[^:]*)?: ", "")
                    .replaceAll("(?:file:/+|hdfs://[^/\\s]+/)[^\\s:`]*:\\s*", "");
        }
        return new LakeshException("'" + table.display() + "': " + problem, e);
    }

    /** The versions on either side of the first gap in a sorted list like `0, 2, 3`. */
    private static long[] firstGap(String versions) {
        long previous = -1;
        for (String v : versions.split(",\\s*")) {
            long n = Long.parseLong(v.trim());
            if (previous >= 0 && n != previous + 1) {
                return new long[] {previous, n};
            }
            previous = n;
        }
        return new long[] {previous, previous + 1};
    }

    /** The name of a file the failure says is missing, or null. */
    private static String missingFile(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FileNotFoundException && t.getMessage() != null) {
                String m = t.getMessage();
                Matcher name = Pattern.compile("([^/\\s]+\\.(?:parquet|bin|json))").matcher(m);
                return name.find() ? name.group(1) : Errors.firstLine(t);
            }
        }
        return null;
    }
}
