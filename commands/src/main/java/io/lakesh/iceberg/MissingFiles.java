package io.lakesh.iceberg;

import io.lakesh.command.CancelledException;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.io.CloseableIterable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The data and delete files of a snapshot, each once, and which of them the table's FileIO cannot find. */
public final class MissingFiles {
    private MissingFiles() {
    }

    /** The snapshot's files and those missing on disk (`files --check`, `health`). */
    public record Check(List<ContentFile<?>> all, List<ContentFile<?>> missing) {
        public int checked() {
            return all.size();
        }
    }

    /** Every data file of the snapshot, then each delete file the first time a task names it. */
    public static List<ContentFile<?>> files(IcebergTables.Ref ref) {
        List<ContentFile<?>> out = new ArrayList<>();
        Snapshot s = ref.snapshot();
        if (s == null) {
            return out;
        }
        Set<String> seenDeletes = new HashSet<>();
        try (CloseableIterable<FileScanTask> tasks = ref.table().newScan().useSnapshot(s.snapshotId()).planFiles()) {
            for (FileScanTask task : tasks) {
                CancelledException.check();
                out.add(task.file());
                for (DeleteFile d : task.deletes()) {
                    if (seenDeletes.add(d.location())) {
                        out.add(d);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public static Check check(IcebergTables.Ref ref) {
        List<ContentFile<?>> all = files(ref);
        List<ContentFile<?>> missing = new ArrayList<>();
        for (ContentFile<?> f : all) {
            CancelledException.check();
            if (!ref.table().io().newInputFile(f.location()).exists()) {
                missing.add(f);
            }
        }
        return new Check(all, missing);
    }
}
