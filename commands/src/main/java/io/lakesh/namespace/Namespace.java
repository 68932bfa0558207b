package io.lakesh.namespace;

import io.lakesh.LakeshException;
import io.lakesh.config.Config;
import io.lakesh.config.LakeshHome;
import io.lakesh.store.FileEntry;
import io.lakesh.store.Kind;
import io.lakesh.store.LocalStore;
import io.lakesh.store.Store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one tree every command works on: mount points ({@code /local}, {@code /hdfs}, …) mapped onto stores,
 * a current directory, and the resolution of what the user typed (relative paths, `..`, `~`, globs, URIs).
 */
public final class Namespace implements AutoCloseable {
    public static final String LOCAL = "/local";
    private static final Pattern URI_FORM = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:/.*");
    private static final Pattern DEFAULT_FS = Pattern.compile(
            "<name>\\s*fs\\.default(?:FS|\\.name)\\s*</name>\\s*<value>\\s*([^<\\s]+)\\s*</value>");

    private final LakeshHome home;
    private final Config config;
    private final Map<String, Mount> mounts = new TreeMap<>();
    private final Map<String, Store> stores = new ConcurrentHashMap<>();
    private final LocalStore local = new LocalStore();
    private volatile Object hadoopConf;
    private volatile Object hadoopClientConf;
    private volatile Thread ahead;
    /** Whose site files the Hadoop clients read: HADOOP_CONF_DIR, else the local cluster's when it provides /hdfs. */
    private volatile Path hadoopConfDir;
    private String cwd = LOCAL;
    private final TableDetector tables = new TableDetector();
    private final Map<String, VirtualTree> trees = new ConcurrentHashMap<>();
    public static final String ICEBERG = "/iceberg";
    public static final String TRINO = "/trino";
    private final java.util.Map<Class<?>, AutoCloseable> resources = new java.util.LinkedHashMap<>();

    public Namespace(LakeshHome home, Config config) {
        this.home = home;
        this.config = config;
        mounts.put(LOCAL, new Mount(LOCAL, home.warehouse().toUri(), "default"));
        String env = System.getenv("HADOOP_CONF_DIR");
        if (env != null && !env.isBlank()) {
            hadoopConfDir = Path.of(env);
            URI fromHadoopConf = defaultFs(hadoopConfDir);
            if (fromHadoopConf != null) {
                mounts.put("/hdfs", new Mount("/hdfs", fromHadoopConf, "HADOOP_CONF_DIR"));
            }
        }
        config.withPrefix(Config.MOUNT_PREFIX).forEach((point, uri) -> {
            try {
                mounts.put(point, new Mount(point, parseTarget(uri), "lakesh.conf"));
            } catch (LakeshException e) {
                throw new LakeshException(home.config() + ": mount." + point + ": " + e.getMessage() + "; fix or remove that line");
            }
        });
        mountLocalCluster();
    }

    /**
     * The local cluster (`cluster start`) is /hdfs when nothing else names /hdfs (HADOOP_CONF_DIR, lakesh.conf), from
     * its creation on, running or not: a stopped cluster then reads as unreachable, as any stopped NameNode does.
     * Called again by `cluster start`, so the session that created the cluster sees it. Returns the mount, if any.
     */
    public synchronized Mount mountLocalCluster() {
        Mount current = mounts.get("/hdfs");
        if (current != null) {
            return current.origin().equals(LOCAL_CLUSTER) ? current : null;
        }
        io.lakesh.cluster.ClusterHome cluster = io.lakesh.cluster.ClusterHome.of(home);
        URI uri = hadoopConfDir == null && cluster.exists() ? defaultFs(cluster.confDir()) : null;
        if (uri == null) {
            return null;
        }
        hadoopConfDir = cluster.confDir();
        hadoopConf = null; // made again with the cluster's site files (replication 2)
        hadoopClientConf = null;
        Mount m = new Mount("/hdfs", uri, LOCAL_CLUSTER);
        mounts.put("/hdfs", m);
        return m;
    }

    /** The origin of the local cluster's mount. */
    public static final String LOCAL_CLUSTER = "local cluster";

    /** The folder whose core-site.xml and hdfs-site.xml the Hadoop clients read, or null. */
    public Path hadoopConfDir() {
        return hadoopConfDir;
    }

    public LakeshHome home() {
        return home;
    }

    public Config config() {
        return config;
    }

    // --- mounts -------------------------------------------------------------------------------

    public List<Mount> mounts() {
        return List.copyOf(mounts.values());
    }

    /** Adds or replaces a mount and saves it in lakesh.conf. */
    public Mount mount(String point, String target) throws IOException {
        String p = normalize(point.startsWith("/") ? point : "/" + point);
        if (p.equals("/") || URI_FORM.matcher(point).matches()) {
            throw new io.lakesh.UsageException("mount point must be a path like /hdfs, not '" + point + "'");
        }
        if (p.equals(LOCAL)) {
            throw new io.lakesh.UsageException("/local is the embedded warehouse and cannot be remounted");
        }
        Mount m = new Mount(p, parseTarget(target), "lakesh.conf");
        store(m.target());
        mounts.put(p, m);
        config.set(Config.MOUNT_PREFIX + p, m.target().toString());
        config.save();
        return m;
    }

    public Mount unmount(String point) throws IOException {
        String p = normalize(point);
        Mount m = mounts.get(p);
        if (m == null) {
            throw new LakeshException("'" + point + "': not a mount point (mounts: " + String.join(", ", mounts.keySet()) + ")");
        }
        if (!"lakesh.conf".equals(m.origin())) {
            throw new LakeshException("'" + p + "' comes from " + m.origin() + " and cannot be unmounted");
        }
        mounts.remove(p);
        config.set(Config.MOUNT_PREFIX + p, null);
        config.save();
        return m;
    }

    private static URI parseTarget(String target) {
        try {
            URI u = new URI(target.trim());
            if (u.getScheme() == null) {
                throw new io.lakesh.UsageException("mount target must be a URI like hdfs://namenode:8020/ or file:///data, not '" + target + "'");
            }
            if (u.getPath() == null || u.getPath().isEmpty()) {
                u = new URI(u.getScheme(), u.getAuthority(), "/", null, null);
            }
            return u;
        } catch (URISyntaxException e) {
            throw new io.lakesh.UsageException("'" + target + "' is not a valid URI: " + e.getReason());
        }
    }

    private static URI defaultFs(Path confDir) {
        Path coreSite = confDir.resolve("core-site.xml");
        try {
            if (!Files.isRegularFile(coreSite)) {
                return null;
            }
            // a regex instead of Hadoop's Configuration keeps Hadoop off the start-up path
            Matcher m = DEFAULT_FS.matcher(Files.readString(coreSite));
            if (m.find() && m.group(1).startsWith("hdfs://")) {
                return parseTarget(m.group(1));
            }
        } catch (IOException | LakeshException e) {
            return null;
        }
        return null;
    }

    // --- current directory --------------------------------------------------------------------

    public String cwd() {
        return cwd;
    }

    public void cd(Location target) {
        cwd = target.display();
    }

    // --- resolution ---------------------------------------------------------------------------

    /** Resolves one path without globbing; whether it exists is the caller's question. */
    public Location resolve(String arg) {
        String path = absolute(arg);
        if (URI_FORM.matcher(path).matches()) {
            URI uri = toUri(path);
            String storePath = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
            Store s = store(uri);
            String display = uri.getScheme().equals("file") ? "file://" + storePath
                    : Mount.storeKey(uri) + storePath;
            return new Location(display, s, storePath);
        }
        Mount best = null;
        for (Mount m : mounts.values()) {
            if (path.equals(m.point()) || path.startsWith(m.point() + "/")) {
                if (best == null || m.point().length() > best.point().length()) {
                    best = m;
                }
            }
        }
        if (best != null) {
            String rest = path.substring(best.point().length());
            String storePath = rest.isEmpty() ? best.targetPath() : Location.join(best.targetPath(), rest.substring(1));
            if (storePath.length() > 1 && storePath.endsWith("/")) {
                storePath = storePath.substring(0, storePath.length() - 1);
            }
            return new Location(path, store(best.target()), storePath);
        }
        if (isVirtualDirectory(path)) {
            return path.equals("/") ? Location.ROOT : new Location(path, null, null);
        }
        throw new LakeshException("'" + arg + "': No such file or directory (the namespace has "
                + String.join(", ", mounts.keySet()) + ", " + ICEBERG + ")");
    }

    /** Resolves a path with globs; a glob that matches nothing is an error naming the pattern. */
    public List<Location> expand(String arg) throws IOException {
        String path = absolute(arg);
        if (!Glob.hasGlob(path)) {
            return List.of(resolve(path));
        }
        String prefix = "";
        String[] parts;
        Matcher uri = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://[^/]*)(/.*)?$").matcher(path);
        if (uri.matches()) {
            prefix = uri.group(1);
            parts = (uri.group(2) == null ? "/" : uri.group(2)).split("/");
        } else {
            parts = path.split("/");
        }
        List<Location> current = new ArrayList<>();
        StringBuilder base = new StringBuilder(prefix);
        int i = 1;
        while (i < parts.length && !Glob.hasGlob(parts[i])) {
            base.append('/').append(parts[i]);
            i++;
        }
        current.add(resolve(base.length() == prefix.length() ? prefix + "/" : base.toString()));
        for (; i < parts.length; i++) {
            List<Location> next = new ArrayList<>();
            if (Glob.hasGlob(parts[i])) {
                Pattern p = Glob.compile(parts[i]);
                for (Location dir : current) {
                    for (FileEntry e : listQuietly(dir)) {
                        if (p.matcher(e.name()).matches()) {
                            next.add(dir.child(e.name()));
                        }
                    }
                }
            } else {
                for (Location dir : current) {
                    Location child = dir.child(parts[i].replace("\\", ""));
                    if (exists(child)) {
                        next.add(child);
                    }
                }
            }
            current = next;
        }
        if (current.isEmpty()) {
            throw new LakeshException("'" + arg + "': No such file or directory (the pattern matches nothing)");
        }
        current.sort(Comparator.comparing(Location::display));
        return current;
    }

    private List<FileEntry> listQuietly(Location dir) throws IOException {
        try {
            return stat(dir).isDirectory() ? list(dir) : List.of();
        } catch (FileNotFoundException | LakeshException e) {
            return List.of();
        }
    }

    /** The absolute, normalised form of what the user typed: `~`, relative paths and `..` resolved. */
    public String absolute(String arg) {
        String a = arg.trim();
        if (a.isEmpty()) {
            throw new io.lakesh.UsageException("empty path");
        }
        if (a.equals("~") || a.startsWith("~/")) {
            a = LOCAL + a.substring(1);
        }
        if (URI_FORM.matcher(a).matches()) {
            Matcher m = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*:(?://[^/]*)?)(/.*)?$").matcher(a);
            if (m.matches()) {
                String scheme = m.group(1).startsWith("file:") ? "file://" : m.group(1);
                return scheme + normalize(m.group(2) == null ? "/" : m.group(2));
            }
            return a;
        }
        if (!a.startsWith("/")) {
            if (URI_FORM.matcher(cwd).matches()) {
                URI base = toUri(cwd);
                return Mount.storeKey(base) + normalize(Location.join(base.getPath(), a));
            }
            a = Location.join(cwd, a);
        }
        return normalize(a);
    }

    static String normalize(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(p);
            }
        }
        return "/" + String.join("/", parts);
    }

    private static URI toUri(String s) {
        try {
            return new URI(s.replace(" ", "%20"));
        } catch (URISyntaxException e) {
            throw new io.lakesh.UsageException("'" + s + "' is not a valid URI: " + e.getReason());
        }
    }

    private boolean isVirtualDirectory(String path) {
        if (path.equals("/") || underTree(path)) {
            return true;
        }
        for (String point : mounts.keySet()) {
            if (point.startsWith(path + "/")) {
                return true;
            }
        }
        return false;
    }

    private static boolean underTree(String path) {
        return treeRoot(path) != null;
    }

    /** `/iceberg` or `/trino` for a path inside one of those trees, else null. */
    private static String treeRoot(String path) {
        for (String root : List.of(ICEBERG, TRINO)) {
            if (path.equals(root) || path.startsWith(root + "/")) {
                return root;
            }
        }
        return null;
    }

    /** The virtual tree (catalogs) a namespace path belongs to, created on first use; null for file paths. */
    public VirtualTree tree(String path) {
        String root = treeRoot(path);
        if (root == null) {
            return null;
        }
        return trees.computeIfAbsent(root, k -> k.equals(ICEBERG) ? Trees.iceberg(this) : Trees.trino(this));
    }

    // --- stores -------------------------------------------------------------------------------

    public Store store(URI uri) {
        if ("file".equals(uri.getScheme())) {
            return local;
        }
        return stores.computeIfAbsent(Mount.storeKey(uri), key -> HadoopStores.open(URI.create(key + "/"), this));
    }

    /** Whether a client for the store is open already (it is opened on first use, or ahead of it). */
    boolean isOpen(URI uri) {
        return stores.containsKey(Mount.storeKey(uri));
    }

    /**
     * Starts opening, on a background thread, the Hadoop stores a command line names (see {@link OpenAhead}),
     * so that their set-up runs beside the command's parsing. Once per namespace.
     */
    public synchronized void openAhead(String commandLine) {
        if (ahead == null) {
            ahead = OpenAhead.start(this, commandLine);
        }
    }

    /** The Hadoop configuration for Iceberg and Delta, created on first use (Hadoop classes load only then). */
    public synchronized Object hadoopConf() {
        if (hadoopConf == null) {
            hadoopConf = HadoopStores.configuration(config, hadoopConfDir);
        }
        return hadoopConf;
    }

    /** The same settings for lakesh's own Hadoop stores, without Hadoop's default resources. */
    synchronized Object hadoopClientConf() {
        if (hadoopClientConf == null) {
            hadoopClientConf = HadoopStores.clientConfiguration(config, hadoopConfDir);
        }
        return hadoopClientConf;
    }

    // --- file system view ---------------------------------------------------------------------

    public FileEntry stat(Location l) throws IOException {
        VirtualTree tree = l.isVirtual() ? tree(l.display()) : null;
        if (tree != null) {
            return tree.stat(l.display());
        }
        if (l.isVirtual()) {
            return new FileEntry(l.display(), Kind.MOUNT, 0, 0, 0, "-", "-", "dr-xr-xr-x", Instant.EPOCH);
        }
        FileEntry e = l.store().stat(l.storePath());
        return e.isDirectory() ? e.withKind(tables.kindOf(l)) : e;
    }

    /** Like {@link #stat} but a directory stays a directory: no look for table layouts (saves round trips). */
    public FileEntry statPlain(Location l) throws IOException {
        return l.isVirtual() ? stat(l) : l.store().stat(l.storePath());
    }

    public boolean exists(Location l) throws IOException {
        if (l.isVirtual() && tree(l.display()) != null) {
            try {
                stat(l);
                return true;
            } catch (FileNotFoundException | LakeshException e) {
                return false;
            }
        }
        return l.isVirtual() || l.store().exists(l.storePath());
    }

    /** Children of a directory, tables labelled by kind; a file lists as itself. */
    public List<FileEntry> list(Location l) throws IOException {
        VirtualTree tree = l.isVirtual() ? tree(l.display()) : null;
        if (tree != null) {
            return tree.list(l.display());
        }
        if (l.isVirtual()) {
            TreeSet<String> names = new TreeSet<>();
            String base = l.display().equals("/") ? "/" : l.display() + "/";
            if (base.equals("/")) {
                names.add(ICEBERG.substring(1));
                if (config.get("trino.url") != null) {
                    names.add(TRINO.substring(1)); // only where a coordinator is configured: else listing it can only fail
                }
            }
            for (String point : mounts.keySet()) {
                if (point.startsWith(base)) {
                    names.add(point.substring(base.length()).split("/")[0]);
                }
            }
            List<FileEntry> out = new ArrayList<>();
            for (String n : names) {
                // the catalog tree stays unloaded until someone looks inside it
                out.add(underTree(base + n)
                        ? new FileEntry(base + n, Kind.MOUNT, 0, 0, 0, "-", "-", "dr-xr-xr-x", Instant.EPOCH)
                        : stat(resolve(base + n)).withPath(base + n));
            }
            return out;
        }
        return tables.label(l, l.store().list(l.storePath()), l.store() != local);
    }

    /** `delta`, `iceberg` or a plain directory (see {@link TableDetector}). */
    public Kind tableKind(Location dir) throws IOException {
        return tables.kindOf(dir);
    }

    /**
     * A resource of this session (an engine, a client), created on first use and closed with the namespace,
     * so heavy parts load only when a command needs them.
     */
    public synchronized <T extends AutoCloseable> T resource(Class<T> type, java.util.function.Supplier<T> create) {
        return type.cast(resources.computeIfAbsent(type, k -> create.get()));
    }

    @Override
    public void close() {
        Thread ahead = this.ahead;
        if (ahead != null) {
            try {
                // a client still being opened would be left out of the closing below
                ahead.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            for (AutoCloseable r : resources.values()) {
                try {
                    r.close();
                } catch (Exception e) {
                    System.err.println("lakesh: closing " + r.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
            resources.clear();
        }
        tables.close();
        trees.values().forEach(VirtualTree::close);
        trees.clear();
        for (Store s : stores.values()) {
            try {
                s.close();
            } catch (IOException e) {
                // closing at exit: a client that fails to close has nothing left to lose
                System.err.println("lakesh: closing " + s.uri() + ": " + e.getMessage());
            }
        }
        stores.clear();
    }
}
