package io.lakesh.namespace;

import io.lakesh.store.FileEntry;

import java.io.IOException;
import java.util.List;

/**
 * A part of the namespace that is not a file system, such as `/iceberg` (catalogs, namespaces, tables).
 * Paths are namespace paths starting with the tree's mount point.
 */
public interface VirtualTree extends AutoCloseable {
    /** Status of a path; {@link java.io.FileNotFoundException} when there is nothing there. */
    FileEntry stat(String path) throws IOException;

    /** Children of a path, with namespace paths. */
    List<FileEntry> list(String path) throws IOException;

    @Override
    default void close() {
    }
}
