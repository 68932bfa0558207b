package io.lakesh.trino;

import io.lakesh.LakeshException;
import io.lakesh.Names;
import io.lakesh.namespace.VirtualTree;
import io.lakesh.output.Table;
import io.lakesh.sql.TrinoEngine;
import io.lakesh.store.FileEntry;
import io.lakesh.store.Kind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * `/trino/<catalog>/<schema>/<table>`: what the Trino coordinator exposes, from its metadata. Listings are
 * cached (completion asks for them on every Tab) for a minute, and dropped at once when this session changes
 * Trino's tables or asks for a refresh.
 */
public final class TrinoTree implements VirtualTree {
    public static final String MOUNT = "/trino";
    static final long CACHE_MILLIS = 60_000;

    private final Supplier<TrinoEngine> engine;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(List<String> names, long readAt) {
    }

    public TrinoTree(Supplier<TrinoEngine> engine) {
        this.engine = engine;
    }

    static List<String> parts(String path) {
        String rest = path.equals(MOUNT) ? "" : path.substring(MOUNT.length() + 1);
        return rest.isEmpty() ? List.of() : Arrays.asList(rest.split("/"));
    }

    /** `"a"."b"`: Trino identifiers quoted, so names as listed always work. */
    public static String quoted(List<String> names) {
        return String.join(".", names.stream().map(n -> '"' + n.replace("\"", "\"\"") + '"').toList());
    }

    /** Names below a catalog path (catalogs, schemas or tables), from the cache when fresh. */
    private List<String> children(List<String> parts) {
        String key = String.join("/", parts);
        Cached c = cache.get(key);
        if (c != null && System.currentTimeMillis() - c.readAt() < CACHE_MILLIS) {
            return c.names();
        }
        String sql = switch (parts.size()) {
            case 0 -> "SHOW CATALOGS";
            case 1 -> "SHOW SCHEMAS FROM " + quoted(parts);
            case 2 -> "SHOW TABLES FROM " + quoted(parts);
            default -> throw new IllegalArgumentException("a Trino table has no children: " + key);
        };
        List<String> names = new ArrayList<>();
        for (List<Object> row : engine.get().query(sql).rows()) {
            names.add(String.valueOf(row.get(0)));
        }
        names.sort(null);
        cache.put(key, new Cached(List.copyOf(names), System.currentTimeMillis()));
        return names;
    }

    /** Forgets what was listed, so the next listing asks Trino again. */
    public void refresh() {
        cache.clear();
    }

    /** Checks each level of a path exists; a missing one names the closest Trino knows. */
    private List<String> existing(String path) {
        List<String> parts = parts(path);
        if (parts.size() > 3) {
            throw new LakeshException("'" + path + "': Trino paths are " + MOUNT + "/<catalog>/<schema>/<table>");
        }
        for (int i = 0; i < parts.size(); i++) {
            List<String> known = children(parts.subList(0, i));
            String name = parts.get(i);
            if (!known.contains(name)) {
                String what = switch (i) {
                    case 0 -> "catalog";
                    case 1 -> "schema";
                    default -> "table";
                };
                String closest = Names.closest(name, known);
                String hint = closest != null ? " (did you mean '" + closest + "'?)"
                        : known.isEmpty() ? "" : " (there: " + String.join(", ", known.subList(0, Math.min(8, known.size()))) + ")";
                throw new LakeshException("'" + path + "': Trino has no " + what + " '" + name + "'" + hint);
            }
        }
        return parts;
    }

    @Override
    public FileEntry stat(String path) {
        return entry(path, existing(path).size());
    }

    private static FileEntry entry(String path, int depth) {
        Kind kind = depth == 3 ? Kind.TABLE : depth <= 1 ? Kind.MOUNT : Kind.DIR;
        return new FileEntry(path, kind, 0, 0, 0, "-", "-", "dr-xr-xr-x", Instant.EPOCH);
    }

    @Override
    public List<FileEntry> list(String path) {
        List<String> parts = existing(path);
        if (parts.size() == 3) {
            return List.of(entry(path, 3));
        }
        String base = path.endsWith("/") ? path : path + "/";
        List<FileEntry> out = new ArrayList<>();
        for (String name : children(parts)) {
            out.add(entry(base + name, parts.size() + 1));
        }
        return out;
    }

    /** Whether a namespace path is a Trino table (`/trino/<catalog>/<schema>/<table>`). */
    public static boolean isTablePath(String path) {
        return path.startsWith(MOUNT + "/") && parts(path).size() == 3;
    }

    /** The columns of a table as Trino describes them: name, type, extra, comment. */
    public Table describe(String path) {
        List<String> parts = existing(path);
        if (parts.size() != 3) {
            throw new LakeshException("'" + path + "' is a Trino " + (parts.isEmpty() ? "catalog list" : parts.size() == 1 ? "catalog" : "schema")
                    + ", not a table");
        }
        Table described = engine.get().query("DESCRIBE " + quoted(parts));
        Table columns = Table.of("column", "type", "extra", "comment");
        for (List<Object> row : described.rows()) {
            columns.add(row.get(0), row.get(1), row.get(2), row.get(3));
        }
        return columns.nullText("");
    }

    /** The first rows of a table as Trino reads them; `where` is a SQL condition in Trino's dialect, or null. */
    public Table head(String path, int rows, String where) {
        List<String> parts = existing(path);
        return engine.get().query("SELECT * FROM " + quoted(parts) + (where == null ? "" : " WHERE " + where) + " LIMIT " + rows);
    }

    /** Column names of a table, for completion; none when the path is not a table Trino knows. */
    public List<String> columns(String path) {
        try {
            return describe(path).rows().stream().map(r -> String.valueOf(r.get(0))).toList();
        } catch (LakeshException e) {
            return List.of();
        }
    }
}
