package io.lakesh.iceberg;

import io.lakesh.output.Bytes;
import org.apache.iceberg.ExpireSnapshots;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.util.PropertyUtil;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/**
 * expire-snapshots through Iceberg's own {@link ExpireSnapshots}: the plan is its {@code apply()} (which
 * writes nothing) and the files only the expired snapshots reach; {@link #apply()} commits the same
 * expiry, which Iceberg retries on a concurrent commit and which keeps whatever others committed since.
 */
public final class SnapshotExpiry implements MaintenancePlan {
    private final Table table;
    private final String path;
    private final long cutoff;
    private final int retainLast;
    private final List<Snapshot> expired;
    private final List<TableFile> files;

    /**
     * @param olderThan epoch ms, or null for the table's history.expire.max-snapshot-age-ms (Iceberg's default: 5 days)
     * @param retainLast snapshots to keep in any case, or null for history.expire.min-snapshots-to-keep (default 1)
     */
    public SnapshotExpiry(Table table, String path, Long olderThan, Integer retainLast, long nowMillis) {
        this.table = table;
        this.path = path;
        Map<String, String> props = table.properties();
        this.cutoff = olderThan != null ? olderThan : nowMillis - PropertyUtil.propertyAsLong(props,
                TableProperties.MAX_SNAPSHOT_AGE_MS, TableProperties.MAX_SNAPSHOT_AGE_MS_DEFAULT);
        this.retainLast = retainLast != null ? retainLast : PropertyUtil.propertyAsInt(props,
                TableProperties.MIN_SNAPSHOTS_TO_KEEP, TableProperties.MIN_SNAPSHOTS_TO_KEEP_DEFAULT);
        if (this.retainLast < 1) {
            throw new io.lakesh.UsageException("--retain-last must be at least 1 (the current snapshot stays)");
        }
        this.expired = table.expireSnapshots().expireOlderThan(cutoff).retainLast(this.retainLast).apply();
        Set<Long> gone = expired.stream().map(Snapshot::snapshotId).collect(Collectors.toSet());
        List<Snapshot> kept = new ArrayList<>();
        table.snapshots().forEach(s -> {
            if (!gone.contains(s.snapshotId())) {
                kept.add(s);
            }
        });
        ReachableFiles stays = ReachableFiles.of(table, kept);
        List<TableFile> only = new ArrayList<>();
        for (TableFile f : ReachableFiles.of(table, expired).files()) {
            if (!stays.contains(f.location())) {
                only.add(f.bytes() >= 0 ? f : new TableFile(f.kind(), f.location(), table.io().newInputFile(f.location()).getLength()));
            }
        }
        this.files = List.copyOf(only);
    }

    private String rule() {
        return "committed before " + Instant.ofEpochMilli(cutoff) + ", keeping the newest " + retainLast
                + " and those tags and branches hold";
    }

    @Override
    public String headline() {
        int total = 0;
        for (Snapshot ignored : table.snapshots()) {
            total++;
        }
        if (expired.isEmpty()) {
            return "nothing to expire in " + path + " (" + MaintenancePlan.count(total, "snapshot") + "): none was committed before "
                + Instant.ofEpochMilli(cutoff) + ", beyond the newest " + retainLast + " and not held by a tag or branch";
        }
        return "expire " + expired.size() + " of " + MaintenancePlan.count(total, "snapshot") + " of " + path + " (" + rule() + "): "
                + expired.stream().map(s -> Long.toString(s.snapshotId())).collect(Collectors.joining(", "));
    }

    @Override
    public boolean isEmpty() {
        return expired.isEmpty();
    }

    @Override
    public String action() {
        return "expire " + MaintenancePlan.count(expired.size(), "snapshot") + " of " + path + " and delete "
                + MaintenancePlan.count(files.size(), "file") + " ("
                + new Bytes(MaintenancePlan.bytes(files)).human() + ")";
    }

    @Override
    public List<TableFile> files() {
        return files;
    }

    /**
     * Expires exactly the planned snapshots: a rule applied again now would also take snapshots that aged
     * past it while the user was asked. Everything else is kept (no age expires it).
     */
    @Override
    public String apply() {
        Map<String, Long> planned = files.stream().collect(Collectors.toMap(f -> TableFile.key(f.location()), TableFile::bytes, (a, b) -> a));
        Queue<String> deleted = new ConcurrentLinkedQueue<>();
        ExpireSnapshots expiry = table.expireSnapshots().expireOlderThan(Long.MIN_VALUE).deleteWith(location -> {
            table.io().deleteFile(location);
            deleted.add(location);
        });
        table.refresh();
        int present = 0;
        for (Snapshot s : expired) {
            if (table.snapshot(s.snapshotId()) != null) {
                expiry.expireSnapshotId(s.snapshotId());
                present++;
            }
        }
        if (present == 0) {
            return "nothing expired: another expiry removed the planned snapshots of " + path + " already";
        }
        try {
            expiry.commit();
        } catch (IllegalArgumentException e) {
            throw new io.lakesh.LakeshException("'" + path + "': " + io.lakesh.command.Errors.firstLine(e)
                    + " (a tag or branch was set meanwhile); nothing was expired");
        }
        long bytes = deleted.stream().mapToLong(l -> Math.max(0, planned.getOrDefault(TableFile.key(l), 0L))).sum();
        return "expired " + MaintenancePlan.count(present, "snapshot") + " of " + path + "; deleted "
                + MaintenancePlan.count(deleted.size(), "file") + " (" + new Bytes(bytes).human() + ")";
    }
}
