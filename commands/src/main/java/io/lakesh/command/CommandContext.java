package io.lakesh.command;

import io.lakesh.namespace.Namespace;
import io.lakesh.output.OutputFormat;
import io.lakesh.output.PrintOptions;
import io.lakesh.output.Table;

import java.io.PrintWriter;
import java.util.function.Predicate;

/**
 * What a command runs against: the namespace, where to write, and how the caller wants things shown
 * and confirmed. Knows nothing of terminals: the shell fills it in, tests and scripts too.
 */
public final class CommandContext {
    private final Namespace namespace;
    private final PrintWriter out;
    private final PrintWriter err;
    private OutputFormat format = OutputFormat.TABLE;
    private PrintOptions printOptions = PrintOptions.defaults();
    private boolean interactive;
    private boolean debug;
    private boolean timing;
    private SqlEngine sqlEngine = SqlEngine.DUCKDB;
    private Predicate<String> confirm = question -> false;
    private Progress.Factory progress = Progress.NONE;
    private Pager pager;
    private ScriptHost scripts;

    public CommandContext(Namespace namespace, PrintWriter out, PrintWriter err) {
        this.namespace = namespace;
        this.out = out;
        this.err = err;
    }

    /** A context for calls from scripts: same namespace and settings, its own output, never asking. */
    public CommandContext forScript(PrintWriter scriptOut, PrintWriter scriptErr) {
        return new CommandContext(namespace, scriptOut, scriptErr)
                .format(format)
                .printOptions(printOptions)
                .sqlEngine(sqlEngine)
                .scripts(scripts)
                .debug(debug);
    }

    public Namespace namespace() {
        return namespace;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public OutputFormat format() {
        return format;
    }

    public CommandContext format(OutputFormat f) {
        this.format = f;
        return this;
    }

    public PrintOptions printOptions() {
        return printOptions;
    }

    public CommandContext printOptions(PrintOptions o) {
        this.printOptions = o;
        return this;
    }

    /** True when a person answers questions at a terminal; destructive commands then ask instead of refusing. */
    public boolean interactive() {
        return interactive;
    }

    public CommandContext interactive(boolean value, Predicate<String> askYesNo) {
        this.interactive = value;
        this.confirm = askYesNo;
        return this;
    }

    public boolean confirm(String question) {
        return interactive && confirm.test(question);
    }

    public boolean debug() {
        return debug;
    }

    public CommandContext debug(boolean value) {
        this.debug = value;
        return this;
    }

    /** Whether SQL statements report their time and what they read (`\timing`). */
    public boolean timing() {
        return timing;
    }

    public CommandContext timing(boolean value) {
        this.timing = value;
        return this;
    }

    /**
     * Which engine answers SQL statements typed at the prompt (`\engine`); `trino …` always goes to Trino, and
     * AUTO picks per query by the bytes it scans ({@link io.lakesh.sql.EngineChoice}).
     */
    public enum SqlEngine {
        DUCKDB, TRINO, AUTO
    }

    public SqlEngine sqlEngine() {
        return sqlEngine;
    }

    public CommandContext sqlEngine(SqlEngine engine) {
        this.sqlEngine = engine;
        return this;
    }

    public Progress.Factory progress() {
        return progress;
    }

    public CommandContext progress(Progress.Factory factory) {
        this.progress = factory;
        return this;
    }

    /** Where Groovy script files run (the shell sets it); null where no Groovy is loaded. */
    public ScriptHost scripts() {
        return scripts;
    }

    public CommandContext scripts(ScriptHost host) {
        this.scripts = host;
        return this;
    }

    /** Long results go through this pager when a person reads them (the shell sets it; scripts never). */
    public CommandContext pager(Pager p) {
        this.pager = p;
        return this;
    }

    /**
     * Prints a script's value: command results and lists of maps or records as a table in the session's
     * format, a map as one row, anything else as its text.
     */
    public void printValue(Object v) {
        if (v == null) {
            return;
        }
        if (v instanceof io.lakesh.output.Tabular t) {
            print(t.table(), format, false);
        } else if (v instanceof java.util.List<?> list && !list.isEmpty()
                && (list.get(0) instanceof java.util.Map || (list.get(0) != null && list.get(0).getClass().isRecord()))) {
            print(Table.fromItems(list), format, false);
        } else if (v instanceof java.util.Map<?, ?> map && !map.isEmpty()) {
            print(Table.fromItems(java.util.List.of(map)), format, false);
        } else {
            out.println(v);
        }
        out.flush();
    }

    public void print(Table table, OutputFormat f, boolean humanSizes) {
        PrintOptions options = printOptions.withHumanSizes(humanSizes);
        if (pager == null || table.rows().size() < pager.height()) {
            f.printer().print(table, out, options);
            return;
        }
        java.io.StringWriter text = new java.io.StringWriter();
        f.printer().print(table, new PrintWriter(text), options);
        if (!pager.page(text.toString())) {
            out.print(text);
            out.flush();
        }
    }
}
