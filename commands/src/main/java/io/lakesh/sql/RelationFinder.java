package io.lakesh.sql;

import io.lakesh.sql.SqlLexer.Token;
import io.lakesh.sql.SqlLexer.Type;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the relations a statement reads — what follows FROM, JOIN and the commas of a FROM list — in the
 * forms lakesh resolves in its namespace: `orders`, `lake.sales.orders`, `'/hdfs/raw/*.parquet'`,
 * `/local/t`, each optionally `@version`. Table functions, subqueries and CTE names are left alone.
 */
final class RelationFinder {
    /** Words that end a relation: what follows it is not an alias the user gave. */
    private static final Set<String> NOT_ALIAS = Set.of("WHERE", "GROUP", "ORDER", "LIMIT", "HAVING", "WINDOW",
            "QUALIFY", "UNION", "EXCEPT", "INTERSECT", "ON", "USING", "JOIN", "LEFT", "RIGHT", "INNER", "OUTER",
            "FULL", "CROSS", "NATURAL", "POSITIONAL", "ASOF", "ANTI", "SEMI", "LATERAL", "PIVOT", "UNPIVOT",
            "TABLESAMPLE", "SAMPLE", "OFFSET", "FETCH", "RETURNING", "SELECT", "FROM", "VALUES", "SET",
            "WITH", "TO", "AS");
    /** Words that end a FROM list at its depth. */
    private static final Set<String> ENDS_FROM = Set.of("WHERE", "GROUP", "ORDER", "LIMIT", "HAVING", "WINDOW",
            "QUALIFY", "UNION", "EXCEPT", "INTERSECT", "ON", "USING", "SELECT", "OFFSET", "FETCH", "RETURNING");

    /**
     * One relation as typed: its span in the statement, the namespace path candidates it may mean, the
     * `@version` (or null), whether the user gave an alias, its default alias, and the paren depth.
     */
    record Relation(int start, int end, List<String> candidates, String version, boolean aliased, String alias,
                    int depth, boolean alone, String where) {
    }

    private final String sql;
    private final Set<String> cteNames = new HashSet<>();
    private final List<Relation> found = new ArrayList<>();

    private RelationFinder(String sql) {
        this.sql = sql;
    }

    static List<Relation> find(String sql) {
        RelationFinder f = new RelationFinder(sql);
        f.collectCteNames();
        f.scan();
        return f.found;
    }

    private void collectCteNames() {
        List<Token> t = SqlLexer.tokens(sql);
        for (int i = 0; i + 2 < t.size(); i++) {
            boolean name = t.get(i).type() == Type.WORD || t.get(i).type() == Type.QUOTED_ID;
            if (name && t.get(i + 1).is("AS") && (t.get(i + 2).is("(") || t.get(i + 2).is("MATERIALIZED") || t.get(i + 2).is("NOT"))) {
                cteNames.add(t.get(i).name().toLowerCase(Locale.ROOT));
            }
        }
    }

    private void scan() {
        int depth = 0;
        // per depth: whether commas there separate relations of a FROM list, and whether the paren is a
        // function call's (`extract(year FROM ts)`, `trim(both 'x' FROM s)`: no relation there)
        boolean[] inFrom = new boolean[256];
        boolean[] call = new boolean[256];
        int pos = 0;
        boolean expectRelation = false;
        Token previous = null;
        while (true) {
            if (expectRelation) {
                expectRelation = false;
                Relation r = relationAt(pos, depth);
                if (r != null) {
                    found.add(r);
                    pos = r.end();
                    previous = null;
                    continue;
                }
            }
            Token t = SqlLexer.next(sql, pos);
            if (t == null) {
                return;
            }
            pos = t.end();
            if (t.is("(")) {
                Token inside = SqlLexer.next(sql, pos);
                boolean query = inside != null && (inside.is("SELECT") || inside.is("WITH") || inside.is("FROM") || inside.is("VALUES"));
                depth = Math.min(depth + 1, inFrom.length - 1);
                inFrom[depth] = false;
                call[depth] = !query && previous != null && previous.type() == Type.WORD && !KEYWORDS_BEFORE_PAREN.contains(previous.upper());
            } else if (t.is(")")) {
                inFrom[depth] = false;
                depth = Math.max(depth - 1, 0);
            } else if ((t.is("FROM") || t.is("JOIN")) && !call[depth]) {
                inFrom[depth] = true;
                expectRelation = true;
            } else if (t.is(",") && inFrom[depth]) {
                expectRelation = true;
            } else if (t.type() == Type.WORD && ENDS_FROM.contains(t.upper())) {
                inFrom[depth] = false;
            }
            previous = t;
        }
    }

    private static final Set<String> KEYWORDS_BEFORE_PAREN = Set.of("FROM", "JOIN", "IN", "EXISTS", "AS", "ANY",
            "ALL", "SOME", "LATERAL", "ON", "WHERE", "AND", "OR", "NOT", "SELECT", "UNION", "EXCEPT", "INTERSECT",
            "USING", "MATERIALIZED", "VALUES", "INTO");

    /** The relation starting after {@code pos}, or null when what follows is not one lakesh resolves. */
    private Relation relationAt(int pos, int depth) {
        Token first = SqlLexer.next(sql, pos);
        if (first == null) {
            return null;
        }
        int start = first.start();
        List<String> candidates = new ArrayList<>();
        String alias;
        int end;
        String version = null;
        char c = sql.charAt(start);
        if (c == '/' || c == '~' || (c == '.' && (sql.startsWith("./", start) || sql.startsWith("../", start)))
                || sql.substring(start).matches("(?s)^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            // an unquoted path or URI runs to the next blank, comma, semicolon or closing paren
            end = start;
            while (end < sql.length() && !Character.isWhitespace(sql.charAt(end)) && ",;)".indexOf(sql.charAt(end)) < 0) {
                end++;
            }
            String path = sql.substring(start, end);
            io.lakesh.namespace.Versioned v = io.lakesh.namespace.Versioned.parse(path);
            candidates.add(v.path());
            version = v.version();
            alias = baseName(v.path());
        } else if (first.type() == Type.STRING) {
            io.lakesh.namespace.Versioned v = io.lakesh.namespace.Versioned.parse(first.value());
            candidates.add(v.path());
            version = v.version();
            end = first.end();
            alias = baseName(v.path());
        } else if (first.type() == Type.WORD || first.type() == Type.QUOTED_ID) {
            List<String> parts = new ArrayList<>();
            parts.add(first.name());
            end = first.end();
            while (true) {
                Token dot = SqlLexer.next(sql, end);
                if (dot == null || !dot.is(".") || dot.start() != end) {
                    break;
                }
                Token part = SqlLexer.next(sql, dot.end());
                if (part == null || part.start() != dot.end() || (part.type() != Type.WORD && part.type() != Type.QUOTED_ID)) {
                    break;
                }
                parts.add(part.name());
                end = part.end();
            }
            Token after = SqlLexer.next(sql, end);
            if (after != null && after.is("(") ) {
                return null; // a table function
            }
            if (parts.size() == 1 && (cteNames.contains(parts.get(0).toLowerCase(Locale.ROOT))
                    || NOT_ALIAS.contains(parts.get(0).toUpperCase(Locale.ROOT)) || parts.get(0).equalsIgnoreCase("lateral"))) {
                return null;
            }
            if (after != null && after.is("@") && after.start() == end) {
                Token v = SqlLexer.next(sql, after.end());
                if (v != null && v.type() == Type.STRING) {
                    version = v.value();
                    end = v.end();
                } else {
                    int e = after.end();
                    while (e < sql.length() && !Character.isWhitespace(sql.charAt(e)) && ",;)".indexOf(sql.charAt(e)) < 0) {
                        e++;
                    }
                    version = sql.substring(after.end(), e);
                    end = e;
                }
            }
            String joined = String.join("/", parts);
            candidates.add(joined);
            if (parts.size() > 1) {
                candidates.add(io.lakesh.namespace.Namespace.ICEBERG + "/" + joined);
                candidates.add(String.join(".", parts));
            }
            alias = parts.get(parts.size() - 1);
        } else {
            return null;
        }
        Token next = SqlLexer.next(sql, end);
        boolean aliased = next != null && (next.type() == Type.QUOTED_ID
                || (next.type() == Type.WORD && (next.is("AS") || !NOT_ALIAS.contains(next.upper()))));
        Scope scope = scope(end, depth);
        return new Relation(start, end, candidates, version, aliased, alias, depth, scope.alone, scope.where);
    }

    private record Scope(boolean alone, String where) {
    }

    /**
     * Whether the relation is the only one of its SELECT (no JOIN or comma follows it at its depth, and it
     * is not part of one either), and the text of its WHERE clause if so: its conjuncts may prune files.
     */
    private Scope scope(int from, int depth) {
        int d = depth;
        int pos = from;
        int whereStart = -1;
        while (true) {
            Token t = SqlLexer.next(sql, pos);
            if (t == null || (d == depth && t.is(";"))) {
                return new Scope(true, whereStart < 0 ? null : sql.substring(whereStart, t == null ? sql.length() : t.start()));
            }
            pos = t.end();
            if (t.is("(")) {
                d++;
            } else if (t.is(")")) {
                if (d == depth) {
                    return new Scope(true, whereStart < 0 ? null : sql.substring(whereStart, t.start()));
                }
                d--;
            } else if (d == depth) {
                if (whereStart < 0 && (t.is("JOIN") || t.is(",") || t.is("PIVOT") || t.is("UNPIVOT"))) {
                    return new Scope(false, null);
                }
                if (t.is("WHERE") && whereStart < 0) {
                    whereStart = t.end();
                } else if (whereStart >= 0 && t.type() == Type.WORD
                        && Set.of("GROUP", "ORDER", "LIMIT", "HAVING", "WINDOW", "QUALIFY", "UNION", "EXCEPT", "INTERSECT", "OFFSET").contains(t.upper())) {
                    return new Scope(true, sql.substring(whereStart, t.start()));
                } else if (whereStart < 0 && t.type() == Type.WORD && Set.of("UNION", "EXCEPT", "INTERSECT").contains(t.upper())) {
                    return new Scope(true, null);
                }
            }
        }
    }

    private static String baseName(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String name = p.substring(p.lastIndexOf('/') + 1);
        int dot = name.indexOf('.');
        name = dot > 0 ? name.substring(0, dot) : name;
        return name.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /**
     * The conjuncts of a WHERE clause (split on AND at its top level) that are a plain comparison of a column
     * with a literal: only those may prune files. A clause with OR, BETWEEN or CASE at its top level
     * gives none, since its ANDs may not be conjunctions.
     */
    static List<String> prunableConjuncts(String where) {
        List<String> out = new ArrayList<>();
        if (where == null) {
            return out;
        }
        List<List<Token>> parts = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int d = 0;
        for (Token t : SqlLexer.tokens(where)) {
            if (t.is("(")) {
                d++;
            } else if (t.is(")")) {
                d--;
            }
            if (d == 0 && (t.is("OR") || t.is("BETWEEN") || t.is("CASE") || t.is("NOT"))) {
                return List.of();
            }
            if (d == 0 && t.is("AND")) {
                parts.add(current);
                current = new ArrayList<>();
            } else {
                current.add(t);
            }
        }
        parts.add(current);
        for (List<Token> p : parts) {
            if (isColumnVersusLiteral(p)) {
                out.add(where.substring(p.get(0).start(), p.get(p.size() - 1).end()));
            }
        }
        return out;
    }

    private static boolean isColumnVersusLiteral(List<Token> p) {
        if (p.isEmpty() || p.get(0).type() != Type.WORD) {
            return false;
        }
        if (p.size() == 3 || p.size() == 4) {
            // col IS [NOT] NULL
            if (p.get(1).is("IS") && p.get(p.size() - 1).is("NULL") && (p.size() == 3 || p.get(2).is("NOT"))) {
                return true;
            }
        }
        int op = 1;
        StringBuilder symbol = new StringBuilder();
        while (op < p.size() && p.get(op).type() == Type.SYMBOL && "=<>!".contains(p.get(op).text())) {
            symbol.append(p.get(op).text());
            op++;
        }
        if (!Set.of("=", "==", "!=", "<>", "<", "<=", ">", ">=").contains(symbol.toString()) || op != p.size() - 1) {
            return false;
        }
        Token literal = p.get(op);
        return literal.type() == Type.STRING || literal.type() == Type.NUMBER
                || (literal.type() == Type.WORD && (literal.is("true") || literal.is("false")));
    }
}
