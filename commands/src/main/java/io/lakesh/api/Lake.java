package io.lakesh.api;

import io.lakesh.LakeshException;
import io.lakesh.UsageException;
import io.lakesh.command.CommandContext;
import io.lakesh.command.CommandLineSplitter;
import io.lakesh.command.CommandRunner;
import io.lakesh.command.Errors;
import io.lakesh.command.ExitRequest;
import io.lakesh.namespace.Namespace;
import io.lakesh.output.Tabular;
import io.lakesh.store.FileEntry;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The lakesh commands as methods that return values, for Groovy scripts, JShell and tests:
 * {@code lake.ls('-R', '/hdfs/x')} gives entries, {@code lake.du('-s', '/local')} rows as maps,
 * {@code lake.cat('/local/a.txt')} the text. The same command classes as the shell, through
 * {@link CommandRunner#invoke}. A failure throws {@link LakeshException} with the command's one-line error.
 */
public final class Lake {
    private final CommandContext context;

    public Lake(CommandContext context) {
        this.context = context;
    }

    public Namespace namespace() {
        return context.namespace();
    }

    /** The session's context: its output, whether a person answers questions, where scripts run. */
    public CommandContext context() {
        return context;
    }

    /** Runs a command with arguments (each turned into one word, no globbing of quotes needed). */
    public Object run(String command, Object... args) {
        List<String> words = new ArrayList<>();
        words.add(command);
        for (Object a : args) {
            if (a instanceof Object[] array) {
                Arrays.stream(array).forEach(x -> words.add(String.valueOf(x)));
            } else if (a instanceof List<?> list) {
                list.forEach(x -> words.add(String.valueOf(x)));
            } else {
                words.add(String.valueOf(a));
            }
        }
        return call(words);
    }

    /** Runs one command line as typed at the prompt (`ls -l /hdfs`); with `;`, returns the last value. */
    public Object sh(String line) {
        Object last = null;
        for (CommandLineSplitter.Statement s : CommandLineSplitter.split(line)) {
            last = call(s.texts());
        }
        return last;
    }

    private Object call(List<String> words) {
        String name = words.get(0);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandContext call = context.forScript(new PrintWriter(out), new PrintWriter(err));
        CommandRunner.Outcome o;
        try {
            o = CommandRunner.invoke(words, call);
        } catch (LakeshException | ExitRequest e) {
            if (e instanceof UsageException u) {
                throw new UsageException(name + ": " + u.getMessage());
            }
            if (e instanceof LakeshException l) {
                throw new LakeshException(name + ": " + l.getMessage(), l);
            }
            throw e;
        } catch (Exception e) {
            throw new LakeshException(name + ": " + Errors.message(e, null), e);
        }
        if (o.command().failed()) {
            String first = err.toString().lines().findFirst().orElse(name + ": failed");
            throw new LakeshException(first);
        }
        Object result = o.result();
        if (result instanceof Tabular t) {
            return t.items();
        }
        if (result != null) {
            return result;
        }
        return out.toString().isEmpty() ? null : out.toString();
    }

    /** Groovy calls this for any command without a method of its own: {@code lake.setrep(2, '/hdfs/x')}. */
    public Object methodMissing(String name, Object args) {
        // a Groovy method name cannot hold '-': lake.expireSnapshots(…) runs expire-snapshots
        String command = io.lakesh.command.Commands.find(name) != null ? name
                : name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
        return run(command, args instanceof Object[] a ? a : new Object[] {args});
    }

    // The most used commands, typed, for Java callers and completion.

    @SuppressWarnings("unchecked")
    public List<FileEntry> ls(Object... args) {
        return (List<FileEntry>) run("ls", args);
    }

    public String pwd() {
        return (String) run("pwd");
    }

    public void cd(Object path) {
        run("cd", path);
    }

    public String cat(Object... paths) {
        return (String) run("cat", paths);
    }

    public void mkdir(Object... args) {
        run("mkdir", args);
    }

    public void cp(Object... args) {
        run("cp", args);
    }

    public void mv(Object... args) {
        run("mv", args);
    }

    /** Deletes; from scripts a directory needs '-r' and '--force', as in the shell without a terminal. */
    public void rm(Object... args) {
        run("rm", args);
    }

    @SuppressWarnings("unchecked")
    public List<java.util.Map<String, Object>> du(Object... args) {
        return (List<java.util.Map<String, Object>>) run("du", args);
    }

    /**
     * The `health` checks as {@link io.lakesh.health.CheckResult} records (component, target, check, status, value,
     * message); {@code io.lakesh.health.Status.worst(results).exitCode()} is the exit status `health` would give.
     */
    @SuppressWarnings("unchecked")
    public List<io.lakesh.health.CheckResult> health(Object... args) {
        return (List<io.lakesh.health.CheckResult>) run("health", args);
    }

    /** An Iceberg table (catalog path or path-based, `@ref` for a snapshot) as Iceberg's own Table API. */
    public org.apache.iceberg.Table table(Object path) {
        try {
            return io.lakesh.iceberg.IcebergTables.resolve(namespace(), String.valueOf(path)).table();
        } catch (java.io.IOException e) {
            throw new LakeshException("table: " + Errors.message(e, String.valueOf(path)), e);
        }
    }

    /** A Delta table's snapshot through delta-kernel, at `@version` or `@time` if given: `lake.delta('/hdfs/t@3').schema`. */
    public io.delta.kernel.Snapshot delta(Object path) {
        try {
            return io.lakesh.delta.DeltaTables.resolve(namespace(), String.valueOf(path)).snapshot();
        } catch (java.io.IOException e) {
            throw new LakeshException("delta: " + Errors.message(e, String.valueOf(path)), e);
        }
    }

    public boolean exists(Object path) {
        try {
            return namespace().exists(namespace().resolve(String.valueOf(path)));
        } catch (java.io.IOException e) {
            throw new LakeshException("exists: " + Errors.message(e, String.valueOf(path)), e);
        }
    }

    /** Prints a value the way the shell prints results: lists of maps or records as a table, in the session's format. */
    public void print(Object value) {
        context.printValue(value);
    }

    @Override
    public String toString() {
        return "lake (cwd " + namespace().cwd() + "; commands: lake.ls(), lake.du(), lake.sh('…'), … see 'help')";
    }
}
