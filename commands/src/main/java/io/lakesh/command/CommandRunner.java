package io.lakesh.command;

import io.lakesh.UsageException;
import picocli.CommandLine;

import java.util.List;

/**
 * Runs command lines: finds the command, parses its arguments with picocli, calls it, prints its result
 * and turns every failure into one line and an exit status (0 ok, 1 failed, 2 usage).
 */
public final class CommandRunner {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private final CommandContext ctx;
    private final java.util.Map<String, LineEvaluator> evaluators = new java.util.LinkedHashMap<>();

    public CommandRunner(CommandContext ctx) {
        this.ctx = ctx;
    }

    /** Lines starting with the prefix (`:g`, `groovy`) go to the evaluator whole, not split into commands. */
    public CommandRunner evaluator(String prefix, LineEvaluator evaluator) {
        evaluators.put(prefix, evaluator);
        return this;
    }

    /** The evaluator a line starts with, or null. */
    public java.util.Map.Entry<String, LineEvaluator> evaluatorFor(String line) {
        String trimmed = line.stripLeading();
        for (var e : evaluators.entrySet()) {
            String p = e.getKey();
            if (trimmed.equals(p) || trimmed.startsWith(p + " ") || trimmed.startsWith(p + "\n")) {
                return e;
            }
        }
        return null;
    }

    private int evaluate(java.util.Map.Entry<String, LineEvaluator> e, String line) {
        String code = line.stripLeading().substring(e.getKey().length());
        try {
            ctx.printValue(e.getValue().eval(code));
            return OK;
        } catch (ExitRequest exit) {
            throw exit;
        } catch (Exception ex) {
            Thread.interrupted();
            return report(e.getValue().name(), ex, FAILED);
        } finally {
            ctx.out().flush();
        }
    }

    public CommandContext context() {
        return ctx;
    }

    /** Runs every statement of a line; stops at the first that fails and returns its status. */
    public int runLine(String line) {
        var evaluator = evaluatorFor(line);
        if (evaluator != null) {
            return evaluate(evaluator, line);
        }
        List<CommandLineSplitter.Statement> statements;
        try {
            statements = CommandLineSplitter.split(line);
        } catch (UsageException e) {
            return report("lakesh", e, USAGE);
        }
        int status = OK;
        for (CommandLineSplitter.Statement s : statements) {
            status = run(s.texts());
            if (status != OK) {
                return status;
            }
        }
        return status;
    }

    /** A command that ran, and the value it returned. */
    public record Outcome(LakeCommand command, Object result) {
    }

    /**
     * Finds, parses and calls one command against a context. Failures come back as exceptions whose
     * message is the one line a user reads (without the command name in front). Both the printing
     * {@link #run} and the scripting API go through here.
     */
    public static Outcome invoke(List<String> words, CommandContext context) throws Exception {
        String name = words.get(0);
        Class<? extends LakeCommand> type = Commands.find(name);
        if (type == null) {
            throw new UsageException("command not found" + Commands.suggestion(name) + "; 'help' lists the commands");
        }
        LakeCommand command = Commands.instantiate(type);
        command.bind(context);
        CommandLine cl = Commands.commandLine(command);
        try {
            cl.parseArgs(words.subList(1, words.size()).toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(e.getMessage() + " (see '" + name + " --help')");
        }
        if (cl.isUsageHelpRequested()) {
            return new Outcome(command, cl.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing());
        }
        return new Outcome(command, command.call());
    }

    /** Runs one command given as words (the first is the command name), printing its result. */
    public int run(List<String> words) {
        if (words.isEmpty()) {
            return OK;
        }
        String name = words.get(0);
        try {
            Outcome o = invoke(words, ctx);
            o.command().render(o.result());
            if (o.command() instanceof MonitoringPlugin plugin) {
                return plugin.exitStatus();
            }
            return o.command().failed() ? FAILED : OK;
        } catch (ExitRequest e) {
            throw e;
        } catch (CancelledException e) {
            Thread.interrupted();
            return report(name, e, failureStatus(name, FAILED));
        } catch (UsageException e) {
            return report(name, e, failureStatus(name, USAGE));
        } catch (Exception e) {
            if (Thread.interrupted()) {
                return report(name, new CancelledException(), failureStatus(name, FAILED));
            }
            return report(name, e, failureStatus(name, FAILED));
        } finally {
            ctx.out().flush();
        }
    }

    /** A failure's status: the given one, or UNKNOWN for a {@link MonitoringPlugin}. */
    private static int failureStatus(String name, int status) {
        Class<? extends LakeCommand> type = Commands.find(name);
        return type != null && MonitoringPlugin.class.isAssignableFrom(type) ? MonitoringPlugin.UNKNOWN : status;
    }

    private int report(String name, Exception e, int status) {
        String message = Errors.message(e, null);
        ctx.err().println(name + ": " + message);
        if (ctx.debug()) {
            e.printStackTrace(ctx.err());
        }
        ctx.err().flush();
        return status;
    }
}
