package io.lakesh.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;

/**
 * The primitive operations of one file system. Paths are absolute inside the store ('/'-separated);
 * commands, globbing and table detection are written once above this interface.
 * Local files use java.nio directly so that no Hadoop class loads for them; HDFS goes through Hadoop.
 */
public interface Store extends AutoCloseable {

    /** The store's root as a URI, e.g. {@code file:///} or {@code hdfs://nn:8020/}. */
    URI uri();

    /** Status of one path; throws {@link FileNotFoundException} when it does not exist. */
    FileEntry stat(String path) throws IOException;

    /** Whether the path exists (cheaper than stat on some stores). */
    default boolean exists(String path) throws IOException {
        try {
            stat(path);
            return true;
        } catch (FileNotFoundException e) {
            return false;
        }
    }

    /** The children of a directory, sorted by name. */
    List<FileEntry> list(String dir) throws IOException;

    InputStream open(String path) throws IOException;

    /** Creates a file; fails if it exists and {@code overwrite} is false. Parent directories are created. */
    OutputStream create(String path, boolean overwrite) throws IOException;

    void mkdirs(String path) throws IOException;

    /** Deletes a file or directory; a non-empty directory only when {@code recursive}. */
    void delete(String path, boolean recursive) throws IOException;

    /** Renames within the store; fails if the target exists. */
    void rename(String from, String to) throws IOException;

    /**
     * Gives a complete file ({@code from}) the name {@code to} only if no file has it, atomically: the
     * put-if-absent that Delta commits need. Fails with {@link java.nio.file.FileAlreadyExistsException}
     * when another writer got there first; {@code from} is gone either way only on success.
     */
    void publish(String from, String to) throws IOException;

    void setModified(String path, long epochMillis) throws IOException;

    /** Sets the replication of a file; returns false where the store has no replication. */
    default boolean setReplication(String path, short replication) throws IOException {
        return false;
    }

    /** The store's own checksum of a file as algorithm and hex digest, or null where it has none. */
    default String[] checksum(String path) throws IOException {
        return null;
    }

    List<BlockLocation> blocks(String path) throws IOException;

    /** Totals below a path (a file counts as itself); stores with a cheaper way override this walk. */
    default ContentSummary summary(String path) throws IOException {
        FileEntry self = stat(path);
        if (!self.isDirectory()) {
            return new ContentSummary(self.length(), self.length() * Math.max(1, self.replication()), 1, 0);
        }
        long length = 0;
        long consumed = 0;
        long files = 0;
        long dirs = 1;
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>();
        todo.add(path);
        while (!todo.isEmpty()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.io.InterruptedIOException("interrupted");
            }
            for (FileEntry e : list(todo.poll())) {
                if (e.isDirectory()) {
                    dirs++;
                    todo.add(e.path());
                } else {
                    files++;
                    length += e.length();
                    consumed += e.length() * Math.max(1, e.replication());
                }
            }
        }
        return new ContentSummary(length, consumed, files, dirs);
    }

    SpaceUsage usage(String path) throws IOException;


    @Override
    default void close() throws IOException {
    }
}
