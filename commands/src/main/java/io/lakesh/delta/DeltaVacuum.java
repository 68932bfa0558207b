package io.lakesh.delta;

import com.fasterxml.jackson.databind.JsonNode;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import io.lakesh.LakeshException;
import io.lakesh.command.CancelledException;
import io.lakesh.iceberg.MaintenancePlan;
import io.lakesh.iceberg.TableFile;
import io.lakesh.namespace.Location;
import io.lakesh.namespace.Namespace;
import io.lakesh.store.FileEntry;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `vacuum T --retain 168h`, by the protocol: a file in the table's directory may be deleted when no version
 * within the retention reaches it — not in the latest version, not removed by a commit after the cutoff (those
 * files were live in a version readers may still time-travel to) — and it is older than the cutoff (a writer's
 * files exist before its commit). The retention may not be shorter than `delta.deletedFileRetentionDuration`
 * (default 1 week) unless asked for. The log itself and hidden files (`_…`, `.…`) are never touched.
 */
public final class DeltaVacuum implements MaintenancePlan {
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    private static final Pattern INTERVAL = Pattern.compile("(?i)(?:interval\\s+)?(\\d+)\\s*(week|day|hour|minute|second|millisecond)s?");

    private final Namespace ns;
    private final DeltaTables.Ref ref;
    private final long cutoff;
    private final List<TableFile> files;

    private DeltaVacuum(Namespace ns, DeltaTables.Ref ref, long cutoff, List<TableFile> files) {
        this.ns = ns;
        this.ref = ref;
        this.cutoff = cutoff;
        this.files = files;
    }

    /** Plans against the latest version; {@code retention} null: the table's own. */
    public static DeltaVacuum plan(Namespace ns, DeltaTables.Ref ref, Duration retention, boolean allowShortRetention, long now) throws IOException {
        DeltaChanges.requireOwnCommit(ref); // vacuumProtocolCheck: the writer protocol is checked as for a commit
        String property = ref.snapshot().getTableProperties().get("delta.deletedFileRetentionDuration");
        Duration tableRetention = property == null ? DEFAULT_RETENTION : duration(property, ref);
        Duration keep = retention == null ? tableRetention : retention;
        if (keep.compareTo(tableRetention) < 0 && !allowShortRetention) {
            throw new LakeshException("'" + ref.path() + "': --retain " + text(keep) + " is shorter than the table's delta.deletedFileRetentionDuration ("
                    + (property == null ? "default " + text(tableRetention) : property) + "): readers of older versions and running writers "
                    + "could lose files; add --allow-short-retention to do it anyway");
        }
        long cutoff = now - keep.toMillis();
        return new DeltaVacuum(ns, ref, cutoff, unreferenced(ref, cutoff));
    }

    /** `interval 1 week`, `interval 168 hours`, `7 days` (the property's form) as a duration. */
    static Duration duration(String text, DeltaTables.Ref ref) {
        Matcher m = INTERVAL.matcher(text.trim());
        if (!m.matches()) {
            throw new LakeshException("'" + ref.path() + "': delta.deletedFileRetentionDuration '" + text + "' is not an interval such as 'interval 7 days'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "week" -> Duration.ofDays(7 * n);
            case "day" -> Duration.ofDays(n);
            case "hour" -> Duration.ofHours(n);
            case "minute" -> Duration.ofMinutes(n);
            case "second" -> Duration.ofSeconds(n);
            default -> Duration.ofMillis(n);
        };
    }

    private static String text(Duration d) {
        return d.toMillis() % 3_600_000 == 0 ? d.toHours() + "h" : d.toMillis() + "ms";
    }

    /** Files of the table directory that no version within the retention reaches and that are older than the cutoff. */
    private static List<TableFile> unreferenced(DeltaTables.Ref ref, long cutoff) throws IOException {
        Set<String> reached = reached(ref, cutoff);
        List<TableFile> out = new ArrayList<>();
        walk(ref.location(), ref.location().storePath(), reached, cutoff, out);
        return out;
    }

    private static void walk(Location table, String dir, Set<String> reached, long cutoff, List<TableFile> out) throws IOException {
        for (FileEntry e : table.store().list(dir)) {
            CancelledException.check();
            String name = e.name();
            if (name.equals("_delta_log") || ((name.startsWith("_") || name.startsWith(".")) && !name.contains("="))) {
                continue;
            }
            if (e.isDirectory()) {
                walk(table, e.path(), reached, cutoff, out);
            } else if (!reached.contains(e.path()) && e.modified().toEpochMilli() < cutoff) {
                out.add(new TableFile(name.startsWith("deletion_vector_") ? "deletion vector" : "data",
                        table.uri().replaceFirst(java.util.regex.Pattern.quote(table.storePath()) + "$", "") + e.path(), e.length()));
            }
        }
    }

    /** Store paths of the files (and deletion vectors) of the latest version and of every file a commit after the cutoff removed. */
    static Set<String> reached(DeltaTables.Ref ref, long cutoff) throws IOException {
        String root = ref.snapshot().getPath();
        Set<String> reached = new HashSet<>();
        DeltaChanges.addActions(ref).values().forEach(add -> reach(add, root, reached));
        DeltaLog log = new DeltaLog(ref.location());
        List<FileEntry> commits = new ArrayList<>();
        for (FileEntry f : ref.location().store().list(ref.location().storePath() + "/_delta_log")) {
            if (f.name().matches("\\d{20}\\.json")) {
                commits.add(f);
            }
        }
        long oldestKept = Long.MAX_VALUE;
        long cutoffVersion = -1; // the version current at the cutoff: its files may be read by time travel to then
        for (FileEntry f : commits) {
            long v = Long.parseLong(f.name().substring(0, 20));
            oldestKept = Math.min(oldestKept, v);
            if (f.modified().toEpochMilli() <= cutoff) {
                cutoffVersion = Math.max(cutoffVersion, v);
            }
        }
        if (cutoffVersion < 0 && oldestKept > 0) {
            throw new LakeshException("'" + ref.path() + "': the log has no commits before version " + oldestKept
                    + ", so what versions within the retention reach is not known; nothing to vacuum safely");
        }
        for (long v = cutoffVersion + 1; v <= ref.version(); v++) {
            CancelledException.check();
            for (JsonNode action : log.actions(v)) {
                for (String kind : List.of("add", "remove")) {
                    if (action.has(kind)) {
                        reach(action.get(kind), root, reached);
                    }
                }
            }
        }
        return reached;
    }

    private static void reach(JsonNode file, String root, Set<String> reached) {
        reached.add(TableFile.key(DeltaFiles.location(file.path("path").asText(), root)));
        JsonNode dv = file.path("deletionVector");
        if (dv.isObject() && !dv.path("storageType").asText().equals("i")) {
            DeletionVectorDescriptor d = new DeletionVectorDescriptor(dv.path("storageType").asText(), dv.path("pathOrInlineDv").asText(),
                    dv.has("offset") ? Optional.of(dv.get("offset").asInt()) : Optional.empty(), dv.path("sizeInBytes").asInt(), dv.path("cardinality").asLong());
            reached.add(TableFile.key(DeltaFiles.location(d.getAbsolutePath(root), root)));
        }
    }

    @Override
    public String headline() {
        return files.isEmpty() ? ref.path() + ": no files to vacuum (every file is reached by a version within the retention, or newer)"
                : ref.path() + ": " + MaintenancePlan.count(files.size(), "file") + " reached by no version since "
                + java.time.Instant.ofEpochMilli(cutoff) + " (" + MaintenancePlan.bytes(files) + " bytes)";
    }

    @Override
    public boolean isEmpty() {
        return files.isEmpty();
    }

    @Override
    public String action() {
        return "delete " + MaintenancePlan.count(files.size(), "file") + " (" + MaintenancePlan.bytes(files) + " bytes) from " + ref.path();
    }

    @Override
    public List<TableFile> files() {
        return files;
    }

    /** Deletes the planned files that are still reached by nothing (a writer may have committed one meanwhile). */
    @Override
    public String apply() throws IOException {
        DeltaTables.Ref now = DeltaTables.resolve(ns, ref.location().display());
        Set<String> reached = reached(now, cutoff);
        Location table = ref.location();
        int deleted = 0;
        long bytes = 0;
        int kept = 0;
        for (TableFile f : files) {
            CancelledException.check();
            String storePath = TableFile.key(f.location());
            if (reached.contains(storePath)) {
                kept++;
                continue;
            }
            table.store().delete(storePath, false);
            // Hadoop's local file system keeps a checksum beside each file it wrote
            String crc = storePath.substring(0, storePath.lastIndexOf('/') + 1) + "." + storePath.substring(storePath.lastIndexOf('/') + 1) + ".crc";
            if (table.store().exists(crc)) {
                table.store().delete(crc, false);
            }
            deleted++;
            bytes += Math.max(0, f.bytes());
        }
        return "vacuumed " + ref.path() + ": deleted " + MaintenancePlan.count(deleted, "file") + " (" + bytes + " bytes)"
                + (kept == 0 ? "" : "; kept " + kept + " committed meanwhile");
    }
}
