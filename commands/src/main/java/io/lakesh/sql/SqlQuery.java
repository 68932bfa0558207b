package io.lakesh.sql;

import io.lakesh.LakeshException;
import io.lakesh.iceberg.IcebergTables;
import io.lakesh.namespace.Location;
import io.lakesh.namespace.Namespace;
import io.lakesh.namespace.Versioned;
import io.lakesh.store.FileEntry;
import io.lakesh.store.Kind;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user's statement with the relations it names resolved in the namespace: each table or file becomes a
 * DuckDB view over exactly its data files; names the namespace does not know are left for DuckDB.
 */
final class SqlQuery {
    /** URI schemes the namespace reads; others (https:, s3:) are DuckDB's own business. */
    private static final Set<String> NAMESPACE_SCHEMES = Set.of("hdfs", "file", "viewfs", "webhdfs");
    private static final Pattern URI = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):.*");

    private final String original;
    private final String sql;
    private final List<String[]> replaced;
    private final Namespace ns;

    private SqlQuery(String original, String sql, List<String[]> replaced, Namespace ns) {
        this.original = original;
        this.sql = sql;
        this.replaced = replaced;
        this.ns = ns;
    }

    String sql() {
        return sql;
    }

    /** The same query's names and errors, another statement to run (the user's wrapped in a COPY, say). */
    SqlQuery with(String statement) {
        return new SqlQuery(original, statement, replaced, ns);
    }

    /** A statement lakesh made itself (over views it set up): nothing to resolve. */
    static SqlQuery plain(String sql, Namespace ns) {
        return new SqlQuery(sql, sql, List.of(), ns);
    }

    static SqlQuery rewrite(String sql, Namespace ns, QueryBuild build) throws IOException {
        List<RelationFinder.Relation> relations = RelationFinder.find(sql);
        StringBuilder out = new StringBuilder(sql);
        List<String[]> replaced = new ArrayList<>();
        for (int i = relations.size() - 1; i >= 0; i--) {
            RelationFinder.Relation r = relations.get(i);
            String select = relation(r, ns, build);
            if (select == null) {
                continue;
            }
            String view = build.tempName("rel");
            build.execute("CREATE VIEW " + view + " AS " + select);
            String replacement = view + (r.aliased() ? "" : " AS " + DuckTypes.quote(r.alias()));
            replaced.add(new String[] {replacement, sql.substring(r.start(), r.end())});
            out.replace(r.start(), r.end(), replacement);
        }
        return new SqlQuery(sql, out.toString(), replaced, ns);
    }

    /** The SELECT over the relation's data, or null when the namespace does not know the name. */
    private static String relation(RelationFinder.Relation r, Namespace ns, QueryBuild build) throws IOException {
        boolean typedAsPath = r.candidates().size() == 1 && !r.candidates().get(0).matches("[A-Za-z_][A-Za-z0-9_$]*");
        for (String candidate : r.candidates()) {
            Matcher scheme = URI.matcher(candidate);
            if (scheme.matches() && !NAMESPACE_SCHEMES.contains(scheme.group(1).toLowerCase(Locale.ROOT))) {
                return null;
            }
            List<Location> locations;
            try {
                locations = ns.expand(candidate);
            } catch (LakeshException e) {
                if (typedAsPath && candidate.contains("*")) {
                    throw e; // a glob in the namespace that matches nothing
                }
                continue; // not a namespace path (e.g. an OS path for DuckDB)
            }
            if (locations.size() > 1) {
                if (r.version() != null) {
                    throw new LakeshException("'" + candidate + "@" + r.version() + "': a version needs one table, not a pattern");
                }
                return FileRelation.build(build, ns, candidate, locations);
            }
            Location l = locations.get(0);
            FileEntry entry;
            try {
                entry = ns.stat(l);
            } catch (FileNotFoundException | LakeshException e) {
                if (typedAsPath && !l.isVirtual()) {
                    throw new LakeshException("'" + candidate + "': No such file or directory (" + l.display() + ")");
                }
                continue;
            }
            String versioned = new Versioned(l.display(), r.version()).toString();
            if (entry.kind() == Kind.ICEBERG) {
                IcebergTables.Ref ref = IcebergTables.resolve(ns, versioned);
                return IcebergRelation.build(build, ref, r.alone() ? RelationFinder.prunableConjuncts(r.where()) : List.of());
            }
            if (entry.kind() == Kind.DELTA) {
                return DeltaRelation.build(build, io.lakesh.delta.DeltaTables.resolve(ns, versioned),
                        r.alone() ? RelationFinder.prunableConjuncts(r.where()) : List.of());
            }
            if (l.isVirtual()) {
                if (!typedAsPath && r.candidates().indexOf(candidate) < r.candidates().size() - 1) {
                    continue;
                }
                throw new LakeshException("'" + candidate + "' is " + (entry.kind() == Kind.MOUNT ? "a namespace" : "not a table")
                        + ", not a table (see 'ls " + l.display() + "')");
            }
            if (r.version() != null) {
                throw new LakeshException("'" + candidate + "' is not a table; only tables take @version");
            }
            return FileRelation.build(build, ns, candidate, locations);
        }
        return null;
    }

    /** DuckDB's message about the rewritten statement, told in the user's own names. */
    String explainError(String message) {
        String m = message;
        for (String[] r : replaced) {
            m = m.replace(r[0], r[1]);
        }
        m = m.replaceAll("lakesh_rel_\\d+", "the table");
        Matcher catalog = Pattern.compile("Catalog \"([^\"]+)\" does not exist!?").matcher(m);
        if (catalog.find()) {
            // a dotted name the namespace did not find (lake.sales.ordrs): DuckDB took its first part for a catalog of its own
            Matcher dotted = Pattern.compile("(?<![\\w.])" + Pattern.quote(catalog.group(1)) + "\\.[\\w.]+").matcher(original);
            String name = dotted.find() ? dotted.group() : catalog.group(1);
            return "no table '" + name + "' in the namespace (catalog names are <catalog>.<namespace>.<table>; see 'ls /iceberg')";
        }
        Matcher missing = Pattern.compile("Table with name (\\S+) does not exist").matcher(m);
        if (missing.find()) {
            String name = missing.group(1).replace("\"", "");
            String closest = closestInCwd(name);
            m = m.replaceFirst("Catalog Error: ", "") + " (no table or file '" + name + "' in " + ns.cwd()
                    + (closest == null ? "" : "; did you mean '" + closest + "'?") + ")";
        }
        return m;
    }

    private String closestInCwd(String name) {
        try {
            List<String> names = ns.list(ns.resolve(ns.cwd())).stream().map(FileEntry::name).toList();
            return io.lakesh.Names.closest(name, names);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return original;
    }
}
