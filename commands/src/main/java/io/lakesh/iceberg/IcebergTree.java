package io.lakesh.iceberg;

import io.lakesh.LakeshException;
import io.lakesh.Names;
import io.lakesh.namespace.VirtualTree;
import io.lakesh.store.FileEntry;
import io.lakesh.store.Kind;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** `/iceberg/<catalog>/<namespace…>/<table>`: catalogs, their namespaces and tables as one tree. */
public final class IcebergTree implements VirtualTree {
    public static final String MOUNT = "/iceberg";

    private final Catalogs catalogs;
    /** What the last listing read of each table, so that `ls -l` shows it without reading metadata again. */
    private final java.util.Map<String, TableSummary> summaries = new java.util.concurrent.ConcurrentHashMap<>();

    /** A table at a glance, from its metadata only. */
    public record TableSummary(int formatVersion, int snapshots, Long records, Long dataFiles) {
    }

    /**
     * Tables loaded for single-table commands, kept across commands of the session: using one again refreshes it
     * (the catalog's pointer to its current metadata file is read, the file itself only when it moved), where
     * loading reads and parses the whole metadata file. Keyed by the catalog object: a catalog configured anew
     * starts afresh.
     */
    private final java.util.Map<LoadedKey, Table> loaded = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<LoadedKey, Table> eldest) {
            return size() > 64;
        }
    };

    private record LoadedKey(Catalog catalog, TableIdentifier id) {
    }

    public IcebergTree(Catalogs catalogs) {
        this.catalogs = catalogs;
    }

    public Catalogs catalogs() {
        return catalogs;
    }

    /** What a path under /iceberg names. */
    public record Target(String path, String catalog, Namespace namespace, TableIdentifier table) {
        boolean isRoot() {
            return catalog == null;
        }
    }

    static List<String> parts(String path) {
        String rest = path.equals(MOUNT) ? "" : path.substring(MOUNT.length() + 1);
        return rest.isEmpty() ? List.of() : Arrays.asList(rest.split("/"));
    }

    /** Resolves a path to the root, a catalog, a namespace or a table; missing ones name the closest. */
    public Target target(String path) throws FileNotFoundException {
        List<String> parts = parts(path);
        if (parts.isEmpty()) {
            return new Target(path, null, null, null);
        }
        String catalogName = parts.get(0);
        if (!catalogs.exists(catalogName)) {
            throw notFound(path, catalogName, catalogs.names());
        }
        if (parts.size() == 1) {
            return new Target(path, catalogName, Namespace.empty(), null);
        }
        Catalog catalog = catalogs.catalog(catalogName);
        String[] levels = parts.subList(1, parts.size()).toArray(String[]::new);
        TableIdentifier id = TableIdentifier.of(Arrays.copyOf(levels, levels.length));
        if (levels.length > 1 && isLoaded(catalog, id)) {
            // a table this session loaded: using it refreshes it, and a drop since then is found there
            return new Target(path, catalogName, id.namespace(), id);
        }
        Namespace asNamespace = Namespace.of(levels);
        if (catalog instanceof SupportsNamespaces sn && sn.namespaceExists(asNamespace)) {
            return new Target(path, catalogName, asNamespace, null);
        }
        if (levels.length > 1 && catalog.tableExists(id)) {
            return new Target(path, catalogName, id.namespace(), id);
        }
        Namespace parent = Namespace.of(Arrays.copyOf(levels, levels.length - 1));
        List<String> known = new ArrayList<>();
        try {
            known.addAll(childNames(catalog, parent));
        } catch (RuntimeException e) {
            // the parent namespace does not exist either: no names to suggest
            known.clear();
        }
        throw notFound(path, levels[levels.length - 1], known);
    }

    private static LakeshException notFound(String path, String name, List<String> known) {
        String closest = Names.closest(name, known);
        String hint = closest != null ? " (did you mean '" + closest + "'?)"
                : known.isEmpty() ? "" : " (there: " + String.join(", ", known.subList(0, Math.min(8, known.size()))) + ")";
        return new LakeshException("'" + path + "': No such catalog, namespace or table" + hint);
    }

    private static List<String> childNames(Catalog catalog, Namespace ns) {
        List<String> names = new ArrayList<>();
        if (catalog instanceof SupportsNamespaces sn) {
            sn.listNamespaces(ns).forEach(n -> names.add(n.level(n.length() - 1)));
        }
        if (!ns.isEmpty()) {
            catalog.listTables(ns).forEach(t -> names.add(t.name()));
        }
        return names;
    }

    public Table table(String path) throws FileNotFoundException {
        Target t = target(path);
        if (t.table() == null) {
            throw new LakeshException("'" + path + "' is " + (t.isRoot() ? "the catalog list" : t.namespace().isEmpty()
                    ? "a catalog" : "a namespace") + ", not a table");
        }
        return load(t);
    }

    private boolean isLoaded(Catalog catalog, TableIdentifier id) {
        synchronized (loaded) {
            return loaded.containsKey(new LoadedKey(catalog, id));
        }
    }

    /** The table, current: the session's copy refreshed, or loaded from the catalog. */
    private Table load(Target t) throws FileNotFoundException {
        Catalog catalog = catalogs.catalog(t.catalog());
        LoadedKey key = new LoadedKey(catalog, t.table());
        Table known;
        synchronized (loaded) {
            known = loaded.get(key);
        }
        if (known != null) {
            try {
                known.refresh();
                return known;
            } catch (RuntimeException e) {
                // dropped, renamed or unreachable since: resolved afresh, the path reports that as it always does
                synchronized (loaded) {
                    loaded.remove(key);
                }
                return table(t.path());
            }
        }
        Table table = catalog.loadTable(t.table());
        synchronized (loaded) {
            loaded.put(key, table);
        }
        return table;
    }

    @Override
    public FileEntry stat(String path) throws IOException {
        Target t = target(path);
        if (t.table() != null) {
            return tableEntry(path, load(t));
        }
        return new FileEntry(path, t.namespace() == null || t.namespace().isEmpty() ? Kind.MOUNT : Kind.DIR,
                0, 0, 0, "-", "-", "dr-xr-xr-x", Instant.EPOCH);
    }

    @Override
    public List<FileEntry> list(String path) throws IOException {
        Target t = target(path);
        List<FileEntry> out = new ArrayList<>();
        String base = path.endsWith("/") ? path : path + "/";
        if (t.isRoot()) {
            for (String name : catalogs.names()) {
                out.add(new FileEntry(base + name, Kind.MOUNT, 0, 0, 0, "-", "-", "dr-xr-xr-x", Instant.EPOCH));
            }
            return out;
        }
        if (t.table() != null) {
            return List.of(stat(path));
        }
        Catalog catalog = catalogs.catalog(t.catalog());
        if (catalog instanceof SupportsNamespaces sn) {
            for (Namespace n : sn.listNamespaces(t.namespace())) {
                out.add(new FileEntry(base + n.level(n.length() - 1), Kind.DIR, 0, 0, 0, "-", "-", "drwxr-xr-x", Instant.EPOCH));
            }
        }
        if (!t.namespace().isEmpty()) {
            for (TableIdentifier id : catalog.listTables(t.namespace())) {
                out.add(tableEntry(base + id.name(), catalog.loadTable(id)));
            }
        }
        out.sort(java.util.Comparator.comparing(FileEntry::path));
        return out;
    }

    /** The summary the last stat or listing read for a table path, or null. */
    public TableSummary summary(String path) {
        return summaries.get(path);
    }

    /** A table as a listing entry: bytes of its current snapshot, time of its last commit. */
    private FileEntry tableEntry(String path, Table table) {
        summaries.put(path, summaryOf(table));
        return entryOf(path, table);
    }

    /** What `ls -l` shows of a table, from its metadata: format version, snapshots, records, data files. */
    public static TableSummary summaryOf(Table table) {
        Snapshot snapshot = table.currentSnapshot();
        int version = table instanceof HasTableOperations h ? h.operations().current().formatVersion() : 0;
        int count = 0;
        for (Snapshot ignored : table.snapshots()) {
            count++;
        }
        return new TableSummary(version, count,
                snapshot == null ? null : parseLong(snapshot.summary().get("total-records")),
                snapshot == null ? null : parseLong(snapshot.summary().get("total-data-files")));
    }

    public static FileEntry entryOf(String path, Table table) {
        Snapshot current = table.currentSnapshot();
        long bytes = current == null ? 0 : parseLong(current.summary().get("total-files-size"));
        long updated = current != null ? current.timestampMillis()
                : table instanceof HasTableOperations h ? h.operations().current().lastUpdatedMillis() : 0;
        return new FileEntry(path, Kind.ICEBERG, bytes, 0, 0, "-", "-", "drwxr-xr-x", Instant.ofEpochMilli(updated));
    }

    static long parseLong(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        catalogs.close();
    }
}
