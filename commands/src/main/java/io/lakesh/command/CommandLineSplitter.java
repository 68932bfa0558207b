package io.lakesh.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits what the user typed into statements (separated by `;`) and words, with shell quoting:
 * '…' literal, "…" with backslash escapes, backslash outside quotes, `#` starting a comment.
 * One splitter serves `-c`, stdin, scripts and the interactive session (also for completion).
 */
public final class CommandLineSplitter {

    /** A word and where it stands in the input (end exclusive), for completion and highlighting. */
    public record Word(String text, int start, int end) {
    }

    /** The words of one statement. */
    public record Statement(List<Word> words) {
        public List<String> texts() {
            return words.stream().map(Word::text).toList();
        }
    }

    /** Thrown for an unclosed quote: the interactive session reads another line instead. */
    public static final class UnclosedQuoteException extends io.lakesh.UsageException {
        public UnclosedQuoteException(char quote) {
            super("unclosed " + quote + " quote");
        }
    }

    /** The command whose statement is SQL, not shell words. */
    static final String TRINO = "trino";

    private CommandLineSplitter() {
    }

    /** Whether the input ends inside a SQL statement that still needs its `;` (the session reads on). */
    public static boolean inOpenSql(String input) {
        int i = 0;
        int n = input.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(input.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return false;
            }
            if (io.lakesh.sql.SqlLexer.startsStatement(input, i)) {
                int end = io.lakesh.sql.SqlLexer.statementEnd(input, i);
                if (end < 0) {
                    return true;
                }
                i = end + 1;
                continue;
            }
            // a command: skip to the next `;` outside shell quotes
            int semicolon = nextSemicolon(input, i);
            if (semicolon < 0) {
                return false;
            }
            i = semicolon + 1;
        }
        return false;
    }

    private static int nextSemicolon(String input, int from) {
        char quote = 0;
        for (int i = from; i < input.length(); i++) {
            char c = input.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"') {
                    i++;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '\\') {
                i++;
            } else if (c == ';') {
                return i;
            }
        }
        return -1;
    }

    public static List<Statement> split(String input) {
        return split(input, false);
    }

    /** With {@code lenient}, an unclosed quote ends the last word instead of failing (for completion). */
    public static List<Statement> split(String input, boolean lenient) {
        List<Statement> statements = new ArrayList<>();
        List<Word> words = new ArrayList<>();
        StringBuilder word = null;
        int start = 0;
        int i = 0;
        int n = input.length();
        while (i < n) {
            char c = input.charAt(i);
            if (word == null && Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (word == null && words.isEmpty() && io.lakesh.sql.SqlLexer.startsStatement(input, i)) {
                // a SQL statement runs to its own `;` with SQL's quoting, and goes to the sql command whole
                int end = io.lakesh.sql.SqlLexer.statementEnd(input, i);
                int stop = end < 0 ? n : end;
                words.add(new Word("sql", i, i));
                words.add(new Word(input.substring(i, stop).strip(), i, stop));
                statements.add(new Statement(List.copyOf(words)));
                words.clear();
                i = end < 0 ? n : end + 1;
                continue;
            }
            if (word == null && words.size() == 1 && words.get(0).text().equals(TRINO) && c != '\'' && c != '"' && c != '-') {
                // `trino <statement>`: the statement runs to its `;` with SQL's quoting, as `select …;` does
                // (a quoted statement, `trino 'select …' --format csv`, is shell words as before)
                int end = io.lakesh.sql.SqlLexer.statementEnd(input, i);
                int stop = end < 0 ? n : end;
                words.add(new Word(input.substring(i, stop).strip(), i, stop));
                statements.add(new Statement(List.copyOf(words)));
                words.clear();
                i = end < 0 ? n : end + 1;
                continue;
            }
            if (word == null && c == '#') {
                while (i < n && input.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == ';' || (word != null && Character.isWhitespace(c))) {
                if (word != null) {
                    words.add(new Word(word.toString(), start, i));
                    word = null;
                }
                if (c == ';') {
                    if (!words.isEmpty()) {
                        statements.add(new Statement(List.copyOf(words)));
                    }
                    words.clear();
                }
                i++;
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
                start = i;
            }
            if (c == '\'' || c == '"') {
                int close = i + 1;
                StringBuilder quoted = new StringBuilder();
                while (close < n && input.charAt(close) != c) {
                    char q = input.charAt(close);
                    if (c == '"' && q == '\\' && close + 1 < n) {
                        q = input.charAt(++close);
                    }
                    quoted.append(q);
                    close++;
                }
                if (close >= n) {
                    if (!lenient) {
                        throw new UnclosedQuoteException(c);
                    }
                    word.append(quoted);
                    i = n;
                    continue;
                }
                word.append(quoted);
                i = close + 1;
                continue;
            }
            if (c == '\\' && i + 1 < n) {
                char next = input.charAt(i + 1);
                if (next == '\n') {
                    i += 2;
                    continue;
                }
                // keep the backslash before glob characters so that they match literally,
                // and in front of a word: `\format` is a meta-command as in psql
                if ("*?[]{}\\".indexOf(next) >= 0 || (word.length() == 0 && Character.isLetter(next))) {
                    word.append('\\');
                }
                word.append(next);
                i += 2;
                continue;
            }
            word.append(c);
            i++;
        }
        if (word != null) {
            words.add(new Word(word.toString(), start, n));
        }
        if (!words.isEmpty()) {
            statements.add(new Statement(List.copyOf(words)));
        }
        return statements;
    }
}
