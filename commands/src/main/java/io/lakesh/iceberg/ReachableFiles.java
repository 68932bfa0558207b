package io.lakesh.iceberg;

import io.lakesh.command.CancelledException;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.ManifestContent;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ManifestReader;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.PartitionStatisticsFile;
import org.apache.iceberg.ReachableFileUtil;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StatisticsFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.io.FileIO;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The files a set of snapshots reaches: manifest lists, manifests, the data and delete files live in
 * them, and their statistics files; keyed by {@link TableFile#key}. What expire-snapshots would delete
 * and what remove-orphans must keep are both computed from here.
 */
public final class ReachableFiles {
    private final Map<String, TableFile> files = new LinkedHashMap<>();

    private ReachableFiles() {
    }

    /** Everything the given snapshots reach. A manifest that cannot be read fails the whole walk. */
    public static ReachableFiles of(Table table, Collection<Snapshot> snapshots) {
        ReachableFiles r = new ReachableFiles();
        FileIO io = table.io();
        Map<Integer, PartitionSpec> specs = table.specs();
        Set<Long> ids = new java.util.HashSet<>();
        for (Snapshot s : snapshots) {
            ids.add(s.snapshotId());
            if (s.manifestListLocation() != null) {
                r.add(TableFile.MANIFEST_LIST, s.manifestListLocation(), -1);
            }
            for (ManifestFile m : s.allManifests(io)) {
                if (r.add(TableFile.MANIFEST, m.path(), m.length())) {
                    r.addContents(m, io, specs);
                }
            }
        }
        TableMetadata metadata = ((org.apache.iceberg.HasTableOperations) table).operations().current();
        for (StatisticsFile f : metadata.statisticsFiles()) {
            if (ids.contains(f.snapshotId())) {
                r.add(TableFile.STATISTICS, f.path(), f.fileSizeInBytes());
            }
        }
        for (PartitionStatisticsFile f : metadata.partitionStatisticsFiles()) {
            if (ids.contains(f.snapshotId())) {
                r.add(TableFile.STATISTICS, f.path(), f.fileSizeInBytes());
            }
        }
        return r;
    }

    /** Everything the table references now: all snapshots' files, its metadata files (with the log) and version hint. */
    public static ReachableFiles ofWholeTable(Table table) {
        java.util.List<Snapshot> all = new java.util.ArrayList<>();
        table.snapshots().forEach(all::add);
        ReachableFiles r = of(table, all);
        for (String location : ReachableFileUtil.metadataFileLocations(table, false)) {
            r.add(TableFile.METADATA, location, -1);
        }
        r.add(TableFile.METADATA, ReachableFileUtil.versionHintLocation(table), -1);
        return r;
    }

    private void addContents(ManifestFile manifest, FileIO io, Map<Integer, PartitionSpec> specs) {
        CancelledException.check();
        try (ManifestReader<? extends ContentFile<?>> reader = open(manifest, io, specs)) {
            for (ContentFile<?> f : reader) {
                add(TableFile.kindOf(f), f.location(), f.fileSizeInBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading manifest " + manifest.path() + ": " + e.getMessage(), e);
        }
    }

    /** The live data or delete files of a manifest, whichever it holds. */
    public static ManifestReader<? extends ContentFile<?>> open(ManifestFile manifest, FileIO io, Map<Integer, PartitionSpec> specs) {
        return manifest.content() == ManifestContent.DATA
                ? ManifestFiles.read(manifest, io, specs) : ManifestFiles.readDeleteManifest(manifest, io, specs);
    }

    private boolean add(String kind, String location, long bytes) {
        return files.putIfAbsent(TableFile.key(location), new TableFile(kind, location, bytes)) == null;
    }

    public boolean contains(String location) {
        return files.containsKey(TableFile.key(location));
    }

    public Collection<TableFile> files() {
        return files.values();
    }
}
