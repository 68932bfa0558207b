package io.lakesh.store;

/** What a path is: tables are directories recognised by their layout. */
public enum Kind {
    FILE("file"), DIR("dir"), ICEBERG("iceberg"), DELTA("delta"), MOUNT("mount"),
    /** A table that an engine serves (Trino), read through that engine rather than its files. */
    TABLE("table");

    private final String label;

    Kind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }

    public boolean isDirectory() {
        return this != FILE;
    }

    public boolean isTable() {
        return this == ICEBERG || this == DELTA;
    }
}
