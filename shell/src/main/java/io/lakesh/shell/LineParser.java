package io.lakesh.shell;

import io.lakesh.command.CommandLineSplitter;
import io.lakesh.command.CommandLineSplitter.Statement;
import io.lakesh.command.CommandLineSplitter.Word;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

import java.util.ArrayList;
import java.util.List;

/**
 * JLine's view of a line through lakesh's own {@link CommandLineSplitter}: an open quote or a trailing
 * backslash continues the input on the next line; completion sees the words of the statement under the cursor.
 */
public final class LineParser implements Parser {
    private final java.util.function.Predicate<String> isCode;

    /** {@code isCode} tells lines of Groovy or Java (`:g …`), which continue while a block is open. */
    LineParser(java.util.function.Predicate<String> isCode) {
        this.isCode = isCode;
    }

    public static boolean isIncomplete(String line) {
        if (line.endsWith("\\") && !line.endsWith("\\\\")) {
            return true;
        }
        try {
            CommandLineSplitter.split(line);
            // SQL runs to its `;`, over as many lines as it takes (as in Trino's CLI and psql)
            return CommandLineSplitter.inOpenSql(line);
        } catch (CommandLineSplitter.UnclosedQuoteException e) {
            return true;
        }
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        boolean code = isCode.test(line);
        if (context == ParseContext.ACCEPT_LINE && (code ? io.lakesh.script.CodeBlocks.isOpen(line) : isIncomplete(line))) {
            throw new EOFError(-1, cursor, "open quote", "quote");
        }
        String upToCursor = line.substring(0, Math.min(cursor, line.length()));
        List<Statement> statements = CommandLineSplitter.split(upToCursor, true);
        int statementStart = upToCursor.lastIndexOf(';') + 1;
        List<Word> words = new ArrayList<>();
        if (!statements.isEmpty()) {
            for (Word w : statements.get(statements.size() - 1).words()) {
                if (w.start() >= statementStart) {
                    words.add(w);
                }
            }
        }
        if (words.size() == 2 && words.get(0).text().equals("sql") && words.get(0).start() == words.get(0).end()) {
            words = sqlWords(upToCursor, words.get(1).start());
        } else if (words.size() == 2 && words.get(0).text().equals("trino") && "'\"".indexOf(upToCursor.charAt(words.get(1).start())) < 0) {
            // `trino <statement>`: the statement's words, after the command word
            List<Word> sql = new ArrayList<>(List.of(words.get(0)));
            sql.addAll(sqlWords(upToCursor, words.get(1).start()));
            words = sql;
        }
        boolean inWord = !words.isEmpty() && words.get(words.size() - 1).end() == upToCursor.length()
                && !upToCursor.isEmpty() && !Character.isWhitespace(upToCursor.charAt(upToCursor.length() - 1));
        if (!inWord) {
            words.add(new Word("", cursor, cursor));
        }
        return new Parsed(line, cursor, words);
    }

    /** A SQL statement's words for completion: split at blanks, commas and parentheses. */
    private static List<Word> sqlWords(String text, int from) {
        List<Word> out = new ArrayList<>();
        int i = from;
        while (i < text.length()) {
            while (i < text.length() && (Character.isWhitespace(text.charAt(i)) || ",()".indexOf(text.charAt(i)) >= 0)) {
                i++;
            }
            int start = i;
            while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && ",()".indexOf(text.charAt(i)) < 0) {
                i++;
            }
            if (i > start) {
                out.add(new Word(text.substring(start, i), start, i));
            }
        }
        return out;
    }

    /** The words of the statement up to the cursor, the last being the one being typed. */
    record Parsed(String line, int cursor, List<Word> wordList) implements CompletingParsedLine {
        @Override
        public String word() {
            return wordList.get(wordList.size() - 1).text();
        }

        @Override
        public int wordCursor() {
            return word().length();
        }

        @Override
        public int wordIndex() {
            return wordList.size() - 1;
        }

        @Override
        public List<String> words() {
            return wordList.stream().map(Word::text).toList();
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < candidate.length(); i++) {
                char c = candidate.charAt(i);
                if (" '\"\\;#".indexOf(c) >= 0) {
                    sb.append('\\');
                }
                sb.append(c);
            }
            return sb;
        }

        @Override
        public int rawWordCursor() {
            Word w = wordList.get(wordList.size() - 1);
            return cursor - w.start();
        }

        @Override
        public int rawWordLength() {
            return rawWordCursor();
        }
    }
}
