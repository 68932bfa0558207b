package io.lakesh.command;

import io.lakesh.namespace.Location;
import io.lakesh.output.OutputFormat;
import io.lakesh.output.Tabular;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.List;

/**
 * A lakesh command: picocli annotations on the subclass are the one source for parsing, help and
 * completion. {@link #call()} returns a value (a {@link Table} prints through the chosen format) or null.
 */
public abstract class LakeCommand {
    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    protected boolean helpRequested;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Output format: table, vertical, csv, tsv, json, markdown (default: the session's \\format).")
    protected String format;

    protected CommandContext ctx;
    private boolean failed;

    void bind(CommandContext context) {
        this.ctx = context;
    }

    /** The command's name as typed, for error lines (`ls: …`). */
    public String name() {
        return getClass().getAnnotation(picocli.CommandLine.Command.class).name();
    }

    public abstract Object call() throws Exception;

    /** The format this invocation prints in. */
    protected OutputFormat outputFormat() {
        return format == null ? ctx.format() : OutputFormat.parse(format);
    }

    /** Whether sizes print as `12.4 MiB` (commands with -h say so). */
    protected boolean humanSizes() {
        return false;
    }

    /** Prints a result: a table through the chosen format, anything else as its text. */
    public void render(Object result) {
        if (result instanceof Tabular t) {
            ctx.print(t.table(), outputFormat(), humanSizes());
        } else if (result != null) {
            ctx.out().println(result);
            ctx.out().flush();
        }
    }

    /** Some arguments failed and said so already: the command ends with status 1 after its output. */
    protected void markFailed() {
        failed = true;
    }

    public boolean failed() {
        return failed;
    }

    /** Expands one argument's globs; errors are the caller's to report. */
    protected List<Location> expand(String arg) throws IOException {
        return ctx.namespace().expand(arg);
    }
}
