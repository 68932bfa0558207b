package io.lakesh.sql;

import io.lakesh.LakeshException;
import io.lakesh.command.CancelledException;
import io.lakesh.command.Progress;
import io.lakesh.namespace.Namespace;
import io.lakesh.output.Bytes;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Local copies of remote data files (DuckDB cannot read `hdfs://`). Table data files never change once
 * written, so a copy named by the file's URI and size stays valid; the cache is bounded (`cache.max-bytes`)
 * and evicts the least recently used copies. Local files are read where they are.
 */
public final class FileCache {
    public static final long DEFAULT_MAX_BYTES = 10L << 30;
    private static final int FETCH_THREADS = 8;

    private final Namespace ns;
    private final Path dir;
    private final long maxBytes;

    public FileCache(Namespace ns) {
        this.ns = ns;
        this.dir = ns.home().dir().resolve("cache");
        String max = ns.config().get("cache.max-bytes");
        this.maxBytes = max == null ? DEFAULT_MAX_BYTES : Bytes.parse(max);
    }

    /** A file to read: its URI as the table or listing names it, and its size (-1 when not known). */
    public record RemoteFile(String uri, long size) {
    }

    /** What is in the cache. */
    public record Stats(Path dir, long files, long bytes, long maxBytes) {
    }

    public Path dir() {
        return dir;
    }

    /** Local paths for the given files, in order, fetching what is remote and not cached yet (in parallel). */
    public Map<String, String> localPaths(List<RemoteFile> files, Progress.Factory progress) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        List<RemoteFile> missing = new ArrayList<>();
        Set<Path> needed = new HashSet<>();
        long remoteBytes = 0;
        for (RemoteFile f : files) {
            String inPlace = localFile(f.uri());
            if (inPlace != null) {
                out.put(f.uri(), inPlace);
                continue;
            }
            Path local = cachePath(f);
            out.put(f.uri(), local.toString());
            needed.add(local);
            remoteBytes += Math.max(f.size(), 0);
            if (Files.exists(local)) {
                Files.setLastModifiedTime(local, FileTime.fromMillis(System.currentTimeMillis()));
            } else {
                missing.add(f);
            }
        }
        if (remoteBytes > maxBytes) {
            throw new LakeshException("the query reads " + new Bytes(remoteBytes).human() + " of remote data files, more than the cache holds ("
                    + new Bytes(maxBytes).human() + ", cache.max-bytes in lakesh.conf); raise the limit, add a filter, or run it on Trino");
        }
        if (!missing.isEmpty()) {
            Files.createDirectories(dir);
            long missingBytes = missing.stream().mapToLong(f -> Math.max(f.size(), 0)).sum();
            evict(needed, missingBytes);
            fetch(missing, missingBytes, progress);
        }
        return out;
    }

    private static final java.util.regex.Pattern REMOTE = java.util.regex.Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://[^/]*)(/.*)$");

    /**
     * The local path of a file of the local file system (`/x`, `file:/x`, `file:///x`), or null for a remote
     * one. Locations are names as the store knows them, not URIs: `%` in a name stays `%`.
     */
    private static String localFile(String location) {
        if (location.startsWith("/")) {
            return location;
        }
        if (location.startsWith("file:")) {
            String rest = location.substring(5);
            return rest.startsWith("//") ? rest.substring(rest.indexOf('/', 2)) : rest;
        }
        return null;
    }

    private void fetch(List<RemoteFile> missing, long bytes, Progress.Factory progress) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(FETCH_THREADS, missing.size()), r -> {
            Thread t = new Thread(r, "lakesh-fetch");
            t.setDaemon(true);
            return t;
        });
        try (Progress p = progress.start("fetching data files", bytes, missing.size())) {
            List<Future<?>> running = new ArrayList<>();
            for (RemoteFile f : missing) {
                running.add(pool.submit(() -> {
                    fetchOne(f, p);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void fetchOne(RemoteFile f, Progress p) throws IOException {
        Path target = cachePath(f);
        Path tmp = target.resolveSibling(target.getFileName() + "." + Thread.currentThread().getId() + ".part");
        java.util.regex.Matcher m = REMOTE.matcher(f.uri());
        if (!m.matches()) {
            throw new IOException("'" + f.uri() + "' is not a location lakesh can fetch");
        }
        // the store by scheme and authority; the path as the store names it (not URI-decoded)
        io.lakesh.store.Store store = ns.store(URI.create(m.group(1) + "/"));
        try (InputStream in = store.open(m.group(2)); OutputStream out = Files.newOutputStream(tmp)) {
            byte[] buffer = new byte[1 << 20];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("cancelled");
                }
                out.write(buffer, 0, n);
                p.advance(n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        if (f.size() >= 0 && Files.size(tmp) != f.size()) {
            long got = Files.size(tmp);
            Files.deleteIfExists(tmp);
            throw new IOException(f.uri() + ": read " + got + " bytes, the table says " + f.size());
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        p.itemDone();
    }

    /** Removes the least recently used copies until {@code incoming} more bytes fit; never the ones in use. */
    private void evict(Set<Path> inUse, long incoming) throws IOException {
        List<Path> copies = copies();
        long total = 0;
        for (Path c : copies) {
            total += Files.size(c);
        }
        copies.sort(Comparator.comparing(FileCache::lastModified));
        for (Path c : copies) {
            if (total + incoming <= maxBytes) {
                return;
            }
            if (!inUse.contains(c)) {
                total -= Files.size(c);
                Files.deleteIfExists(c);
            }
        }
    }

    private static FileTime lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Path> copies() throws IOException {
        if (!Files.isDirectory(dir)) {
            return new ArrayList<>();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.filter(p -> !p.getFileName().toString().endsWith(".part")).toList());
        }
    }

    public Stats stats() throws IOException {
        long bytes = 0;
        List<Path> copies = copies();
        for (Path c : copies) {
            bytes += Files.size(c);
        }
        return new Stats(dir, copies.size(), bytes, maxBytes);
    }

    /** Deletes every copy; returns how many. */
    public long clear() throws IOException {
        List<Path> copies = copies();
        for (Path c : copies) {
            Files.deleteIfExists(c);
        }
        return copies.size();
    }

    private Path cachePath(RemoteFile f) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(f.uri().getBytes(StandardCharsets.UTF_8));
            String name = f.uri().substring(f.uri().lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
            if (name.length() > 80) {
                name = name.substring(name.length() - 80);
            }
            return dir.resolve(HexFormat.of().formatHex(digest, 0, 16) + "-" + f.size() + "-" + name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
