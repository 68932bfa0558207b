package io.lakesh.sql;

import io.lakesh.LakeshException;
import io.lakesh.config.Config;
import io.lakesh.iceberg.IcebergTables;
import io.lakesh.namespace.Location;
import io.lakesh.namespace.Namespace;
import io.lakesh.namespace.Versioned;
import io.lakesh.output.Bytes;
import io.lakesh.store.FileEntry;
import io.lakesh.store.Kind;
import io.lakesh.trino.TrinoTree;
import org.apache.iceberg.FileScanTask;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * `\engine auto`: which engine answers a query, by the bytes the tables' metadata says it scans. Small
 * scans stay in embedded DuckDB (no round trip, no scheduling); scans of at least `engine.auto.trino-bytes`
 * go to Trino with the namespace's names turned into Trino's, where every relation has one (an Iceberg table
 * of a catalog Trino shares, or a `/trino` table).
 */
public final class EngineChoice {
    public static final String THRESHOLD_KEY = "engine.auto.trino-bytes";
    /** What a scan must reach to go to Trino unless lakesh.conf says otherwise (see BENCHMARKS.md, Trino). */
    public static final long DEFAULT_THRESHOLD = 1L << 30;
    /** lakesh.conf: which Trino catalog serves an Iceberg catalog of lakesh (default `iceberg` for PostgreSQL ones). */
    public static final String TRINO_CATALOG_SUFFIX = ".trino-catalog";

    /** The pick, the statement to run there (names rewritten for Trino), and the reason told to the user. */
    public record Choice(boolean trino, String sql, String reason) {
        public String line() {
            return "engine: " + (trino ? "trino" : "duckdb") + " (" + reason + ")";
        }
    }

    private EngineChoice() {
    }

    public static long threshold(Config config) {
        String v = config.get(THRESHOLD_KEY);
        if (v == null || v.isBlank()) {
            return DEFAULT_THRESHOLD;
        }
        try {
            return Bytes.parse(v.strip());
        } catch (io.lakesh.UsageException e) {
            throw new LakeshException(THRESHOLD_KEY + " = '" + v + "' in lakesh.conf is not a size (write e.g. 512MiB or 1GiB)");
        }
    }

    public static Choice choose(Namespace ns, String sql) throws IOException {
        String first = sql.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        if (!List.of("select", "with", "explain", "from", "table").contains(first)) {
            return new Choice(false, sql, "not a query: DuckDB writes through lakesh's own commit path");
        }
        long threshold = threshold(ns.config());
        long bytes = 0;
        boolean onTrinoOnly = false;
        String notForTrino = null;
        StringBuilder rewritten = new StringBuilder(sql);
        List<RelationFinder.Relation> relations = RelationFinder.find(sql);
        for (int i = relations.size() - 1; i >= 0; i--) {
            RelationFinder.Relation r = relations.get(i);
            Scan scan = scan(ns, r);
            if (scan == null) {
                notForTrino = notForTrino == null ? "'" + sql.substring(r.start(), r.end()) + "' is not a table lakesh knows" : notForTrino;
                continue;
            }
            bytes += scan.bytes();
            onTrinoOnly |= scan.trinoOnly();
            if (scan.trinoName() == null) {
                notForTrino = scan.whyNotTrino();
            } else {
                rewritten.replace(r.start(), r.end(), scan.trinoName() + (r.aliased() ? "" : " AS " + DuckTypes.quote(r.alias())));
            }
        }
        String scanned = new Bytes(bytes).human() + " to scan";
        if (onTrinoOnly) {
            return new Choice(true, rewritten.toString(), "a /trino table");
        }
        if (bytes < threshold) {
            return new Choice(false, sql, scanned + ", under " + THRESHOLD_KEY + " " + new Bytes(threshold).human());
        }
        if (notForTrino != null) {
            return new Choice(false, sql, scanned + ", but " + notForTrino);
        }
        return new Choice(true, rewritten.toString(), scanned + ", at least " + THRESHOLD_KEY + " " + new Bytes(threshold).human());
    }

    /** What a relation scans: bytes from metadata, and its Trino name (null with the reason where it has none). */
    private record Scan(long bytes, String trinoName, String whyNotTrino, boolean trinoOnly) {
    }

    private static Scan scan(Namespace ns, RelationFinder.Relation r) throws IOException {
        for (String candidate : r.candidates()) {
            List<Location> locations;
            try {
                locations = ns.expand(candidate);
            } catch (LakeshException e) {
                continue;
            }
            long bytes = 0;
            if (locations.size() == 1) {
                Location l = locations.get(0);
                FileEntry entry;
                try {
                    entry = ns.stat(l);
                } catch (FileNotFoundException | LakeshException e) {
                    continue;
                }
                String versioned = new Versioned(l.display(), r.version()).toString();
                if (entry.kind() == Kind.ICEBERG) {
                    return iceberg(ns, IcebergTables.resolve(ns, versioned), r);
                }
                if (entry.kind() == Kind.DELTA) {
                    var ref = io.lakesh.delta.DeltaTables.resolve(ns, versioned);
                    for (var f : io.lakesh.delta.DeltaFiles.list(ref)) {
                        bytes += f.size();
                    }
                    return new Scan(bytes, null, "Delta table " + l.display() + " has no Trino name here (register it and query it by that name)", false);
                }
                if (entry.kind() == Kind.TABLE && l.display().startsWith(TrinoTree.MOUNT + "/")) {
                    List<String> parts = List.of(l.display().substring(TrinoTree.MOUNT.length() + 1).split("/"));
                    return new Scan(0, TrinoTree.quoted(parts), null, true);
                }
                if (l.isVirtual()) {
                    continue;
                }
            }
            for (Location l : locations) {
                bytes += l.store().summary(l.storePath()).length();
            }
            return new Scan(bytes, null, "files such as " + candidate + " have no Trino table", false);
        }
        return null;
    }

    private static Scan iceberg(Namespace ns, IcebergTables.Ref ref, RelationFinder.Relation r) throws IOException {
        long bytes = 0;
        if (ref.snapshot() != null) {
            // the same plan the DuckDB path then uses, kept for it
            List<String> conjuncts = r.alone() ? RelationFinder.prunableConjuncts(r.where()) : List.of();
            for (FileScanTask t : DuckEngine.of(ns).plans().plan(ref, conjuncts).tasks()) {
                bytes += t.file().fileSizeInBytes() + t.deletes().stream().mapToLong(d -> d.fileSizeInBytes()).sum();
            }
        }
        // /iceberg/<catalog>/<namespace>/<table> is <trino catalog>.<namespace>.<table> where Trino shares the catalog
        List<String> parts = List.of(ref.path().split("/"));
        if (ref.pathBased() || parts.size() != 5 || !parts.get(1).equals("iceberg")) {
            return new Scan(bytes, null, ref.path() + " is not a one-level namespace table of a catalog Trino shares", false);
        }
        if (r.version() != null) {
            return new Scan(bytes, null, ref.path() + "@" + r.version() + " names a version (Trino's FOR VERSION AS OF is not written for you)", false);
        }
        String trinoCatalog = trinoCatalog(ns.config(), parts.get(2));
        if (trinoCatalog == null) {
            return new Scan(bytes, null, "catalog " + parts.get(2) + " is not shared with Trino (set catalog." + parts.get(2)
                    + TRINO_CATALOG_SUFFIX + " in lakesh.conf)", false);
        }
        return new Scan(bytes, TrinoTree.quoted(List.of(trinoCatalog, parts.get(3), parts.get(4))), null, false);
    }

    /** The Trino catalog serving lakesh's Iceberg catalog: configured, else `iceberg` for a PostgreSQL JDBC catalog. */
    static String trinoCatalog(Config config, String catalog) {
        String configured = config.get("catalog." + catalog + TRINO_CATALOG_SUFFIX);
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        return config.get("catalog." + catalog + ".uri", "").startsWith("jdbc:postgresql:") ? "iceberg" : null;
    }
}
