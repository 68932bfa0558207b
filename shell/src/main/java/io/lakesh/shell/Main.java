package io.lakesh.shell;

import io.lakesh.LakeshException;
import io.lakesh.command.CommandContext;
import io.lakesh.command.CommandRunner;
import io.lakesh.command.ExitRequest;
import io.lakesh.config.Config;
import io.lakesh.config.LakeshHome;
import io.lakesh.namespace.Namespace;
import io.lakesh.output.OutputFormat;
import io.lakesh.script.CommandScript;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * `lakesh` — the interactive session; `lakesh -c 'cmd; cmd'`; `lakesh -f file`; commands on stdin;
 * `lakesh <cmd> <args>` as a one-shot. Exit status: 0 ok, 1 a command failed, 2 usage error.
 */
public final class Main {
    static final String USAGE = """
            Usage: lakesh [--debug] [--format FORMAT] [-c 'COMMANDS' | -f FILE [ARGS...] | COMMAND [ARGS...]]
              (no arguments)   interactive session; commands are read from stdin when it is not a terminal
              -c COMMANDS      run commands separated by ';' and exit
              -f FILE ARGS     run a Groovy script (FILE.groovy, sees lake, args, out, err, env, sh)
                               or a command file (one command per line, '#' comments, ${1} and ${NAME})
              --keep-going     with -f or stdin: go on after a failing command line
              COMMAND ARGS     run one command, e.g. lakesh ls -l /local
              --format FORMAT  output format: table, vertical, csv, tsv, json, markdown
              --debug          print stack traces with errors
              --version        print the version
            Inside lakesh, 'help' lists the commands.""";

    private Main() {
    }

    public static void main(String[] args) {
        quietLogging();
        int status = run(args, LakeshHome.fromEnvironment(), System.in, System.out, System.err);
        System.exit(status);
    }

    /** Hadoop's client logs warnings meant for operators; a shell shows errors only. */
    private static void quietLogging() {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    }

    static int run(String[] args, LakeshHome lakeshHome, InputStream stdin, PrintStream stdout, PrintStream stderr) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        String commands = null;
        String file = null;
        String format = null;
        boolean debug = false;
        boolean train = false;
        boolean keepGoing = false;
        List<String> oneShot = new ArrayList<>();
        List<String> scriptArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!oneShot.isEmpty()) {
                oneShot.add(a);
                continue;
            }
            if (file != null) {
                scriptArgs.add(a);
                continue;
            }
            switch (a) {
                case "-c", "-f", "--format" -> {
                    if (i + 1 >= args.length) {
                        return usage(err, a + " needs a value");
                    }
                    String value = args[++i];
                    if (a.equals("-c")) {
                        commands = value;
                    } else if (a.equals("-f")) {
                        file = value;
                    } else {
                        format = value;
                    }
                }
                case "--debug" -> debug = true;
                case "--keep-going" -> keepGoing = true;
                case "--train" -> train = true;
                case "--help", "-h" -> {
                    out.println(USAGE);
                    out.flush();
                    return CommandRunner.OK;
                }
                case "--version", "-V" -> {
                    out.println("lakesh " + version());
                    out.flush();
                    return CommandRunner.OK;
                }
                default -> {
                    if (a.startsWith("-")) {
                        return usage(err, "unknown option '" + a + "'");
                    }
                    oneShot.add(a);
                }
            }
        }
        LakeshHome home;
        Namespace ns;
        try {
            home = lakeshHome.ensureCreated();
            ns = new Namespace(home, new Config(home.config()));
        } catch (RuntimeException e) {
            err.println("lakesh: " + e.getMessage());
            return CommandRunner.FAILED;
        }
        if (!train && (commands != null || !oneShot.isEmpty())) {
            ns.openAhead(commands != null ? commands : String.join(" ", oneShot));
        }
        try (ns) {
            CommandContext ctx = new CommandContext(ns, out, err).debug(debug);
            String sessionFormat = format != null ? format : ns.config().get("format");
            if (sessionFormat != null) {
                try {
                    ctx.format(OutputFormat.parse(sessionFormat));
                } catch (LakeshException e) {
                    return usage(err, e.getMessage());
                }
            }
            CommandRunner runner = Scripting.install(new CommandRunner(ctx), scriptArgs);
            try {
                if (train) {
                    return Training.run(runner, stdin);
                }
                if (commands != null) {
                    return runner.runLine(commands);
                }
                if (file != null) {
                    return runFile(runner, Path.of(file), scriptArgs, keepGoing);
                }
                if (!oneShot.isEmpty()) {
                    return runner.run(oneShot);
                }
                if (System.console() != null && stdin == System.in) {
                    return new Session(runner).run();
                }
                return new CommandScript(runner, scriptArgs, System.getenv(), keepGoing)
                        .run(new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)), "stdin");
            } catch (IOException e) {
                err.println("lakesh: reading commands: " + e.getMessage());
                return CommandRunner.FAILED;
            } catch (ExitRequest e) {
                return e.status();
            } finally {
                out.flush();
            }
        }
    }

    private static int runFile(CommandRunner runner, Path file, List<String> args, boolean keepGoing) {
        PrintWriter err = runner.context().err();
        if (!Files.isRegularFile(file)) {
            err.println("lakesh: '" + file + "': No such file");
            return CommandRunner.FAILED;
        }
        if (file.toString().endsWith(".groovy")) {
            return Scripting.runGroovy(runner, file);
        }
        try (BufferedReader r = Files.newBufferedReader(file)) {
            return new CommandScript(runner, args, System.getenv(), keepGoing).run(r, file.getFileName().toString());
        } catch (IOException e) {
            err.println("lakesh: '" + file + "': cannot read: " + e.getMessage());
            return CommandRunner.FAILED;
        }
    }

    private static int usage(PrintWriter err, String message) {
        err.println("lakesh: " + message + " (see 'lakesh --help')");
        return CommandRunner.USAGE;
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
