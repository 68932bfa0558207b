package io.lakesh.delta;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.delta.kernel.Scan;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.actions.AddFile;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.lakesh.command.CancelledException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The data files (add actions) of a Delta snapshot, as the kernel's log replay leaves them. */
public final class DeltaFiles {
    public static final String PHYSICAL_NAME = "delta.columnMapping.physicalName";
    public static final String COLUMN_ID = "delta.columnMapping.id";
    private static final JsonFactory JSON = new JsonFactory();

    private DeltaFiles() {
    }

    /**
     * One add file: its path relative to the table (decoded: the name in the store), partition values by
     * column name, size, rows as its stats count them (null without stats), its deletion vector, and (when
     * listed {@code withActions}) its add action's JSON as the log has it, for a commit that removes it.
     */
    public record DataFile(String path, Map<String, String> partition, long size, Long records,
                           DeletionVectorDescriptor deletionVector, String stats, String location, String action) {
        /** Rows the deletion vector removes (0 without one). */
        public long deleted() {
            return deletionVector == null ? 0 : deletionVector.getCardinality();
        }

        /** Rows left: the stats' count less the deletion vector's (exact by the protocol); null without stats. */
        public Long liveRecords() {
            return records == null ? null : records - deleted();
        }
    }

    /** Rows left in all the files, or null when a file has no stats. */
    public static Long liveRecords(List<DataFile> files) {
        long sum = 0;
        for (DataFile f : files) {
            if (f.liveRecords() == null) {
                return null;
            }
            sum += f.liveRecords();
        }
        return sum;
    }

    public static long bytes(List<DataFile> files) {
        return files.stream().mapToLong(DataFile::size).sum();
    }

    public static List<DataFile> list(DeltaTables.Ref ref) {
        return list(ref, null);
    }

    /** The files a filter may need (the kernel skips files by partition values and stats); null: all. */
    public static List<DataFile> list(DeltaTables.Ref ref, io.delta.kernel.expressions.Predicate filter) {
        return list(ref, filter, false);
    }

    /** As {@link #list(DeltaTables.Ref, io.delta.kernel.expressions.Predicate)}, with each add action when asked (one log replay for a rewrite). */
    public static List<DataFile> list(DeltaTables.Ref ref, io.delta.kernel.expressions.Predicate filter, boolean withActions) {
        return ref.read(() -> {
            Map<String, String> logicalNames = logicalNames(ref.snapshot().getSchema());
            String root = ref.snapshot().getPath();
            List<DataFile> out = new ArrayList<>();
            var builder = ref.snapshot().getScanBuilder();
            var skipping = DeltaFilters.forSkipping(filter, ref.snapshot().getSchema());
            Scan scan = (skipping == null ? builder : builder.withFilter(skipping)).build();
            try (CloseableIterator<FilteredColumnarBatch> batches = scan.getScanFiles(ref.engine(), true)) {
                while (batches.hasNext()) {
                    try (CloseableIterator<Row> rows = batches.next().getRows()) {
                        while (rows.hasNext()) {
                            CancelledException.check();
                            out.add(dataFile(rows.next(), logicalNames, root, withActions));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        });
    }

    /**
     * The stats' `numRecords`, null when there is none. A streaming read that stops there (it comes first as writers
     * order the stats) and skips the per-column values: the kernel's own parse of every value was half of listing a
     * table of 1,000 files.
     */
    static Long numRecords(String stats) {
        if (stats == null) {
            return null;
        }
        try (JsonParser p = JSON.createParser(stats)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("numRecords")) {
                    return value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null; // stats a reader cannot parse are as good as none
        }
    }

    private static DataFile dataFile(Row scanFile, Map<String, String> logicalNames, String root, boolean withAction) {
        Row addRow = scanFile.getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL);
        AddFile add = new AddFile(addRow);
        Map<String, String> partition = new LinkedHashMap<>();
        InternalScanFileUtils.getPartitionValues(scanFile).forEach((k, v) -> partition.put(logicalNames.getOrDefault(k, k), v));
        return new DataFile(relative(add.getPath(), root), partition, add.getSize(), numRecords(add.getStatsJson().orElse(null)),
                add.getDeletionVector().orElse(null), add.getStatsJson().orElse(null), location(add.getPath(), root),
                withAction ? io.delta.kernel.defaults.internal.json.JsonUtils.rowToJson(addRow) : null);
    }

    /**
     * The file's location as the store names it (scheme, authority, then the path decoded once: a log path is
     * URI-encoded, the name in the store is not), e.g. `file:/t/region=a%20b/x.parquet` for a directory whose
     * name holds `%20`.
     */
    static String location(String logPath, String root) {
        URI uri;
        try {
            uri = URI.create(logPath);
            if (uri.getScheme() == null) {
                uri = URI.create((root.endsWith("/") ? root : root + "/") + logPath);
            }
        } catch (IllegalArgumentException e) {
            return (root.endsWith("/") ? root : root + "/") + logPath; // a writer that did not encode its paths
        }
        return uri.getScheme() + ":" + (uri.getRawAuthority() == null ? "" : "//" + uri.getRawAuthority()) + uri.getPath();
    }

    /** Log paths are URI-encoded, relative to the table or absolute: shown as the store names them. */
    static String relative(String logPath, String root) {
        URI uri;
        try {
            uri = URI.create(logPath);
        } catch (IllegalArgumentException e) {
            return logPath; // a writer that did not encode its paths: show them as written
        }
        String decoded = uri.getPath();
        if (uri.getScheme() == null) {
            return decoded;
        }
        String base = URI.create(root.endsWith("/") ? root : root + "/").getPath();
        return decoded.startsWith(base) ? decoded.substring(base.length()) : logPath;
    }

    /** Physical column names (column mapping) to the names users know; without mapping they are the same. */
    static Map<String, String> logicalNames(StructType schema) {
        Map<String, String> names = new HashMap<>();
        for (StructField f : schema.fields()) {
            String physical = f.getMetadata().contains(PHYSICAL_NAME) ? f.getMetadata().getString(PHYSICAL_NAME) : f.getName();
            names.put(physical, f.getName());
        }
        return names;
    }

    /** `region=EU/day=2026-11-24`, values as the log holds them (unescaped), null as `null`. */
    public static String partitionText(Map<String, String> partition) {
        StringBuilder sb = new StringBuilder();
        partition.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "/").append(k).append('=').append(v));
        return sb.toString();
    }

    /** `u:<id>@<offset>` style: where the deletion vector is stored, and what it removes. */
    public static String describe(DeletionVectorDescriptor dv) {
        if (dv == null) {
            return null;
        }
        String where = switch (dv.getStorageType()) {
            case "i" -> "inline";
            case "p" -> dv.getPathOrInlineDv();
            default -> "u:" + dv.getPathOrInlineDv();
        };
        return where + (dv.getOffset().isPresent() ? "@" + dv.getOffset().get() : "") + " (" + dv.getCardinality() + " rows)";
    }
}
