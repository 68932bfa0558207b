package io.lakesh.script;

import io.lakesh.command.CommandRunner;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lines of lakesh commands from a file or a pipe: `#` comments, `${1}` for the script's arguments and
 * `${NAME}` for environment variables, a quote left open continuing on the next line. Stops at the
 * first failing line unless told to keep going.
 */
public final class CommandScript {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    private final CommandRunner runner;
    private final List<String> args;
    private final Map<String, String> env;
    private final boolean keepGoing;

    public CommandScript(CommandRunner runner, List<String> args, Map<String, String> env, boolean keepGoing) {
        this.runner = runner;
        this.args = args;
        this.env = env;
        this.keepGoing = keepGoing;
    }

    public int run(BufferedReader in, String name) throws IOException {
        StringBuilder pending = new StringBuilder();
        int status = CommandRunner.OK;
        int lineNumber = 0;
        int startLine = 1;
        String line;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (pending.isEmpty()) {
                if (line.isBlank() || line.stripLeading().startsWith("#")) {
                    continue;
                }
                startLine = lineNumber;
            }
            pending.append(line);
            if (isIncomplete(pending.toString())) {
                pending.append('\n');
                continue;
            }
            int s = runOne(pending.toString(), name, startLine);
            pending.setLength(0);
            if (s != CommandRunner.OK) {
                status = s;
                if (!keepGoing) {
                    return s;
                }
            }
        }
        if (!pending.isEmpty()) {
            int s = runOne(pending.toString(), name, startLine);
            status = s != CommandRunner.OK ? s : status;
        }
        return status;
    }

    private boolean isIncomplete(String text) {
        if (runner.evaluatorFor(text) != null) {
            return CodeBlocks.isOpen(text);
        }
        return io.lakesh.shell.LineParser.isIncomplete(text);
    }

    private int runOne(String text, String name, int line) {
        String expanded;
        try {
            expanded = expand(text);
        } catch (IllegalArgumentException e) {
            runner.context().err().println(name + ":" + line + ": " + e.getMessage());
            return CommandRunner.USAGE;
        }
        return runner.runLine(expanded);
    }

    /** Replaces `${1}`… and `${NAME}`; an unknown variable is an error, not an empty string. */
    String expand(String text) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value;
            if (key.chars().allMatch(Character::isDigit)) {
                int i = Integer.parseInt(key);
                if (i < 1 || i > args.size()) {
                    throw new IllegalArgumentException("${" + key + "} is not set (the script got " + args.size() + " arguments)");
                }
                value = args.get(i - 1);
            } else {
                value = env.get(key);
                if (value == null) {
                    throw new IllegalArgumentException("${" + key + "} is not set (set the environment variable " + key + ")");
                }
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
