package io.lakesh.health;

import io.lakesh.command.Errors;
import io.lakesh.delta.DeltaFiles;
import io.lakesh.delta.DeltaTables;
import io.lakesh.iceberg.IcebergTables;
import io.lakesh.iceberg.MissingFiles;
import io.lakesh.namespace.Namespace;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.FileContent;
import org.apache.iceberg.Snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * One Iceberg or Delta table: its metadata loads; small-file ratio (data files under `health.small_file_bytes`
 * among all, judged only from `health.small_file_min_files` files on, since one small table is not a problem);
 * snapshot (Iceberg) or version (Delta) count; age of the last commit; data (and Iceberg delete) files missing
 * on disk (for Iceberg the walk `files --check` makes); Iceberg orphan bytes (what `remove-orphans` would delete).
 */
public final class TableCheck implements HealthCheck {
    static final String COMPONENT = "table";
    static final long SMALL_FILE_BYTES = 32L << 20;
    static final int SMALL_FILE_MIN_FILES = 10;

    private final Namespace namespace;
    private final String path;
    private final Thresholds thresholds;
    private final long now;
    private final List<CheckResult> results = new ArrayList<>();

    public TableCheck(Namespace namespace, String path, Thresholds thresholds, long nowMillis) {
        this.namespace = namespace;
        this.path = path;
        this.thresholds = thresholds;
        this.now = nowMillis;
    }

    @Override
    public String component() {
        return COMPONENT;
    }

    @Override
    public String target() {
        return path;
    }

    @Override
    public List<CheckResult> run() {
        try {
            if (DeltaTables.isDelta(namespace, path)) {
                delta(DeltaTables.resolve(namespace, path));
            } else {
                iceberg(IcebergTables.resolve(namespace, path));
            }
        } catch (Exception e) {
            results.add(CheckResult.critical(COMPONENT, path, "metadata", Errors.message(e, path)));
        }
        return results;
    }

    private void iceberg(IcebergTables.Ref ref) {
        results.add(new CheckResult(COMPONENT, path, "metadata", Status.OK, null, "loads (iceberg)"));
        int snapshots = 0;
        for (Snapshot ignored : ref.table().snapshots()) {
            snapshots++;
        }
        add("snapshots", snapshots, snapshots + " snapshots" + (snapshots == 0 ? "" : " (expire-snapshots removes old ones)"));
        Snapshot current = ref.snapshot();
        if (current == null) {
            return;
        }
        lastCommit(current.timestampMillis());
        MissingFiles.Check files = MissingFiles.check(ref);
        List<Long> dataSizes = new ArrayList<>();
        for (ContentFile<?> f : files.all()) {
            if (f.content() == FileContent.DATA) {
                dataSizes.add(f.fileSizeInBytes());
            }
        }
        smallFiles(dataSizes);
        orphans(ref);
        int missing = files.missing().size();
        add("missing_files", missing, missing == 0 ? "all " + files.checked() + " data and delete files are on disk"
                : missing + " of " + files.checked() + " files are missing, e.g. " + files.missing().get(0).location()
                + " ('files --check " + path + "' lists them)");
    }

    /** Bytes under the table location that nothing references, older than remove-orphans' default age. */
    private void orphans(IcebergTables.Ref ref) {
        try {
            List<io.lakesh.iceberg.TableFile> orphans = new io.lakesh.iceberg.OrphanFiles(namespace, ref.table(), path,
                    io.lakesh.iceberg.OlderThan.cutoff(io.lakesh.iceberg.OrphanFiles.DEFAULT_AGE, now)).files();
            long bytes = io.lakesh.iceberg.MaintenancePlan.bytes(orphans);
            add("orphan_bytes", bytes, orphans.size() + " unreferenced files older than " + io.lakesh.iceberg.OrphanFiles.DEFAULT_AGE
                    + (orphans.isEmpty() ? "" : " ('remove-orphans " + path + "' deletes them)"));
        } catch (Exception e) {
            results.add(CheckResult.unknown(COMPONENT, path, "orphan_bytes", Errors.message(e, path)));
        }
    }

    /** Delta add files the store does not have: the kernel reads the log fine, reads of those rows fail. */
    private void deltaMissing(List<DeltaFiles.DataFile> files) throws java.io.IOException {
        int missing = 0;
        String first = null;
        for (DeltaFiles.DataFile f : files) {
            if (!namespace.exists(namespace.resolve(f.location()))) {
                missing++;
                first = first == null ? f.path() : first;
            }
        }
        add("missing_files", missing, missing == 0 ? "all " + files.size() + " data files are on disk"
                : missing + " of " + files.size() + " data files are missing, e.g. " + first);
    }

    private void delta(DeltaTables.Ref ref) throws java.io.IOException {
        results.add(new CheckResult(COMPONENT, path, "metadata", Status.OK, null, "loads (delta)"));
        long versions = ref.version() + 1;
        add("versions", versions, "version " + ref.version());
        lastCommit(ref.read(() -> ref.snapshot().getTimestamp(ref.engine())));
        List<DeltaFiles.DataFile> files = ref.read(() -> DeltaFiles.list(ref));
        smallFiles(files.stream().map(DeltaFiles.DataFile::size).toList());
        deltaMissing(files);
    }

    private void lastCommit(long commitMillis) {
        long age = Math.max(0, (now - commitMillis) / 1000);
        add("last_commit_age_seconds", age, "last commit " + java.time.Instant.ofEpochMilli(commitMillis));
    }

    private void smallFiles(List<Long> sizes) {
        long threshold = (long) thresholds.setting("small_file_bytes", SMALL_FILE_BYTES);
        int minFiles = (int) thresholds.setting("small_file_min_files", SMALL_FILE_MIN_FILES);
        LongPredicate small = size -> size < threshold;
        long count = sizes.stream().filter(small::test).count();
        double ratio = sizes.isEmpty() ? 0 : Math.round(1000.0 * count / sizes.size()) / 1000.0;
        String message = count + " of " + sizes.size() + " data files under " + threshold + " bytes";
        Status status = sizes.size() < minFiles ? Status.OK : thresholds.status("small_file_ratio", ratio);
        results.add(new CheckResult(COMPONENT, path, "small_file_ratio", status, ratio,
                sizes.size() < minFiles && count > 0 ? message + " (judged from " + minFiles + " files on)" : message));
    }

    private void add(String check, long value, String message) {
        results.add(new CheckResult(COMPONENT, path, check, thresholds.status(check, value), value, message));
    }
}
