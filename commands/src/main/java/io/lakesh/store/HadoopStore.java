package io.lakesh.store;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileChecksum;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FsStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.hdfs.DistributedFileSystem;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/** Any Hadoop file system (HDFS above all) through Hadoop's FileSystem client. */
public final class HadoopStore implements Store {
    private final URI uri;
    private final FileSystem fs;

    public HadoopStore(URI uri, Configuration conf) throws IOException {
        this.uri = uri;
        this.fs = open(uri, conf);
    }

    /**
     * A client of lakesh's own, which it closes. For hdfs:// it is made directly, as FileSystem does once it has
     * found the class: that skips loading every FileSystem implementation on the class path to find it, and the
     * cache with its shutdown hook (lakesh closes its clients itself). A configured `fs.hdfs.impl` still counts.
     */
    private static FileSystem open(URI uri, Configuration conf) throws IOException {
        if ("hdfs".equals(uri.getScheme()) && conf.get("fs.hdfs.impl") == null) {
            FileSystem dfs = new DistributedFileSystem();
            dfs.setConf(conf);
            dfs.initialize(uri, conf);
            return dfs;
        }
        return FileSystem.newInstance(uri, conf);
    }

    public FileSystem fileSystem() {
        return fs;
    }

    @Override
    public URI uri() {
        return uri;
    }

    /** A store path as Hadoop's Path: the path is a name, not a URI (`%20` in a directory name stays `%20`). */
    private Path p(String path) {
        return new Path(uri.getScheme(), uri.getAuthority(), path);
    }

    private static FileEntry entry(String path, FileStatus s) {
        boolean dir = s.isDirectory();
        return new FileEntry(path, dir ? Kind.DIR : Kind.FILE, dir ? 0 : s.getLen(),
                dir ? 0 : s.getReplication(), dir ? 0 : s.getBlockSize(), s.getOwner(), s.getGroup(),
                (dir ? "d" : "-") + s.getPermission().toString(), Instant.ofEpochMilli(s.getModificationTime()));
    }

    @Override
    public FileEntry stat(String path) throws IOException {
        return entry(path, fs.getFileStatus(p(path)));
    }

    @Override
    public boolean exists(String path) throws IOException {
        return fs.exists(p(path));
    }

    @Override
    public List<FileEntry> list(String dir) throws IOException {
        FileStatus[] children = fs.listStatus(p(dir));
        List<FileEntry> out = new ArrayList<>(children.length);
        String prefix = dir.endsWith("/") ? dir : dir + "/";
        if (children.length == 1 && children[0].isFile() && children[0].getPath().toUri().getPath().equals(dir)) {
            return List.of(entry(dir, children[0]));
        }
        for (FileStatus c : children) {
            out.add(entry(prefix + c.getPath().getName(), c));
        }
        out.sort(Comparator.comparing(FileEntry::path));
        return out;
    }

    @Override
    public InputStream open(String path) throws IOException {
        return fs.open(p(path));
    }

    @Override
    public OutputStream create(String path, boolean overwrite) throws IOException {
        try {
            return fs.create(p(path), overwrite);
        } catch (FileAlreadyExistsException e) {
            throw new java.nio.file.FileAlreadyExistsException(path);
        }
    }

    @Override
    public void mkdirs(String path) throws IOException {
        if (fs.exists(p(path)) && !fs.getFileStatus(p(path)).isDirectory()) {
            throw new java.nio.file.FileAlreadyExistsException(path, null, "is a file");
        }
        if (!fs.mkdirs(p(path))) {
            throw new IOException("could not create directory " + path);
        }
    }

    @Override
    public void delete(String path, boolean recursive) throws IOException {
        if (!fs.exists(p(path))) {
            throw new FileNotFoundException(path);
        }
        try {
            if (!fs.delete(p(path), recursive)) {
                throw new IOException("could not delete " + path);
            }
        } catch (org.apache.hadoop.fs.PathIsNotEmptyDirectoryException e) {
            throw new IOException("Directory is not empty");
        }
    }

    @Override
    public void rename(String from, String to) throws IOException {
        if (!fs.exists(p(from))) {
            throw new FileNotFoundException(from);
        }
        if (fs.exists(p(to))) {
            throw new java.nio.file.FileAlreadyExistsException(to);
        }
        if (!fs.rename(p(from), p(to))) {
            throw new IOException("could not rename " + from + " to " + to);
        }
    }

    @Override
    public void publish(String from, String to) throws IOException {
        // HDFS renames atomically in the NameNode and refuses a file name that is taken
        if (!fs.rename(p(from), p(to))) {
            if (fs.exists(p(to))) {
                throw new java.nio.file.FileAlreadyExistsException(to);
            }
            throw new IOException("could not rename " + from + " to " + to);
        }
    }

    @Override
    public void setModified(String path, long epochMillis) throws IOException {
        fs.setTimes(p(path), epochMillis, -1);
    }

    @Override
    public boolean setReplication(String path, short replication) throws IOException {
        return fs.setReplication(p(path), replication);
    }

    @Override
    public String[] checksum(String path) throws IOException {
        FileChecksum c = fs.getFileChecksum(p(path));
        if (c == null) {
            return null;
        }
        return new String[] {c.getAlgorithmName(), HexFormat.of().formatHex(c.getBytes())};
    }

    @Override
    public List<BlockLocation> blocks(String path) throws IOException {
        FileStatus s = fs.getFileStatus(p(path));
        List<BlockLocation> out = new ArrayList<>();
        for (org.apache.hadoop.fs.BlockLocation b : fs.getFileBlockLocations(s, 0, s.getLen())) {
            out.add(new BlockLocation(b.getOffset(), b.getLength(), Arrays.asList(b.getNames())));
        }
        return out;
    }

    @Override
    public ContentSummary summary(String path) throws IOException {
        org.apache.hadoop.fs.ContentSummary c = fs.getContentSummary(p(path));
        return new ContentSummary(c.getLength(), c.getSpaceConsumed(), c.getFileCount(), c.getDirectoryCount());
    }

    @Override
    public SpaceUsage usage(String path) throws IOException {
        FsStatus s = fs.getStatus(p(path));
        return new SpaceUsage(uri.toString(), s.getCapacity(), s.getUsed(), s.getRemaining());
    }


    @Override
    public void close() throws IOException {
        fs.close();
    }
}
