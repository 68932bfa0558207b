package io.lakesh.iceberg;

import io.lakesh.command.CancelledException;
import io.lakesh.namespace.Location;
import io.lakesh.namespace.Namespace;
import io.lakesh.output.Bytes;
import io.lakesh.store.FileEntry;
import org.apache.iceberg.Table;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * remove-orphans: files under the table's location that no snapshot, metadata file or statistics file
 * references and that are older than the cutoff. Iceberg core has no such action outside Spark.
 * The cutoff protects writers in flight (their files exist before their commit); the table is read
 * after the listing and again just before deleting, so a file committed meanwhile is kept.
 */
public final class OrphanFiles implements MaintenancePlan {
    /** Younger files may belong to a writer that has not committed yet (remove-orphans' default, health's age). */
    public static final String DEFAULT_AGE = "3d";

    private final Table table;
    private final String path;
    private final Location root;
    private final Namespace ns;
    private final long cutoff;
    private final List<TableFile> orphans;

    public OrphanFiles(Namespace ns, Table table, String path, long cutoff) throws IOException {
        this.table = table;
        this.path = path;
        this.cutoff = cutoff;
        if (!org.apache.iceberg.util.PropertyUtil.propertyAsBoolean(table.properties(), org.apache.iceberg.TableProperties.GC_ENABLED,
                org.apache.iceberg.TableProperties.GC_ENABLED_DEFAULT)) {
            throw new io.lakesh.LakeshException("'" + path + "' has gc.enabled=false: its files may belong to other tables too, so none is removed");
        }
        this.root = ns.resolve(table.location());
        this.ns = ns;
        List<FileEntry> listed = listOlderFiles();
        table.refresh();
        ReachableFiles referenced = ReachableFiles.ofWholeTable(table);
        List<TableFile> found = new ArrayList<>();
        for (FileEntry e : listed) {
            String location = root.descendant(e.path()).uri();
            if (!referenced.contains(location)) {
                found.add(new TableFile(TableFile.UNREFERENCED, location, e.length()));
            }
        }
        this.orphans = List.copyOf(found);
    }

    /**
     * Files below the table location modified before the cutoff. Hidden names (`.x.crc`, `_SUCCESS`) are
     * not Iceberg's, and another table below this one (a Hadoop catalog nests namespaces) keeps its files.
     */
    private List<FileEntry> listOlderFiles() throws IOException {
        List<FileEntry> out = new ArrayList<>();
        Deque<String> dirs = new ArrayDeque<>();
        dirs.add(root.storePath());
        while (!dirs.isEmpty()) {
            CancelledException.check();
            String dir = dirs.poll();
            List<FileEntry> children;
            try {
                children = root.store().list(dir);
            } catch (FileNotFoundException e) {
                continue; // removed while we walked: nothing of it to keep or delete
            }
            for (FileEntry e : children) {
                if (e.name().startsWith(".") || e.name().startsWith("_")) {
                    continue;
                }
                if (e.isDirectory()) {
                    if (!dir.equals(root.storePath()) || e.name().equals("data") || e.name().equals("metadata")
                            || !ns.tableKind(root.descendant(e.path())).isTable()) {
                        dirs.add(e.path()); // a table inside the location (a Hadoop catalog's namespace) is not ours
                    }
                } else if (e.modified().toEpochMilli() < cutoff) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    @Override
    public String headline() {
        return orphans.isEmpty()
                ? "no orphan files in " + path + " older than " + Instant.ofEpochMilli(cutoff) + " (" + table.location() + ")"
                : MaintenancePlan.count(orphans.size(), "orphan file") + " in " + path + " older than " + Instant.ofEpochMilli(cutoff)
                + ", " + new Bytes(MaintenancePlan.bytes(orphans)).human() + " (no snapshot or metadata file references them)";
    }

    @Override
    public boolean isEmpty() {
        return orphans.isEmpty();
    }

    @Override
    public String action() {
        return "delete " + MaintenancePlan.count(orphans.size(), "orphan file") + " (" + new Bytes(MaintenancePlan.bytes(orphans)).human() + ") of " + path;
    }

    @Override
    public List<TableFile> files() {
        return orphans;
    }

    @Override
    public String apply() throws IOException {
        // whatever a writer committed since the plan is referenced now: read the table again and keep it
        table.refresh();
        ReachableFiles referenced = ReachableFiles.ofWholeTable(table);
        int deleted = 0;
        long bytes = 0;
        int kept = 0;
        int gone = 0;
        for (TableFile f : orphans) {
            CancelledException.check();
            if (referenced.contains(f.location())) {
                kept++;
                continue;
            }
            String storePath = TableFile.key(f.location());
            try {
                root.store().delete(storePath, false);
                deleted++;
                bytes += f.bytes();
            } catch (FileNotFoundException e) {
                gone++; // someone else removed it meanwhile
            }
        }
        return "deleted " + MaintenancePlan.count(deleted, "orphan file") + " (" + new Bytes(bytes).human() + ") of " + path
                + (kept > 0 ? "; kept " + kept + " that a writer committed meanwhile" : "")
                + (gone > 0 ? "; " + gone + " were gone already" : "");
    }
}
