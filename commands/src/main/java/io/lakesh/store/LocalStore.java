package io.lakesh.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The local file system through java.nio: no Hadoop classes, so local work starts fast. */
public final class LocalStore implements Store {
    private static final URI ROOT = URI.create("file:///");

    @Override
    public URI uri() {
        return ROOT;
    }

    @Override
    public FileEntry stat(String path) throws IOException {
        return entry(path, attributes(Path.of(path)));
    }

    private static PosixFileAttributes attributes(Path p) throws IOException {
        try {
            return Files.readAttributes(p, PosixFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(p.toString());
        }
    }

    private static FileEntry entry(String path, PosixFileAttributes a) {
        boolean dir = a.isDirectory();
        String perms = (dir ? "d" : "-") + PosixFilePermissions.toString(a.permissions());
        return new FileEntry(path, dir ? Kind.DIR : Kind.FILE, dir ? 0 : a.size(), 0, 0,
                a.owner().getName(), a.group().getName(), perms, a.lastModifiedTime().toInstant());
    }

    @Override
    public List<FileEntry> list(String dir) throws IOException {
        Path p = Path.of(dir);
        List<FileEntry> out = new ArrayList<>();
        try (Stream<Path> children = Files.list(p)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                try {
                    out.add(entry(child.toString(), Files.readAttributes(child, PosixFileAttributes.class)));
                } catch (NoSuchFileException gone) {
                    // removed while listing: a listing is a snapshot, skip it
                    continue;
                }
            }
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(dir);
        } catch (java.nio.file.NotDirectoryException e) {
            return List.of(stat(dir));
        }
        out.sort(Comparator.comparing(FileEntry::path));
        return out;
    }

    @Override
    public InputStream open(String path) throws IOException {
        try {
            return Files.newInputStream(Path.of(path));
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(path);
        }
    }

    @Override
    public OutputStream create(String path, boolean overwrite) throws IOException {
        Path p = Path.of(path);
        Path parent = p.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return overwrite
                ? Files.newOutputStream(p)
                : Files.newOutputStream(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    @Override
    public void mkdirs(String path) throws IOException {
        Path p = Path.of(path);
        if (Files.exists(p) && !Files.isDirectory(p)) {
            throw new FileAlreadyExistsException(path, null, "is a file");
        }
        Files.createDirectories(p);
    }

    @Override
    public void delete(String path, boolean recursive) throws IOException {
        Path p = Path.of(path);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileNotFoundException(path);
        }
        if (recursive && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> all = Files.walk(p)) {
                for (Path q : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(q);
                }
            }
        } else {
            try {
                Files.delete(p);
            } catch (DirectoryNotEmptyException e) {
                throw new IOException("Directory is not empty");
            }
        }
    }

    @Override
    public void rename(String from, String to) throws IOException {
        try {
            Files.move(Path.of(from), Path.of(to), StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(e.getFile());
        }
    }

    @Override
    public void publish(String from, String to) throws IOException {
        // a hard link is created only if the name is free (rename(2) would replace a commit another writer made)
        Files.createLink(Path.of(to), Path.of(from));
        Files.delete(Path.of(from));
    }

    @Override
    public void setModified(String path, long epochMillis) throws IOException {
        try {
            Files.setLastModifiedTime(Path.of(path), FileTime.fromMillis(epochMillis));
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(path);
        }
    }

    @Override
    public List<BlockLocation> blocks(String path) throws IOException {
        FileEntry e = stat(path);
        return List.of(new BlockLocation(0, e.length(), List.of("localhost")));
    }

    @Override
    public SpaceUsage usage(String path) throws IOException {
        FileStore fs = Files.getFileStore(Path.of(path));
        long total = fs.getTotalSpace();
        long free = fs.getUsableSpace();
        return new SpaceUsage("file:///", total, total - fs.getUnallocatedSpace(), free);
    }
}
