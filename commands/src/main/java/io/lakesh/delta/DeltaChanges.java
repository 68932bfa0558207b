package io.lakesh.delta;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.Operation;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Transaction;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.internal.json.JsonUtils;
import io.delta.kernel.exceptions.CheckpointAlreadyExistsException;
import io.delta.kernel.exceptions.ConcurrentWriteException;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.transaction.UpdateTableTransactionBuilder;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.lakesh.LakeshException;
import io.lakesh.command.Errors;
import io.lakesh.namespace.Namespace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Changes to a Delta table that are not appends: properties and columns (metadata commits through the kernel),
 * checkpoints (the kernel's), and restore to an older version (lakesh's own commit per the protocol: remove the
 * files that version does not have, add back the ones it has). Every commit goes through {@link DeltaCommitter}.
 */
public final class DeltaChanges {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** lakesh's own commits retry on a version another writer took, re-planned against the new latest each time. */
    private static final int OWN_COMMIT_ATTEMPTS = 10;
    /** Writer features whose rules lakesh's own commits (removes, re-adds, metadata) keep without doing more. */
    private static final Set<String> OWN_COMMIT_WRITER_FEATURES = Set.of("appendOnly", "invariants", "checkConstraints", "columnMapping",
            "deletionVectors", "timestampNtz", "typeWidening", "typeWidening-preview", "v2Checkpoint", "vacuumProtocolCheck",
            "generatedColumns", "changeDataFeed", "domainMetadata");

    private DeltaChanges() {
    }

    /** Delta properties lakesh sets itself, because kernel 4.4 refuses them: `delta.targetFileSize` (optimize and appends read it). */
    static final Set<String> OWN_PROPERTIES = Set.of("delta.targetFileSize");

    private static void validateOwnProperty(DeltaTables.Ref ref, String key, String value) {
        try {
            if (io.lakesh.output.Bytes.parse(value) > 0) {
                return;
            }
        } catch (RuntimeException e) {
            // said below
        }
        throw new LakeshException("'" + ref.path() + "': " + key + " '" + value + "' is not a size (e.g. 134217728 or 128M); the table is unchanged");
    }

    /** `alter table T set property k=v …` / `unset property k …`: one metadata commit. */
    public static String properties(Namespace ns, String arg, Map<String, String> set, Set<String> unset) throws IOException {
        DeltaTables.Ref ref = DeltaTables.resolveForWrite(ns, arg, "alter table");
        for (String key : unset) {
            if (!ref.snapshot().getTableProperties().containsKey(key)) {
                throw new LakeshException("'" + ref.path() + "' has no property '" + key + "' (see 'describe " + ref.path() + "'); the table is unchanged");
            }
        }
        long version;
        Set<String> own = new java.util.TreeSet<>(set.keySet());
        own.addAll(unset);
        own.retainAll(OWN_PROPERTIES);
        if (own.isEmpty()) {
            version = metadataCommit(ref, b -> {
                UpdateTableTransactionBuilder out = set.isEmpty() ? b : b.withTablePropertiesAdded(set);
                return unset.isEmpty() ? out : out.withTablePropertiesRemoved(unset);
            });
        } else {
            // Delta properties the kernel does not know (it refuses every delta.* key it does not know, which catches
            // typos): lakesh checks the value and commits the metaData action itself; readers ignore configuration
            // they do not use, so the table stays readable by every reader
            if (set.size() + unset.size() > own.size()) {
                throw new LakeshException("'" + ref.path() + "': set " + String.join(", ", own) + " in an alter table of its own (lakesh commits it itself, "
                        + "the kernel the other properties); the table is unchanged");
            }
            for (Map.Entry<String, String> e : set.entrySet()) {
                validateOwnProperty(ref, e.getKey(), e.getValue());
            }
            version = ownMetadataCommit(ns, ref, set.isEmpty() ? "UNSET TBLPROPERTIES" : "SET TBLPROPERTIES", Map.of(),
                    latest -> latest.snapshot().getMetadata().withMergedConfiguration(set).withConfigurationKeysUnset(unset));
        }
        return (set.isEmpty() ? "unset " + String.join(", ", unset) : "set " + String.join(", ", set.keySet().stream()
                .map(k -> k + "=" + set.get(k)).toList())) + " on " + ref.path() + " (version " + version + ")";
    }

    /** `alter table T add column C TYPE`: a metadata commit with the new (nullable) column last. */
    public static String addColumn(Namespace ns, String arg, String name, org.apache.iceberg.types.Type type) throws IOException {
        DeltaTables.Ref ref = DeltaTables.resolveForWrite(ns, arg, "alter table");
        StructType schema = ref.snapshot().getSchema();
        if (schema.fieldNames().stream().anyMatch(n -> n.equalsIgnoreCase(name))) {
            throw new LakeshException("'" + ref.path() + "' already has a column '" + name + "'; the table is unchanged");
        }
        StructType updated = schema.add(name, DeltaCreate.type(type, name), true);
        String mode = ref.snapshot().getTableProperties().getOrDefault("delta.columnMapping.mode", "none");
        if (!mode.equalsIgnoreCase("none")) {
            StructType mapped = updated;
            long version = metadataCommit(ref, b -> b.withUpdatedSchema(mapped));
            return "added column " + name + " " + type + " in " + ref.path() + " (version " + version + ")";
        }
        // the kernel changes schemas only under column mapping; without it the protocol lets a nullable column be
        // added by a metaData action alone (files without it read it as null), which lakesh commits itself
        long version = ownMetadataCommit(ns, ref, "ADD COLUMNS", Map.of(), latest -> {
            if (latest.snapshot().getSchema().fieldNames().stream().anyMatch(n -> n.equalsIgnoreCase(name))) {
                throw new LakeshException("'" + latest.path() + "' got a column '" + name + "' from another writer meanwhile; the table is unchanged");
            }
            return latest.snapshot().getMetadata().withNewSchema(latest.snapshot().getSchema().add(name, DeltaCreate.type(type, name), true));
        });
        return "added column " + name + " " + type + " in " + ref.path() + " (version " + version + ")";
    }

    /**
     * A metaData action of lakesh's own as the next version: {@code change} makes it from the latest version, again
     * after each version another writer took first (so their change is seen), up to {@link #OWN_COMMIT_ATTEMPTS}.
     */
    private static long ownMetadataCommit(Namespace ns, DeltaTables.Ref ref, String operation, Map<String, String> parameters,
                                          java.util.function.Function<DeltaTables.Ref, io.delta.kernel.internal.actions.Metadata> change) throws IOException {
        for (int attempt = 1; ; attempt++) {
            requireOwnCommit(ref);
            String commit = commitInfoAction(operation, ref.version(), parameters) + "\n{\"metaData\":"
                    + JsonUtils.rowToJson(change.apply(ref).toRow()) + "}\n";
            try {
                DeltaCommitter.publish(ref.location(), ref.version() + 1, commit);
                checkpointIfDue(ref, ref.version() + 1);
                return ref.version() + 1;
            } catch (FileAlreadyExistsException e) {
                if (attempt == OWN_COMMIT_ATTEMPTS) {
                    throw new LakeshException("'" + ref.path() + "': other writers kept committing first (" + attempt
                            + " attempts); the table is unchanged, run it again");
                }
                ref = DeltaTables.resolve(ns, ref.location().display());
            }
        }
    }

    private static long metadataCommit(DeltaTables.Ref ref, UnaryOperator<UpdateTableTransactionBuilder> change) {
        try {
            Transaction txn = change.apply(ref.snapshot().buildUpdateTableTransaction("lakesh", Operation.MANUAL_UPDATE)).build(ref.engine());
            return txn.commit(ref.engine(), CloseableIterable.emptyIterable()).getVersion();
        } catch (ConcurrentWriteException e) {
            throw new LakeshException("'" + ref.path() + "': another writer committed meanwhile (" + Errors.firstLine(e)
                    + "); nothing was changed, run it again", e);
        } catch (RuntimeException e) {
            throw new LakeshException("'" + ref.path() + "': " + DeltaTables.failure(ref.location(), e).getMessage()
                    .replaceFirst("^'[^']*': ", "") + "; the table is unchanged", e);
        }
    }

    /** `checkpoint T`: the kernel's checkpoint of the latest version (readers then replay from it). */
    public static String checkpoint(Namespace ns, String arg) throws IOException {
        DeltaTables.Ref ref = DeltaTables.resolveForWrite(ns, arg, "checkpoint");
        String file = String.format("%020d", ref.version()) + ".checkpoint.parquet";
        if (ref.location().store().exists(ref.location().storePath() + "/_delta_log/" + file)) {
            return ref.path() + " already has a checkpoint at version " + ref.version();
        }
        try {
            ref.snapshot().writeCheckpoint(ref.engine());
        } catch (CheckpointAlreadyExistsException e) {
            return ref.path() + " already has a checkpoint at version " + ref.version();
        } catch (RuntimeException e) {
            throw DeltaTables.failure(ref.location(), e);
        }
        return "checkpoint of " + ref.path() + " at version " + ref.version() + " (_delta_log/" + file + ")";
    }

    /**
     * `rollback T@v` on a Delta table (Delta calls it RESTORE): a new version whose files are those of version v —
     * removes for files added since, adds for files removed since, and v's metadata if it changed. The protocol is
     * never downgraded. A version another writer takes first is re-planned and tried again.
     */
    public static String restore(Namespace ns, String arg) throws IOException {
        DeltaTables.Ref target = DeltaTables.resolve(ns, arg);
        String path = io.lakesh.namespace.Versioned.parse(arg).path();
        for (int attempt = 1; ; attempt++) {
            DeltaTables.Ref latest = DeltaTables.resolve(ns, path);
            if (latest.version() == target.version()) {
                return latest.path() + " is at version " + target.version() + " already; nothing changed";
            }
            requireOwnCommit(latest);
            Map<String, ObjectNode> now = addActions(latest);
            Map<String, ObjectNode> then = addActions(target);
            long time = System.currentTimeMillis();
            StringBuilder commit = new StringBuilder();
            ObjectNode info = commitInfo("RESTORE", latest.version());
            info.putObject("operationParameters").put("version", Long.toString(target.version()));
            commit.append(action("commitInfo", info)).append('\n');
            if (!latest.snapshot().getMetadata().equals(target.snapshot().getMetadata())) {
                commit.append("{\"metaData\":").append(JsonUtils.rowToJson(target.snapshot().getMetadata().toRow())).append("}\n");
            }
            int removed = 0;
            int added = 0;
            long removedBytes = 0;
            for (Map.Entry<String, ObjectNode> e : now.entrySet()) {
                if (!then.containsKey(e.getKey())) {
                    if ("true".equalsIgnoreCase(latest.snapshot().getTableProperties().get("delta.appendOnly"))) {
                        throw new LakeshException("'" + latest.path() + "' is append-only (delta.appendOnly=true): restoring version "
                                + target.version() + " would remove files; nothing changed");
                    }
                    commit.append(action("remove", remove(e.getValue(), time))).append('\n');
                    removed++;
                    removedBytes += e.getValue().path("size").asLong();
                }
            }
            for (Map.Entry<String, ObjectNode> e : then.entrySet()) {
                if (!now.containsKey(e.getKey())) {
                    requireExists(latest, target, e.getValue());
                    ObjectNode add = e.getValue().deepCopy();
                    add.put("dataChange", true);
                    commit.append(action("add", add)).append('\n');
                    added++;
                }
            }
            if (added == 0 && removed == 0 && latest.snapshot().getMetadata().equals(target.snapshot().getMetadata())) {
                return latest.path() + " has the files and metadata of version " + target.version() + " already; nothing changed";
            }
            try {
                DeltaCommitter.publish(latest.location(), latest.version() + 1, commit.toString());
                checkpointIfDue(latest, latest.version() + 1);
            } catch (FileAlreadyExistsException e) {
                if (attempt == OWN_COMMIT_ATTEMPTS) {
                    throw new LakeshException("'" + latest.path() + "': other writers kept committing first (" + attempt
                            + " attempts); nothing was restored, run it again");
                }
                continue; // another writer took the version: plan again against it
            }
            return "restored " + latest.path() + " to version " + target.version() + " as version " + (latest.version() + 1) + ": "
                    + added + " files added back, " + removed + " removed (" + removedBytes + " bytes)";
        }
    }

    /**
     * After a commit of lakesh's own, the checkpoint a writer owes every `delta.checkpointInterval` versions (10 by
     * default), as the kernel's post-commit hook writes it after appends: without it a table that lakesh maintains would
     * replay ever longer JSON tails. A checkpoint is only a shortcut: when it cannot be written, the commit stands.
     */
    static void checkpointIfDue(DeltaTables.Ref ref, long version) {
        long interval;
        try {
            interval = Long.parseLong(ref.snapshot().getTableProperties().getOrDefault("delta.checkpointInterval", "10"));
        } catch (NumberFormatException e) {
            interval = 10;
        }
        if (interval <= 0 || version % interval != 0) {
            return;
        }
        try {
            io.delta.kernel.TableManager.loadSnapshot(ref.location().uri()).atVersion(version).build(ref.engine()).writeCheckpoint(ref.engine());
        } catch (CheckpointAlreadyExistsException e) {
            // another writer wrote it first: the same checkpoint
        } catch (RuntimeException | IOException e) {
            // readers replay the commits instead; the next due checkpoint tries again
        }
    }

    /** A commit of removes and adds by lakesh keeps the rules of these features only; others are refused, never broken. */
    public static void requireOwnCommit(DeltaTables.Ref ref) {
        var protocol = ref.snapshot().getProtocol();
        for (String f : protocol.getWriterFeatures()) {
            if (!OWN_COMMIT_WRITER_FEATURES.contains(f)) {
                throw new LakeshException("'" + ref.path() + "' has the Delta writer feature " + f + ", whose rules lakesh's own commits "
                        + "do not keep yet; nothing changed");
            }
        }
        if ("true".equalsIgnoreCase(ref.snapshot().getTableProperties().get("delta.enableChangeDataFeed"))) {
            throw new LakeshException("'" + ref.path() + "' has the change data feed on, which lakesh does not write; nothing changed");
        }
    }

    /**
     * Commits lakesh's own actions (one JSON line each) as the version after {@code ref}'s. When another writer took
     * that version first, its commits are checked: appends only, and the commit goes to the next version; a change of
     * metadata or protocol, or a remove of one of {@code removed} (locations), fails with nothing committed.
     */
    public static long commitRebased(DeltaTables.Ref ref, List<String> lines, Set<String> removed, String operation) throws IOException {
        String commit = String.join("\n", lines) + "\n";
        DeltaLog log = new DeltaLog(ref.location());
        String root = ref.snapshot().getPath();
        for (long version = ref.version() + 1; ; version++) {
            try {
                DeltaCommitter.publish(ref.location(), version, commit);
                checkpointIfDue(ref, version);
                return version;
            } catch (FileAlreadyExistsException e) {
                for (com.fasterxml.jackson.databind.JsonNode a : log.actions(version)) {
                    boolean lostFile = a.has("remove") && removed.contains(DeltaFiles.location(a.get("remove").path("path").asText(), root));
                    if (a.has("metaData") || a.has("protocol") || lostFile) {
                        throw new LakeshException("'" + ref.path() + "': another writer committed version " + version + (lostFile
                                ? ", which removed a file " + operation + " rewrites" : ", which changed the table's metadata or protocol")
                                + "; nothing was committed, run " + operation + " again");
                    }
                }
            }
        }
    }

    /** `{"commitInfo":{…}}` for lakesh's own commit. */
    public static String commitInfoAction(String operation, long readVersion, Map<String, String> parameters) {
        return commitInfoAction(operation, readVersion, parameters, Map.of());
    }

    /** `{"commitInfo":{…}}` with operation metrics (strings, as Delta writers record them; `history` shows them). */
    public static String commitInfoAction(String operation, long readVersion, Map<String, String> parameters, Map<String, String> metrics) {
        ObjectNode info = commitInfo(operation, readVersion);
        ObjectNode p = info.putObject("operationParameters");
        parameters.forEach(p::put);
        if (!metrics.isEmpty()) {
            ObjectNode m = info.putObject("operationMetrics");
            metrics.forEach(m::put);
        }
        return action("commitInfo", info);
    }

    /** `{"remove":{…}}` of a file whose add action is {@code add}. */
    public static String removeAction(ObjectNode add, long time, boolean dataChange) {
        ObjectNode r = remove(add, time);
        r.put("dataChange", dataChange);
        return action("remove", r);
    }

    /** The add actions of a version by file (path and deletion vector), as the log has them. */
    static Map<String, ObjectNode> addActions(DeltaTables.Ref ref) {
        return ref.read(() -> {
            Map<String, ObjectNode> out = new LinkedHashMap<>();
            Snapshot s = ref.snapshot();
            try (CloseableIterator<FilteredColumnarBatch> batches = s.getScanBuilder().build().getScanFiles(ref.engine(), true)) {
                while (batches.hasNext()) {
                    try (CloseableIterator<Row> rows = batches.next().getRows()) {
                        while (rows.hasNext()) {
                            Row add = rows.next().getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL);
                            ObjectNode json = (ObjectNode) JSON.readTree(JsonUtils.rowToJson(add));
                            FileKey key = new FileKey(json);
                            out.put(key.text(), json);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        });
    }

    /** A file is the same file with the same deletion vector (the protocol's key of path and DV id). */
    private record FileKey(ObjectNode add) {
        String text() {
            var dv = add.path("deletionVector");
            return add.path("path").asText() + (dv.isMissingNode() || dv.isNull() ? "" : "#" + dv.path("storageType").asText()
                    + dv.path("pathOrInlineDv").asText() + "@" + dv.path("offset").asText(""));
        }
    }

    private static ObjectNode commitInfo(String operation, long readVersion) {
        ObjectNode info = JSON.createObjectNode();
        info.put("timestamp", System.currentTimeMillis()).put("operation", operation);
        info.put("readVersion", readVersion).put("isBlindAppend", false).put("engineInfo", "lakesh");
        return info;
    }

    /** One line of a commit file: `{"kind":{…}}`. */
    private static String action(String kind, ObjectNode body) {
        ObjectNode line = JSON.createObjectNode();
        line.set(kind, body);
        return line.toString();
    }

    private static ObjectNode remove(ObjectNode add, long time) {
        ObjectNode r = JSON.createObjectNode();
        r.set("path", add.get("path"));
        r.put("deletionTimestamp", time).put("dataChange", true).put("extendedFileMetadata", true);
        r.set("partitionValues", add.get("partitionValues"));
        r.set("size", add.get("size"));
        for (String optional : List.of("deletionVector", "baseRowId", "defaultRowCommitVersion", "stats")) {
            if (add.hasNonNull(optional)) {
                r.set(optional, add.get(optional));
            }
        }
        return r;
    }

    private static void requireExists(DeltaTables.Ref latest, DeltaTables.Ref target, ObjectNode add) throws IOException {
        String location = DeltaFiles.location(add.path("path").asText(), latest.snapshot().getPath());
        String relative = DeltaFiles.relative(add.path("path").asText(), latest.snapshot().getPath());
        if (!latest.location().store().exists(latest.location().storePath() + "/" + relative)) {
            throw new LakeshException("'" + latest.path() + "': file " + relative + " of version " + target.version()
                    + " is gone (vacuumed?); version " + target.version() + " cannot be restored (" + location + ")");
        }
    }
}
