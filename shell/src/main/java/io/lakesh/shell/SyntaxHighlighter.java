package io.lakesh.shell;

import io.lakesh.command.CommandLineSplitter;
import io.lakesh.command.Commands;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.util.regex.Pattern;

/** Colours as you type: known commands green, unknown red, options cyan, paths blue, quoted text yellow. */
final class SyntaxHighlighter implements Highlighter {
    private final java.util.function.Predicate<String> isCode;

    /** {@code isCode} tells Groovy and Java lines (`:g …`): their prefix shows as a command, the code plain. */
    SyntaxHighlighter(java.util.function.Predicate<String> isCode) {
        this.isCode = isCode;
    }

    private static final AttributedStyle COMMAND = AttributedStyle.BOLD.foreground(AttributedStyle.GREEN);
    private static final AttributedStyle UNKNOWN = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
    private static final AttributedStyle OPTION = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    private static final AttributedStyle PATH = AttributedStyle.DEFAULT.foreground(AttributedStyle.BLUE);
    private static final AttributedStyle QUOTED = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        AttributedStringBuilder sb = new AttributedStringBuilder();
        if (isCode.test(buffer)) {
            int start = buffer.length() - buffer.stripLeading().length();
            int end = buffer.indexOf(' ', start) < 0 ? buffer.length() : buffer.indexOf(' ', start);
            return sb.append(buffer.substring(0, start)).styled(COMMAND, buffer.substring(start, end))
                    .append(buffer.substring(end)).toAttributedString();
        }
        int pos = 0;
        for (CommandLineSplitter.Statement s : CommandLineSplitter.split(buffer, true)) {
            boolean first = true;
            if (s.words().size() == 2 && s.words().get(0).start() == s.words().get(0).end() && s.words().get(0).text().equals("sql")) {
                CommandLineSplitter.Word w = s.words().get(1);
                sb.append(buffer.substring(pos, w.start()));
                highlightSql(sb, buffer.substring(w.start(), Math.min(w.end(), buffer.length())));
                pos = Math.min(w.end(), buffer.length());
                continue;
            }
            for (CommandLineSplitter.Word w : s.words()) {
                sb.append(buffer.substring(pos, w.start()));
                String raw = buffer.substring(w.start(), Math.min(w.end(), buffer.length()));
                AttributedStyle style;
                if (first) {
                    style = Commands.find(w.text()) != null ? COMMAND : UNKNOWN;
                } else if (raw.startsWith("'") || raw.startsWith("\"")) {
                    style = QUOTED;
                } else if (raw.startsWith("-")) {
                    style = OPTION;
                } else if (raw.contains("/") || raw.startsWith("~")) {
                    style = PATH;
                } else {
                    style = AttributedStyle.DEFAULT;
                }
                sb.styled(style, raw);
                pos = Math.min(w.end(), buffer.length());
                first = false;
            }
        }
        sb.append(buffer.substring(pos));
        return sb.toAttributedString();
    }

    /** SQL: keywords as commands, strings as quoted text, the rest plain. */
    private static void highlightSql(AttributedStringBuilder sb, String sql) {
        int pos = 0;
        for (io.lakesh.sql.SqlLexer.Token t : io.lakesh.sql.SqlLexer.tokens(sql)) {
            sb.append(sql.substring(pos, t.start()));
            AttributedStyle style = t.type() == io.lakesh.sql.SqlLexer.Type.STRING ? QUOTED
                    : t.type() == io.lakesh.sql.SqlLexer.Type.WORD && io.lakesh.sql.SqlLexer.KEYWORDS.contains(t.upper()) ? COMMAND
                    : AttributedStyle.DEFAULT;
            sb.styled(style, t.text());
            pos = t.end();
        }
        sb.append(sql.substring(pos));
    }

    @Override
    public void setErrorPattern(Pattern errorPattern) {
    }

    @Override
    public void setErrorIndex(int errorIndex) {
    }
}
