package io.lakesh.command.fs;

import io.lakesh.command.CancelledException;
import io.lakesh.command.PathCommand;
import io.lakesh.namespace.Location;
import io.lakesh.output.Table;
import io.lakesh.output.Tabular;
import io.lakesh.store.FileEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

@Command(name = "ls", description = "List directories, files and tables (tables are labelled iceberg or delta).")
public class Ls extends PathCommand {
    @Option(names = "-l", description = "Long listing: permission, replication, owner, group, size, modified, kind.")
    boolean longListing;
    @Option(names = "-h", description = "Sizes as 12.4 MiB instead of bytes.")
    boolean human;
    @Option(names = "-R", description = "List subdirectories recursively.")
    boolean recursive;
    @Option(names = "-d", description = "List directories themselves, not their contents.")
    boolean directoriesThemselves;
    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Paths or globs (default: the current directory).")
    List<String> paths = new ArrayList<>();

    private final List<String> names = new ArrayList<>();
    private final List<FileEntry> entries = new ArrayList<>();

    @Override
    protected List<String> paths() {
        return paths.isEmpty() ? List.of(ctx.namespace().cwd()) : paths;
    }

    @Override
    protected boolean needsKind() {
        return directoriesThemselves;
    }

    @Override
    protected boolean needsStatus() {
        return directoriesThemselves;
    }

    @Override
    protected boolean humanSizes() {
        return human;
    }

    @Override
    protected void processPath(Location item, FileEntry entry) throws Exception {
        boolean fullNames = paths.size() > 1;
        if (entry != null && (!entry.isDirectory() || directoriesThemselves)) {
            add(item.display(), item, entry);
            return;
        }
        List<FileEntry> children = ctx.namespace().list(item);
        if (entry == null && listsItself(item, children)) {
            add(item.display(), item, children.get(0));
            return;
        }
        listDirectory(item, children, fullNames ? item.display() + "/" : "");
    }

    /** A file lists as itself: one entry with the file's own path (a child's path has one more component). */
    private static boolean listsItself(Location item, List<FileEntry> children) {
        return children.size() == 1 && !children.get(0).isDirectory() && children.get(0).path().equals(item.storePath());
    }

    private void listDirectory(Location dir, String prefix) throws Exception {
        listDirectory(dir, ctx.namespace().list(dir), prefix);
    }

    private void listDirectory(Location dir, List<FileEntry> children, String prefix) throws Exception {
        for (FileEntry child : children) {
            CancelledException.check();
            Location childLocation = dir.isVirtual() ? ctx.namespace().resolve(child.path()) : dir.descendant(child.path());
            add(prefix + childLocation.name(), childLocation, child);
            if (recursive && child.isDirectory()) {
                listDirectory(childLocation, prefix + childLocation.name() + "/");
            }
        }
    }

    private void add(String name, Location l, FileEntry e) {
        names.add(name);
        entries.add(e.withPath(l.display()));
    }

    private io.lakesh.iceberg.IcebergTree icebergTree() {
        for (FileEntry e : entries) {
            if (!(ctx.namespace().tree(e.path()) instanceof io.lakesh.iceberg.IcebergTree)) {
                return null;
            }
        }
        return entries.isEmpty() ? null : (io.lakesh.iceberg.IcebergTree) ctx.namespace().tree(entries.get(0).path());
    }

    /** Catalog listings show what a table is at a glance, from its metadata (records as the snapshot summary counts them). */
    private Table catalogTable() {
        io.lakesh.iceberg.IcebergTree tree = icebergTree();
        Table t = Table.of("kind", "format", "snapshots", "records", "data_files", "size", "last_commit", "name").nullText("-");
        for (int i = 0; i < entries.size(); i++) {
            FileEntry e = entries.get(i);
            var s = e.kind() == io.lakesh.store.Kind.ICEBERG ? tree.summary(e.path()) : null;
            t.add(e.kind().label(), s == null ? null : "v" + s.formatVersion(), s == null ? null : s.snapshots(),
                    s == null ? null : s.records(), s == null ? null : s.dataFiles(),
                    s == null ? null : new io.lakesh.output.Bytes(e.length()), s == null ? null : e.modified(), names.get(i));
        }
        return t;
    }

    /**
     * A directory holding Delta tables lists its tables at a glance as a catalog does: format (Delta:
     * protocol), version (Delta: the table version; Iceberg: the current snapshot's sequence number), rows,
     * data files, bytes and last commit; plain files and directories keep their size and time. A table
     * that cannot be read says so in one line and lists without its numbers.
     */
    private Table fileSystemTablesTable() {
        Table t = Table.of("kind", "format", "version", "records", "data_files", "size", "last_commit", "name").nullText("-");
        for (int i = 0; i < entries.size(); i++) {
            FileEntry e = entries.get(i);
            try {
                if (e.kind() == io.lakesh.store.Kind.DELTA) {
                    var s = io.lakesh.delta.DeltaSummary.of(ctx.namespace(), ctx.namespace().resolve(e.path()));
                    t.add(e.kind().label(), s.format(), s.version(), s.records(), s.dataFiles(),
                            new io.lakesh.output.Bytes(s.bytes()), s.lastCommit(), names.get(i));
                    continue;
                }
                if (e.kind() == io.lakesh.store.Kind.ICEBERG) {
                    var table = io.lakesh.iceberg.IcebergTables.resolve(ctx.namespace(), e.path()).table();
                    var s = io.lakesh.iceberg.IcebergTree.summaryOf(table);
                    FileEntry entry = io.lakesh.iceberg.IcebergTree.entryOf(e.path(), table);
                    t.add(e.kind().label(), "v" + s.formatVersion(),
                            table.currentSnapshot() == null ? null : table.currentSnapshot().sequenceNumber(), s.records(), s.dataFiles(),
                            new io.lakesh.output.Bytes(entry.length()), entry.modified(), names.get(i));
                    continue;
                }
            } catch (java.io.IOException | io.lakesh.LakeshException ex) {
                ctx.err().println(name() + ": " + io.lakesh.command.Errors.message(ex, e.path()));
                ctx.err().flush();
                markFailed();
            }
            t.add(e.kind().label(), null, null, null, null, e.isDirectory() ? null : new io.lakesh.output.Bytes(e.length()),
                    e.kind().isTable() ? null : e.modified(), names.get(i));
        }
        return t;
    }

    @Override
    protected Object finish() {
        return new Tabular() {
            @Override
            public Table table() {
                // read only when printed: scripts get the entries without a replay of each table's log
                if (longListing && icebergTree() == null && entries.stream().anyMatch(e -> e.kind() == io.lakesh.store.Kind.DELTA)) {
                    return fileSystemTablesTable();
                }
                if (longListing && icebergTree() != null) {
                    return catalogTable();
                }
                Table t = longListing ? Listings.longTable() : Listings.shortTable();
                for (int i = 0; i < entries.size(); i++) {
                    if (longListing) {
                        Listings.addLong(t, names.get(i), entries.get(i));
                    } else {
                        Listings.addShort(t, names.get(i), entries.get(i));
                    }
                }
                return t;
            }

            /** Scripts get every field of every entry, with its namespace path. */
            @Override
            public List<FileEntry> items() {
                return entries;
            }
        };
    }
}
