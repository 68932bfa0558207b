package io.lakesh.iceberg;

import io.lakesh.LakeshException;
import io.lakesh.namespace.Location;
import io.lakesh.namespace.Namespace;
import io.lakesh.namespace.VirtualTree;
import io.lakesh.store.FileEntry;
import io.lakesh.store.Kind;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.StaticTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.hadoop.HadoopFileIO;
import org.apache.iceberg.util.SnapshotUtil;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Iceberg table a user named: a catalog path (`/iceberg/lake/sales/orders`) through its catalog,
 * or a directory holding `metadata/` (a path-based table, read-only) from `version-hint.text` or else
 * its highest-numbered `*.metadata.json`. `name@ref` picks a snapshot by id, tag, branch or time.
 */
public final class IcebergTables {
    private static final Pattern VERSIONED = Pattern.compile("^(?:v(\\d+)|(\\d+)-[^.]*)\\.metadata\\.json(?:\\.gz)?$");

    private IcebergTables() {
    }

    /** A table and the snapshot asked for (null: the current one). */
    public record Ref(Table table, String path, Long snapshotId, boolean pathBased) {
        public Snapshot snapshot() {
            return snapshotId == null ? table.currentSnapshot() : table.snapshot(snapshotId);
        }

        /** Changes need a catalog: a path-based table is read-only. Throws naming what was asked. */
        public Ref requireCatalog(String change) {
            if (pathBased) {
                throw new LakeshException("'" + path + "' is a path-based table (read-only); " + change
                        + " needs a catalog table under /iceberg");
            }
            return this;
        }

        /** The table's schema now, or the one an older snapshot was written with (time travel). */
        public org.apache.iceberg.Schema schema() {
            Snapshot s = snapshot();
            return snapshotId != null && s.schemaId() != null ? table.schemas().get(s.schemaId()) : table.schema();
        }
    }

    public static Ref resolve(Namespace ns, String arg) throws IOException {
        io.lakesh.namespace.Versioned v = io.lakesh.namespace.Versioned.parse(arg);
        String[] parts = {v.path(), v.version()};
        Location l = ns.resolve(parts[0]);
        Table table;
        boolean pathBased = false;
        VirtualTree tree = l.isVirtual() ? ns.tree(l.display()) : null;
        if (tree instanceof IcebergTree icebergTree) {
            table = icebergTree.table(l.display());
        } else if (!l.isVirtual()) {
            FileEntry e = ns.stat(l);
            if (e.kind() != Kind.ICEBERG) {
                throw new LakeshException("'" + parts[0] + "' is " + (e.kind() == Kind.DELTA ? "a Delta table"
                        : "not an Iceberg table") + " (an Iceberg table is a catalog path under /iceberg or a directory with metadata/*.metadata.json)");
            }
            table = pathBased(ns, l);
            pathBased = true;
        } else {
            throw new LakeshException("'" + parts[0] + "' is not a table");
        }
        Long snapshotId = parts[1] == null ? null : snapshotOf(table, parts[1], parts[0]);
        return new Ref(table, l.display(), snapshotId, pathBased);
    }

    /**
     * Creates a table at a catalog path (`/iceberg/<catalog>/<namespace…>/<table>`), its namespaces too;
     * returns null when it exists and {@code ifNotExists}.
     */
    public static Table create(Namespace namespace, String path, org.apache.iceberg.Schema schema, org.apache.iceberg.PartitionSpec spec,
                               java.util.Map<String, String> properties, int formatVersion, boolean ifNotExists) {
        Location l = namespace.resolve(path);
        if (!(l.isVirtual() && namespace.tree(l.display()) instanceof IcebergTree tree)) {
            throw new LakeshException("'" + path + "': tables are created in a catalog: /iceberg/<catalog>/<namespace>/<table>");
        }
        String[] parts = l.display().substring(IcebergTree.MOUNT.length() + 1).split("/");
        if (parts.length < 3) {
            throw new io.lakesh.UsageException("'" + path + "': name a catalog, a namespace and a table: /iceberg/lake/<namespace>/<table>");
        }
        org.apache.iceberg.catalog.Catalog catalog = tree.catalogs().catalog(parts[0]);
        org.apache.iceberg.catalog.Namespace ns = org.apache.iceberg.catalog.Namespace.of(java.util.Arrays.copyOfRange(parts, 1, parts.length - 1));
        org.apache.iceberg.catalog.TableIdentifier id = org.apache.iceberg.catalog.TableIdentifier.of(ns, parts[parts.length - 1]);
        if (catalog.tableExists(id)) {
            if (ifNotExists) {
                return null;
            }
            throw new LakeshException("'" + l.display() + "': table exists (drop it first, or use --if-not-exists)");
        }
        if (catalog instanceof org.apache.iceberg.catalog.SupportsNamespaces sn) {
            for (int i = 1; i <= ns.length(); i++) {
                org.apache.iceberg.catalog.Namespace level = org.apache.iceberg.catalog.Namespace.of(java.util.Arrays.copyOf(ns.levels(), i));
                if (!sn.namespaceExists(level)) {
                    sn.createNamespace(level);
                }
            }
        }
        java.util.Map<String, String> props = new java.util.HashMap<>(properties);
        props.put("format-version", Integer.toString(formatVersion));
        return catalog.buildTable(id, schema).withPartitionSpec(spec).withProperties(props).create();
    }

    /** Drops a catalog table (its files too with {@code purge}). */
    public static void drop(Namespace namespace, String path, boolean purge) throws IOException {
        String display = namespace.resolve(path).display();
        if (!(namespace.tree(display) instanceof IcebergTree tree)) {
            throw new LakeshException("'" + path + "' is not a catalog table");
        }
        IcebergTree.Target target = tree.target(display);
        if (!tree.catalogs().catalog(target.catalog()).dropTable(target.table(), purge)) {
            throw new LakeshException("'" + display + "': the catalog did not drop it");
        }
    }

    static Table pathBased(Namespace ns, Location dir) throws IOException {
        String metadataDir = dir.storePath() + "/metadata";
        String chosen = null;
        if (dir.store().exists(metadataDir + "/version-hint.text")) {
            try (InputStream in = dir.store().open(metadataDir + "/version-hint.text")) {
                String hint = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                String candidate = "v" + hint + ".metadata.json";
                if (dir.store().exists(metadataDir + "/" + candidate)) {
                    chosen = candidate;
                }
            }
        }
        if (chosen == null) {
            long best = -1;
            for (FileEntry f : dir.store().list(metadataDir)) {
                Matcher m = VERSIONED.matcher(f.name());
                if (m.matches()) {
                    long v = Long.parseLong(m.group(1) != null ? m.group(1) : m.group(2));
                    if (v > best) {
                        best = v;
                        chosen = f.name();
                    }
                }
            }
        }
        if (chosen == null) {
            throw new FileNotFoundException(dir.display() + "/metadata/*.metadata.json");
        }
        String uri = dir.uri() + "/metadata/" + chosen;
        HadoopFileIO io = new HadoopFileIO((Configuration) ns.hadoopConf());
        try {
            return new BaseTable(new StaticTableOperations(uri, io), dir.display());
        } catch (RuntimeException e) {
            throw new LakeshException("'" + dir.display() + "': cannot read " + chosen + ": " + Catalogs.firstLine(e));
        }
    }

    /** A snapshot by id, tag or branch name, or the one current at a time (`2026-11-24 10:00`, ISO, epoch ms). */
    static long snapshotOf(Table table, String ref, String name) {
        if (ref.matches("\\d{10,}") && table.snapshot(Long.parseLong(ref)) != null) {
            return Long.parseLong(ref);
        }
        SnapshotRef named = table.refs().get(ref);
        if (named != null) {
            return named.snapshotId();
        }
        Long millis = io.lakesh.namespace.Versioned.timeMillis(ref);
        if (millis != null) {
            try {
                return SnapshotUtil.snapshotIdAsOfTime(table, millis);
            } catch (IllegalArgumentException e) {
                throw new LakeshException("'" + name + "' has no snapshot as of " + ref + " (the first is later)");
            }
        }
        throw new LakeshException("'" + name + "' has no snapshot, tag or branch '" + ref + "' (see 'history " + name + "', 'refs')");
    }
}
