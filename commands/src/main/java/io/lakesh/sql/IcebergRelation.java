package io.lakesh.sql;

import io.lakesh.LakeshException;
import io.lakesh.iceberg.IcebergTables;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileContent;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.data.BaseDeleteLoader;
import org.apache.iceberg.deletes.PositionDeleteIndex;
import org.apache.iceberg.types.Types;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An Iceberg snapshot as a DuckDB relation: iceberg-core plans the files (the query's simple filters prune
 * them by partition values and column statistics), DuckDB reads the Parquet data files by field id, and
 * deletes are applied as anti-joins — position deletes and deletion vectors on (data file URI, row
 * position), equality deletes on their key columns, each only against the data files it applies to.
 */
final class IcebergRelation {
    private IcebergRelation() {
    }

    static String build(QueryBuild q, IcebergTables.Ref ref, List<String> conjuncts) throws IOException {
        Schema schema = ref.schema();
        Snapshot snapshot = ref.snapshot();
        if (snapshot == null) {
            q.note(ref.path() + ": no snapshot, no rows");
            return empty(schema);
        }
        PlanCache.Plan plan = q.plans().plan(ref, conjuncts);
        List<FileScanTask> tasks = plan.tasks();
        List<String> pushed = plan.pushed();
        String total = snapshot.summary().getOrDefault("total-data-files", "?");
        long deletes = tasks.stream().flatMap(t -> t.deletes().stream()).map(DeleteFile::location).distinct().count();
        q.note(ref.path() + (ref.snapshotId() == null ? "" : "@" + snapshot.snapshotId()) + ": " + tasks.size() + " of " + total
                + " data files" + (pushed.isEmpty() ? "" : " (pruned by " + String.join(" and ", pushed) + ")")
                + (deletes == 0 ? "" : ", " + deletes + " delete files applied"));
        return of(q, ref, tasks);
    }

    /** The rows of exactly these planned files (deletes applied), with the ref's schema. */
    static String of(QueryBuild q, IcebergTables.Ref ref, List<FileScanTask> tasks) throws IOException {
        Schema schema = ref.schema();
        String columns = schema.columns().stream().map(f -> DuckTypes.quote(f.name())).collect(Collectors.joining(", "));
        Map<String, DataFile> data = new LinkedHashMap<>();
        Set<String> positionDeletes = new LinkedHashSet<>();
        Map<String, DeleteFile> deleteFiles = new LinkedHashMap<>();
        Map<String, List<String>> dvs = new LinkedHashMap<>(); // data file -> its deletion vector file
        // equality field ids -> (delete file -> the data files it applies to)
        Map<List<Integer>, Map<String, Set<String>>> equality = new LinkedHashMap<>();
        {
            for (FileScanTask task : tasks) {
                DataFile file = task.file();
                requireParquet(ref, file.location(), file.format());
                data.put(file.location(), file);
                for (DeleteFile d : task.deletes()) {
                    deleteFiles.put(d.location(), d);
                    if (d.content() == FileContent.POSITION_DELETES && d.format() == FileFormat.PUFFIN) {
                        dvs.computeIfAbsent(file.location(), k -> new ArrayList<>()).add(d.location());
                    } else if (d.content() == FileContent.POSITION_DELETES) {
                        requireParquet(ref, d.location(), d.format());
                        positionDeletes.add(d.location());
                    } else {
                        requireParquet(ref, d.location(), d.format());
                        equality.computeIfAbsent(List.copyOf(d.equalityFieldIds()), k -> new LinkedHashMap<>())
                                .computeIfAbsent(d.location(), k -> new LinkedHashSet<>()).add(file.location());
                    }
                }
            }
        }
        if (data.isEmpty()) {
            return empty(schema);
        }
        List<FileCache.RemoteFile> needed = new ArrayList<>();
        data.values().forEach(f -> needed.add(new FileCache.RemoteFile(f.location(), f.fileSizeInBytes())));
        for (DeleteFile d : deleteFiles.values()) {
            if (d.format() != FileFormat.PUFFIN) {
                needed.add(new FileCache.RemoteFile(d.location(), d.fileSizeInBytes()));
            }
        }
        Map<String, String> local = q.fetch(needed);
        List<String> dataPaths = data.keySet().stream().map(local::get).toList();
        // by field id only where names may mislead: DuckDB's schema mapping costs a fifth of a scan's time
        boolean byName = oneColumnLayout(ref.table());
        if (!byName && ref.table().properties().containsKey(org.apache.iceberg.TableProperties.DEFAULT_NAME_MAPPING)) {
            // a migrated table's files may lack field ids; after schema changes, names alone could mislead
            throw new LakeshException("'" + ref.path() + "' maps columns by name (schema.name-mapping.default) and its schema changed; "
                    + "lakesh's SQL does not read such tables yet: query it with Trino, or use head/count");
        }
        String byId = byName ? "" : ", schema = " + DuckTypes.schemaMap(schema);
        if (deleteFiles.isEmpty()) {
            return "SELECT " + columns + " FROM read_parquet(" + DuckTypes.list(dataPaths) + byId + ")";
        }
        String files = q.tempName("files");
        q.execute("CREATE TABLE " + files + " (local VARCHAR, uri VARCHAR)");
        q.append(files, data.keySet().stream().map(uri -> new Object[] {local.get(uri), uri}).toList());
        List<String> conditions = new ArrayList<>();
        if (!positionDeletes.isEmpty() || !dvs.isEmpty()) {
            String positions = q.tempName("positions");
            q.execute("CREATE TABLE " + positions + " (file_path VARCHAR, pos BIGINT)");
            if (!positionDeletes.isEmpty()) {
                // the spec names these columns file_path and pos; a writer may add the deleted row too
                q.execute("INSERT INTO " + positions + " SELECT file_path, pos FROM read_parquet("
                        + DuckTypes.list(positionDeletes.stream().map(local::get).toList()) + ")");
            }
            if (!dvs.isEmpty()) {
                appendDeletionVectors(q, ref, positions, dvs, deleteFiles);
            }
            conditions.add("NOT EXISTS (SELECT 1 FROM " + positions + " p WHERE p.file_path = t.lakesh_uri AND p.pos = t.file_row_number)");
        }
        int group = 0;
        for (Map.Entry<List<Integer>, Map<String, Set<String>>> e : equality.entrySet()) {
            List<Types.NestedField> keys = new ArrayList<>();
            for (int id : e.getKey()) {
                Types.NestedField f = ref.table().schema().findField(id);
                if (f == null) {
                    f = schema.findField(id);
                }
                if (f == null) {
                    throw new LakeshException("'" + ref.path() + "': an equality delete file names field id " + id + ", which the table schema lacks");
                }
                keys.add(f);
            }
            Schema keySchema = new Schema(keys);
            String rows = q.tempName("eq" + group);
            String applies = q.tempName("eqapply" + group++);
            String keyColumns = keys.stream().map(f -> DuckTypes.quote(f.name())).collect(Collectors.joining(", "));
            q.execute("CREATE TABLE " + rows + " AS SELECT lakesh_file, " + keyColumns + " FROM read_parquet("
                    + DuckTypes.list(e.getValue().keySet().stream().map(local::get).toList()) + ", schema = "
                    + DuckTypes.schemaMap(keySchema) + ", filename = 'lakesh_file')");
            q.execute("CREATE TABLE " + applies + " (lakesh_file VARCHAR, uri VARCHAR)");
            List<Object[]> pairs = new ArrayList<>();
            e.getValue().forEach((deleteFile, dataFiles) -> dataFiles.forEach(d -> pairs.add(new Object[] {local.get(deleteFile), d})));
            q.append(applies, pairs);
            // Iceberg equality: NULL matches NULL
            String match = keys.stream().map(f -> "d." + DuckTypes.quote(f.name()) + " IS NOT DISTINCT FROM t." + DuckTypes.quote(f.name()))
                    .collect(Collectors.joining(" AND "));
            conditions.add("NOT EXISTS (SELECT 1 FROM " + rows + " d JOIN " + applies + " a ON a.lakesh_file = d.lakesh_file WHERE a.uri = t.lakesh_uri AND " + match + ")");
        }
        return "SELECT " + schema.columns().stream().map(f -> "t." + DuckTypes.quote(f.name())).collect(Collectors.joining(", "))
                + " FROM (SELECT r.*, f.uri AS lakesh_uri FROM read_parquet(" + DuckTypes.list(dataPaths) + byId
                + ", filename = 'lakesh_file', file_row_number = true) r JOIN " + files + " f ON r.lakesh_file = f.local) t"
                + " WHERE " + String.join(" AND ", conditions);
    }

    /**
     * Whether every schema the table ever had has the same columns (ids, names, types) as the current one: then
     * every data file names its columns as the schema does, and reading by name is reading by field id.
     */
    static boolean oneColumnLayout(org.apache.iceberg.Table table) {
        List<Types.NestedField> current = table.schema().columns();
        for (Schema s : table.schemas().values()) {
            if (!s.columns().equals(current)) {
                return false;
            }
        }
        return true;
    }

    /** Deletion vectors (Puffin blobs, v3) are read with Iceberg's own loader and appended as positions. */
    private static void appendDeletionVectors(QueryBuild q, IcebergTables.Ref ref, String positions,
                                              Map<String, List<String>> dvs, Map<String, DeleteFile> deleteFiles) throws IOException {
        BaseDeleteLoader loader = new BaseDeleteLoader(d -> ref.table().io().newInputFile(d.location()));
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : dvs.entrySet()) {
            List<DeleteFile> files = e.getValue().stream().map(deleteFiles::get).toList();
            PositionDeleteIndex index = loader.loadPositionDeletes(files, e.getKey());
            index.forEach(pos -> rows.add(new Object[] {e.getKey(), pos}));
        }
        q.append(positions, rows);
    }

    private static void requireParquet(IcebergTables.Ref ref, String location, FileFormat format) {
        if (format != FileFormat.PARQUET) {
            throw new LakeshException("'" + ref.path() + "' has " + format + " files (" + location.substring(location.lastIndexOf('/') + 1)
                    + "); lakesh's SQL reads Parquet only: query it with Trino, or use head/count");
        }
    }

    private static String empty(Schema schema) {
        return "SELECT " + schema.columns().stream()
                .map(f -> "CAST(NULL AS " + DuckTypes.of(f.type()) + ") AS " + DuckTypes.quote(f.name()))
                .collect(Collectors.joining(", ")) + " WHERE false";
    }
}
