package io.lakesh.iceberg;

import io.lakesh.output.Bytes;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.util.PropertyUtil;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * rewrite-manifests through Iceberg's own {@link org.apache.iceberg.RewriteManifests}: the current
 * snapshot's data manifests are merged, per partition spec, into manifests of the table's
 * commit.manifest.target-size-bytes (8 MiB by default). Worth doing when there are more manifests than
 * that size needs; Iceberg keeps manifests that concurrent writers add and validates on retry.
 */
public final class ManifestRewrite implements MaintenancePlan {
    private final Table table;
    private final String path;
    private final List<TableFile> manifests = new ArrayList<>();
    private final int target;
    private final long targetBytes;

    public ManifestRewrite(Table table, String path) {
        this.table = table;
        this.path = path;
        this.targetBytes = PropertyUtil.propertyAsLong(table.properties(), TableProperties.MANIFEST_TARGET_SIZE_BYTES,
                TableProperties.MANIFEST_TARGET_SIZE_BYTES_DEFAULT);
        Snapshot current = table.currentSnapshot();
        Map<Integer, Long> bytesBySpec = new TreeMap<>();
        if (current != null) {
            for (ManifestFile m : current.dataManifests(table.io())) {
                manifests.add(new TableFile(TableFile.MANIFEST, m.path(), m.length()));
                bytesBySpec.merge(m.partitionSpecId(), m.length(), Long::sum);
            }
        }
        this.target = bytesBySpec.values().stream().mapToInt(b -> (int) Math.max(1, (b + targetBytes - 1) / targetBytes)).sum();
    }

    @Override
    public String headline() {
        String have = MaintenancePlan.count(manifests.size(), "data manifest") + " (" + new Bytes(MaintenancePlan.bytes(manifests)).human() + ")";
        return isEmpty()
                ? "nothing to rewrite in " + path + ": " + have + ", no more than manifests of " + new Bytes(targetBytes).human() + " need"
                : "rewrite the " + have + " of " + path + " into about " + target + " of up to " + new Bytes(targetBytes).human()
                + "; the old ones stay for older snapshots until expire-snapshots";
    }

    @Override
    public boolean isEmpty() {
        return manifests.size() <= target;
    }

    @Override
    public String action() {
        return "rewrite " + MaintenancePlan.count(manifests.size(), "manifest") + " (" + new Bytes(MaintenancePlan.bytes(manifests)).human() + ") of " + path;
    }

    @Override
    public List<TableFile> files() {
        return manifests;
    }

    @Override
    public String apply() {
        // one cluster key: Iceberg still writes one set of manifests per partition spec and rolls them at the target size
        table.rewriteManifests().clusterBy(file -> "").commit();
        table.refresh();
        // a concurrent writer may have committed on top of ours: ours is the newest rewrite among the ancestors
        Snapshot s = null;
        for (Snapshot a : org.apache.iceberg.util.SnapshotUtil.ancestorsOf(table.currentSnapshot().snapshotId(), table::snapshot)) {
            if (org.apache.iceberg.DataOperations.REPLACE.equals(a.operation()) && a.summary().containsKey(SnapshotSummary.CREATED_MANIFESTS_COUNT)) {
                s = a;
                break;
            }
        }
        if (s == null) {
            return "rewrote the manifests of " + path;
        }
        Map<String, String> sum = s.summary();
        return "rewrote " + sum.getOrDefault(SnapshotSummary.REPLACED_MANIFESTS_COUNT, "0") + " manifests of " + path + " into "
                + sum.getOrDefault(SnapshotSummary.CREATED_MANIFESTS_COUNT, "0") + " (snapshot " + s.snapshotId() + ", "
                + sum.getOrDefault(SnapshotSummary.PROCESSED_MANIFEST_ENTRY_COUNT, "0") + " files)";
    }
}
