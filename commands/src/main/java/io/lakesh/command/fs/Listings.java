package io.lakesh.command.fs;

import io.lakesh.output.Bytes;
import io.lakesh.output.Table;
import io.lakesh.store.FileEntry;

/** The rows of file listings, shared by ls, find and stat. */
final class Listings {
    private Listings() {
    }

    static Table shortTable() {
        return Table.of("name", "kind").withoutHeader();
    }

    static void addShort(Table t, String name, FileEntry e) {
        t.add(name, e.kind().label());
    }

    static Table longTable() {
        return Table.of("permission", "replication", "owner", "group", "size", "modified", "kind", "name").nullText("-");
    }

    static void addLong(Table t, String name, FileEntry e) {
        t.add(e.permission(), e.replication() == 0 ? null : e.replication(), e.owner(), e.group(),
                new Bytes(e.length()), e.modified(), e.kind().label(), name);
    }
}
