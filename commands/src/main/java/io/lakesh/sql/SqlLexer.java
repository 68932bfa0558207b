package io.lakesh.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tokens of a SQL statement as DuckDB reads them: words, "quoted identifiers", 'strings' ('' escapes),
 * numbers and symbols; comments and blanks are skipped. Positions let the rewriter replace exact spans.
 */
public final class SqlLexer {
    /** Words that start a SQL statement at the prompt: such a statement runs to its `;`, not to the line's end. */
    private static final java.util.Set<String> STATEMENT_STARTS = java.util.Set.of("SELECT", "WITH", "VALUES", "FROM",
            "EXPLAIN", "INSERT", "COPY", "SUMMARIZE", "PIVOT", "UNPIVOT", "SET", "RESET", "PRAGMA", "SHOW");

    public enum Type { WORD, QUOTED_ID, STRING, NUMBER, SYMBOL }

    public record Token(Type type, String text, int start, int end) {
        boolean is(String word) {
            return (type == Type.WORD && text.equalsIgnoreCase(word)) || (type == Type.SYMBOL && text.equals(word));
        }

        /** The identifier's name: quoted identifiers without quotes, words as typed. */
        String name() {
            return type == Type.QUOTED_ID ? text.substring(1, text.length() - 1).replace("\"\"", "\"") : text;
        }

        /** A string literal's value. */
        String value() {
            return text.substring(1, text.length() - 1).replace("''", "'");
        }

        public String upper() {
            return text.toUpperCase(Locale.ROOT);
        }
    }

    private SqlLexer() {
    }

    public static List<Token> tokens(String sql) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (true) {
            Token t = next(sql, i);
            if (t == null) {
                return out;
            }
            out.add(t);
            i = t.end();
        }
    }

    /** The token starting at or after {@code from}, or null at the end. */
    static Token next(String sql, int from) {
        int n = sql.length();
        int i = from;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else {
                break;
            }
        }
        if (i >= n) {
            return null;
        }
        char c = sql.charAt(i);
        int start = i;
        if (c == '\'' || c == '"') {
            i++;
            while (i < n) {
                if (sql.charAt(i) == c) {
                    if (i + 1 < n && sql.charAt(i + 1) == c) {
                        i += 2;
                        continue;
                    }
                    break;
                }
                i++;
            }
            int end = Math.min(i + 1, n);
            return new Token(c == '\'' ? Type.STRING : Type.QUOTED_ID, sql.substring(start, end), start, end);
        }
        if (Character.isLetter(c) || c == '_') {
            while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
                i++;
            }
            return new Token(Type.WORD, sql.substring(start, i), start, i);
        }
        if (Character.isDigit(c)) {
            while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.' || sql.charAt(i) == '_')) {
                i++;
            }
            return new Token(Type.NUMBER, sql.substring(start, i), start, i);
        }
        return new Token(Type.SYMBOL, String.valueOf(c), start, i + 1);
    }

    /** `create table <name> as <query>`: SQL (lakesh's own `create table` takes a column list). */
    private static final java.util.regex.Pattern CREATE_AS = java.util.regex.Pattern.compile(
            "(?is)\\s*create\\s+(or\\s+replace\\s+)?table\\s+(if\\s+not\\s+exists\\s+)?('[^']+'|\\S+)\\s+as[\\s(]");

    /** Keywords people type most, for completion and highlighting. */
    public static final List<String> KEYWORDS = List.of("SELECT", "FROM", "WHERE", "GROUP", "BY", "ORDER", "LIMIT", "HAVING",
            "JOIN", "LEFT", "RIGHT", "FULL", "INNER", "OUTER", "CROSS", "ON", "USING", "AS", "AND", "OR", "NOT", "IN", "IS",
            "NULL", "LIKE", "ILIKE", "BETWEEN", "CASE", "WHEN", "THEN", "ELSE", "END", "DISTINCT", "UNION", "ALL", "EXCEPT",
            "INTERSECT", "WITH", "VALUES", "INSERT", "INTO", "COPY", "TO", "EXPLAIN", "SUMMARIZE", "DESC", "ASC", "OFFSET",
            "COUNT", "SUM", "AVG", "MIN", "MAX", "CAST", "TRUE", "FALSE", "OVER", "PARTITION", "QUALIFY", "FILTER");

    /** Whether the text at {@code from} starts a SQL statement (`select …`, `with …`, `(select …`). */
    public static boolean startsStatement(String text, int from) {
        if (CREATE_AS.matcher(text).region(from, text.length()).lookingAt()) {
            return true;
        }
        Token t = next(text, from);
        while (t != null && t.is("(")) {
            t = next(text, t.end());
        }
        // the whole first word: `set-current` is a command, `set x = 1` is SQL
        boolean wholeWord = t != null && (t.end() == text.length() || Character.isWhitespace(text.charAt(t.end()))
                || "(;".indexOf(text.charAt(t.end())) >= 0);
        return wholeWord && t.type() == Type.WORD && STATEMENT_STARTS.contains(t.upper());
    }

    /** Where the SQL statement starting at {@code from} ends: the index of its `;` (outside quotes and comments), or -1. */
    public static int statementEnd(String text, int from) {
        int pos = from;
        while (true) {
            Token t = next(text, pos);
            if (t == null) {
                return -1;
            }
            if (t.is(";")) {
                return t.start();
            }
            pos = t.end();
        }
    }
}
