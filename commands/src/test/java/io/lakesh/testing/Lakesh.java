package io.lakesh.testing;

import io.lakesh.command.CommandContext;
import io.lakesh.command.CommandRunner;
import io.lakesh.config.Config;
import io.lakesh.config.LakeshHome;
import io.lakesh.namespace.Namespace;
import io.lakesh.output.PrintOptions;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;

/**
 * lakesh without a terminal, for tests: a fresh $LAKESH_HOME, a namespace, and a runner whose output
 * and errors are captured. {@link #transcript(String...)} runs lines and returns what a user would see.
 */
public final class Lakesh implements AutoCloseable {
    private final Path home;
    private final Namespace namespace;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CommandRunner runner;

    public Lakesh(Path home) {
        this.home = home;
        LakeshHome h = new LakeshHome(home).ensureCreated();
        this.namespace = new Namespace(h, new Config(h.config()));
        CommandContext ctx = new CommandContext(namespace, new PrintWriter(out, true), new PrintWriter(err, true))
                .printOptions(new PrintOptions(false, ZoneOffset.UTC, 0));
        this.runner = new CommandRunner(ctx);
    }

    public static Lakesh inTempHome() {
        try {
            return new Lakesh(Files.createTempDirectory("lakesh-home-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path home() {
        return home;
    }

    public Path warehouse() {
        return home.resolve("warehouse");
    }

    public Namespace namespace() {
        return namespace;
    }

    public CommandRunner runner() {
        return runner;
    }

    /** Runs one line; returns its exit status. */
    public int run(String line) {
        return runner.runLine(line);
    }

    /** Output (stdout) since the last call, then cleared. */
    public String out() {
        String s = out.toString();
        out.getBuffer().setLength(0);
        return s;
    }

    /** Errors (stderr) since the last call, then cleared. */
    public String err() {
        String s = err.toString();
        err.getBuffer().setLength(0);
        return s;
    }

    /**
     * Runs each line and returns the session as a user reads it: `> line`, then its output and errors,
     * and `[exit N]` after a line that failed.
     */
    public String transcript(String... lines) {
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            sb.append("> ").append(line).append('\n');
            int status = run(line);
            sb.append(out()).append(err());
            if (status != 0) {
                sb.append("[exit ").append(status).append("]\n");
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        namespace.close();
    }
}
