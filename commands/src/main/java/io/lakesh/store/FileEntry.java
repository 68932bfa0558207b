package io.lakesh.store;

import java.time.Instant;

/**
 * One file or directory as a store reports it. {@code path} is the path inside the store
 * (absolute, '/'-separated); replication is 0 where the store has none (local files, directories).
 */
public record FileEntry(String path, Kind kind, long length, int replication, long blockSize,
                        String owner, String group, String permission, Instant modified) {

    public String name() {
        int slash = path.lastIndexOf('/');
        return slash < 0 || path.length() == 1 ? path : path.substring(slash + 1);
    }

    public boolean isDirectory() {
        return kind.isDirectory();
    }

    public FileEntry withKind(Kind newKind) {
        return new FileEntry(path, newKind, length, replication, blockSize, owner, group, permission, modified);
    }

    public FileEntry withPath(String newPath) {
        return new FileEntry(newPath, kind, length, replication, blockSize, owner, group, permission, modified);
    }
}
