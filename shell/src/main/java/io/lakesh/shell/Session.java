package io.lakesh.shell;

import io.lakesh.command.CommandContext;
import io.lakesh.command.CommandRunner;
import io.lakesh.command.ExitRequest;
import io.lakesh.namespace.Namespace;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * The interactive session: read a line, run it, repeat. Ctrl-C while a command runs interrupts that
 * command (the thread running it), never the session; Ctrl-C at the prompt clears the line; Ctrl-D leaves.
 */
final class Session {
    private final CommandRunner runner;

    Session(CommandRunner runner) {
        this.runner = runner;
    }

    int run() {
        try (Terminal terminal = TerminalBuilder.builder().system(true).name("lakesh").build()) {
            return loop(terminal);
        } catch (IOException e) {
            runner.context().err().println("lakesh: cannot open the terminal: " + e.getMessage());
            return CommandRunner.FAILED;
        }
    }

    static LineReader reader(Terminal terminal, Namespace ns, CommandRunner runner) {
        return LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("lakesh")
                .parser(new LineParser(line -> runner.evaluatorFor(line) != null))
                .completer(new NamespaceCompleter(ns, runner))
                .highlighter(new SyntaxHighlighter(line -> runner.evaluatorFor(line) != null))
                .variable(LineReader.HISTORY_FILE, ns.home().history())
                .variable(LineReader.HISTORY_SIZE, 10_000)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P -> ")
                .option(LineReader.Option.HISTORY_TIMESTAMPED, false)
                .option(LineReader.Option.AUTO_FRESH_LINE, true)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
    }

    private int loop(Terminal terminal) {
        CommandContext ctx = runner.context();
        PrintWriter terminalOut = terminal.writer();
        LineReader[] reader = new LineReader[1];
        CommandContext session = new CommandContext(ctx.namespace(), terminalOut, terminalOut)
                .format(ctx.format())
                .debug(ctx.debug())
                .interactive(true, question -> ask(reader[0], question))
                .progress(new TerminalProgress(terminal))
                .pager(new LessPager(terminal));
        CommandRunner interactive = Scripting.install(new CommandRunner(session), java.util.List.of());
        reader[0] = reader(terminal, ctx.namespace(), interactive);
        Thread commandThread = Thread.currentThread();
        int lastStatus = CommandRunner.OK;
        while (true) {
            String line;
            try {
                line = reader[0].readLine(prompt(ctx.namespace()));
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                return lastStatus;
            }
            session.printOptions(session.printOptions().withWidth(terminal.getWidth()));
            Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> commandThread.interrupt());
            try {
                lastStatus = interactive.runLine(line);
            } catch (ExitRequest e) {
                return e.status();
            } finally {
                terminal.handle(Terminal.Signal.INT, previous);
                Thread.interrupted();
                terminalOut.flush();
            }
        }
    }

    private static boolean ask(LineReader reader, String question) {
        try {
            String answer = reader.readLine(question + " [y/N] ");
            return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
        } catch (UserInterruptException | EndOfFileException e) {
            return false;
        }
    }

    static String prompt(Namespace ns) {
        return new AttributedStringBuilder()
                .styled(AttributedStyle.BOLD.foreground(AttributedStyle.CYAN), "lakesh")
                .append(":")
                .styled(AttributedStyle.DEFAULT.foreground(AttributedStyle.BLUE), ns.cwd())
                .append("> ")
                .toAnsi();
    }

    /** Loads the classes of the line reader for the start-up archive (see {@link Training}). */
    static void warmUp(CommandRunner runner) {
        try (Terminal t = TerminalBuilder.builder().dumb(true).streams(java.io.InputStream.nullInputStream(),
                java.io.OutputStream.nullOutputStream()).build()) {
            LineReader r = reader(t, runner.context().namespace(), runner);
            r.getHighlighter().highlight(r, "ls -l /local/x");
            r.getParser().parse("ls /lo", 6, org.jline.reader.Parser.ParseContext.COMPLETE);
            prompt(runner.context().namespace());
        } catch (IOException e) {
            runner.context().err().println("lakesh: warm-up: " + e.getMessage());
        }
    }
}
