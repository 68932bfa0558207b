package io.lakesh.shell;

import io.lakesh.command.Commands;
import io.lakesh.command.LakeCommand;
import io.lakesh.namespace.Location;
import io.lakesh.namespace.Namespace;
import io.lakesh.output.OutputFormat;
import io.lakesh.store.FileEntry;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Completes command names, their options (from the picocli definitions, the same ones that parse and
 * print help) and paths read from the stores, with directory listings cached for a few seconds.
 */
final class NamespaceCompleter implements Completer {
    private static final long LISTING_TTL_MILLIS = 3000;

    private record Listing(long at, List<FileEntry> entries) {
    }

    private final Namespace ns;
    private final io.lakesh.command.CommandRunner runner;
    private final Map<String, CommandSpec> specs = new ConcurrentHashMap<>();
    private final Map<String, Listing> listings = new ConcurrentHashMap<>();

    NamespaceCompleter(Namespace ns, io.lakesh.command.CommandRunner runner) {
        this.ns = ns;
        this.runner = runner;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        String word = line.word();
        var code = runner.evaluatorFor(line.line());
        if (code != null && line.wordIndex() > 0) {
            codeNames(code.getValue(), candidates);
            return;
        }
        if (!words.isEmpty() && io.lakesh.sql.SqlLexer.startsStatement(words.get(0), 0) && line.wordIndex() > 0) {
            boolean trino = runner.context().sqlEngine() == io.lakesh.command.CommandContext.SqlEngine.TRINO;
            sql(words, line.wordIndex(), word, candidates, trino);
            return;
        }
        if (!words.isEmpty() && words.get(0).equals("trino") && line.wordIndex() > 1) {
            // `trino select …`: the statement after the command word, in Trino's names
            sql(words.subList(1, words.size()), line.wordIndex() - 1, word, candidates, true);
            return;
        }
        if (line.wordIndex() == 0) {
            for (Class<? extends LakeCommand> c : Commands.ALL) {
                String name = c.getAnnotation(CommandLine.Command.class).name();
                candidates.add(new Candidate(name, name, null, Commands.description(c), null, null, true));
            }
            return;
        }
        CommandSpec spec = spec(words.get(0));
        if (spec == null) {
            return;
        }
        String previous = words.get(line.wordIndex() - 1);
        OptionSpec takingValue = spec.findOption(previous);
        if (takingValue != null && takingValue.arity().max() > 0) {
            if (takingValue.paramLabel().equals("FILTER") || takingValue.paramLabel().equals("COLUMNS")) {
                // --where "…", --sort-by …: the columns of the table the command names
                tableArgument(spec, words).ifPresent(t -> columnCandidates(t, candidates));
                return;
            }
            valuesFor(takingValue.paramLabel(), word, candidates);
            return;
        }
        if (word.startsWith("-")) {
            for (OptionSpec o : spec.options()) {
                for (String n : o.names()) {
                    String d = o.description().length == 0 ? null : o.description()[0];
                    candidates.add(new Candidate(n, n, null, d, null, null, o.arity().max() == 0));
                }
            }
            return;
        }
        String label = positionalLabel(spec, words, line.wordIndex());
        if (label.equals("CHANGE")) {
            // alter table T <verb> column <name>…: verbs first, then the table's columns
            if (line.wordIndex() == 3) {
                for (String verb : List.of("add", "rename", "drop", "alter", "move", "set", "unset")) {
                    candidates.add(new Candidate(verb));
                }
            } else if (words.size() > 2) {
                columnCandidates(words.get(2), candidates);
            }
            return;
        }
        valuesFor(label, word, candidates);
    }

    /**
     * In SQL: after FROM or JOIN the namespace's tables and files; elsewhere keywords and the columns of the
     * tables the statement names.
     */
    private void sql(List<String> words, int index, String word, List<Candidate> candidates, boolean trino) {
        String previous = words.get(index - 1);
        if (previous.equalsIgnoreCase("from") || previous.equalsIgnoreCase("join") || previous.equalsIgnoreCase("into")) {
            if (trino) {
                trinoNames(word, candidates);
            } else {
                paths(word, candidates);
            }
            return;
        }
        for (String k : io.lakesh.sql.SqlLexer.KEYWORDS) {
            String typed = word.isEmpty() || Character.isLowerCase(word.charAt(0)) ? k.toLowerCase(Locale.ROOT) : k;
            candidates.add(new Candidate(typed, typed, null, null, null, null, true));
        }
        for (int i = 1; i < words.size() - 1; i++) {
            if (words.get(i - 1).equalsIgnoreCase("from") || words.get(i - 1).equalsIgnoreCase("join")) {
                for (String column : trino ? trinoColumns(words.get(i)) : columns(words.get(i))) {
                    candidates.add(new Candidate(column, column, null, "column of " + words.get(i), null, null, true));
                }
            }
        }
    }

    /** The first path argument of a command line (its table), if any. */
    private static java.util.Optional<String> tableArgument(CommandSpec spec, List<String> words) {
        for (int i = 1; i < words.size() - 1; i++) {
            String w = words.get(i);
            OptionSpec o = spec.findOption(w);
            if (o != null) {
                i += o.arity().max() > 0 ? 1 : 0;
            } else if (!w.startsWith("-") && !w.equalsIgnoreCase("table")) {
                return java.util.Optional.of(w);
            }
        }
        return java.util.Optional.empty();
    }

    private void columnCandidates(String table, List<Candidate> candidates) {
        for (String column : columns(table)) {
            candidates.add(new Candidate(column, column, null, "column", null, null, false));
        }
    }

    /** In Trino's SQL after FROM: `catalog.schema.table` names, one level at a time, from the /trino tree. */
    private void trinoNames(String word, List<Candidate> candidates) {
        int dot = word.lastIndexOf('.');
        String prefix = dot < 0 ? "" : word.substring(0, dot + 1);
        String dir = Namespace.TRINO + (prefix.isEmpty() ? "" : "/" + prefix.substring(0, prefix.length() - 1).replace('.', '/'));
        int depth = prefix.isEmpty() ? 0 : prefix.split("\\.").length;
        try {
            for (FileEntry e : ns.list(ns.resolve(dir))) {
                boolean table = depth == 2;
                candidates.add(new Candidate(prefix + e.name() + (table ? "" : "."), e.name(), null, null, null, null, table));
            }
        } catch (Exception e) {
            // no Trino configured, or a name Trino does not know: nothing to offer
        }
    }

    /** The columns of a Trino table named `catalog.schema.table` in a statement, or none. */
    private List<String> trinoColumns(String table) {
        String path = Namespace.TRINO + "/" + table.replaceAll(";$", "").replace('.', '/');
        return ns.tree(path) instanceof io.lakesh.trino.TrinoTree tree ? tree.columns(path) : List.of();
    }

    /** The columns of a table named in a statement (a path, or catalog.namespace.table), or none. */
    private List<String> columns(String table) {
        String name = table.replaceAll("^'|'$|;$", "");
        List<String> tries = name.contains("/") ? List.of(name) : List.of(name.replace('.', '/'), Namespace.ICEBERG + "/" + name.replace('.', '/'));
        for (String t : tries) {
            try {
                if (io.lakesh.delta.DeltaTables.isDelta(ns, t)) {
                    return io.lakesh.delta.DeltaTables.resolve(ns, t).snapshot().getSchema().fieldNames();
                }
                return io.lakesh.iceberg.IcebergTables.resolve(ns, t).schema().columns().stream().map(f -> f.name()).toList();
            } catch (Exception e) {
                // not a table under this reading of the name
            }
        }
        return List.of();
    }

    /** In Groovy and Java lines: the session's variables, and `lake.` with every command and API method. */
    private static void codeNames(io.lakesh.command.LineEvaluator evaluator, List<Candidate> candidates) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        names.add("lake");
        for (java.lang.reflect.Method m : io.lakesh.api.Lake.class.getMethods()) {
            if (m.getDeclaringClass() == io.lakesh.api.Lake.class
                    && !java.util.Set.of("methodMissing", "toString").contains(m.getName())) {
                names.add("lake." + m.getName() + "(");
            }
        }
        Commands.byName().keySet().stream().filter(n -> !n.startsWith("\\")).forEach(n -> names.add("lake." + n + "("));
        if (evaluator instanceof io.lakesh.script.GroovyLines g && g.started()) {
            g.evaluator().binding().getVariables().keySet().forEach(k -> names.add(String.valueOf(k)));
        }
        names.forEach(n -> candidates.add(new Candidate(n, n, null, null, null, null, false)));
    }

    /** The label of the positional parameter being typed (PATH, COMMAND, FORMAT, URI…). */
    private static String positionalLabel(CommandSpec spec, List<String> words, int index) {
        int position = 0;
        for (int i = 1; i < index; i++) {
            String w = words.get(i);
            OptionSpec o = spec.findOption(w);
            if (o != null) {
                i += o.arity().max() > 0 ? 1 : 0;
            } else if (!w.startsWith("-")) {
                position++;
            }
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.index().contains(position)) {
                return p.paramLabel();
            }
        }
        return "PATH";
    }

    private void valuesFor(String label, String word, List<Candidate> candidates) {
        switch (label) {
            case "COMMAND" -> Commands.byName().keySet().forEach(n -> candidates.add(new Candidate(n)));
            case "FORMAT" -> {
                for (OutputFormat f : OutputFormat.values()) {
                    candidates.add(new Candidate(f.name().toLowerCase(Locale.ROOT)));
                }
            }
            case "f|d" -> {
                candidates.add(new Candidate("f"));
                candidates.add(new Candidate("d"));
            }
            case "RECIPE" -> {
                try {
                    io.lakesh.init.Recipes.list(io.lakesh.init.Recipes.folder())
                            .forEach(r -> candidates.add(new Candidate(r.name(), r.name(), null, r.description(), null, null, true)));
                } catch (Exception e) {
                    // no recipe folder here: nothing to offer
                }
            }
            case "URI", "REPLICATION", "SECONDS", "STATUS", "LINES", "BYTES", "THREADS", "GLOB" -> {
                // free values: nothing to offer
            }
            default -> paths(word, candidates);
        }
    }

    private void paths(String word, List<Candidate> candidates) {
        int at = word.lastIndexOf('@');
        if (at > 0 && word.indexOf('/', at) < 0) {
            versions(word.substring(0, at), candidates);
            return;
        }
        int slash = word.lastIndexOf('/');
        String dirPart = slash < 0 ? "" : word.substring(0, slash + 1);
        List<FileEntry> entries;
        try {
            entries = list(dirPart.isEmpty() ? ns.cwd() : dirPart);
        } catch (Exception e) {
            return; // nothing to offer for a path that does not resolve
        }
        for (FileEntry e : entries) {
            String name = e.name();
            if (e.isDirectory()) {
                candidates.add(new Candidate(dirPart + name + "/", name + "/", null, null, null, null, false));
            } else {
                candidates.add(new Candidate(dirPart + name, name, null, null, null, null, true));
            }
        }
    }

    /** After `table@`: its snapshot ids (newest first, with their time) and its tags and branches; Delta: its versions. */
    private void versions(String table, List<Candidate> candidates) {
        try {
            if (io.lakesh.delta.DeltaTables.isDelta(ns, table)) {
                for (var c : io.lakesh.delta.DeltaHistory.commits(io.lakesh.delta.DeltaTables.resolve(ns, table), 100)) {
                    candidates.add(new Candidate(table + "@" + c.version(), Long.toString(c.version()), null,
                            c.time() + " " + c.operation(), null, null, true));
                }
                return;
            }
            var t = io.lakesh.iceberg.IcebergTables.resolve(ns, table).table();
            for (var s : t.snapshots()) {
                String when = java.time.Instant.ofEpochMilli(s.timestampMillis()).toString();
                candidates.add(new Candidate(table + "@" + s.snapshotId(), Long.toString(s.snapshotId()), null,
                        when + " " + s.operation(), null, null, true));
            }
            for (String ref : t.refs().keySet()) {
                candidates.add(new Candidate(table + "@" + ref, ref, null, "ref", null, null, true));
            }
        } catch (Exception e) {
            // not a table (or unreadable): nothing to offer after '@'
            candidates.clear();
        }
    }

    private List<FileEntry> list(String dir) throws Exception {
        Location l = ns.resolve(dir);
        String key = l.display();
        Listing cached = listings.get(key);
        long now = System.currentTimeMillis();
        if (cached != null && now - cached.at() < LISTING_TTL_MILLIS) {
            return cached.entries();
        }
        List<FileEntry> entries = new ArrayList<>(l.isVirtual() ? ns.list(l) : l.store().list(l.storePath()));
        listings.put(key, new Listing(now, entries));
        return entries;
    }

    private CommandSpec spec(String name) {
        Class<? extends LakeCommand> type = Commands.find(name);
        if (type == null) {
            return null;
        }
        return specs.computeIfAbsent(name, n -> Commands.commandLine(Commands.instantiate(type)).getCommandSpec());
    }
}
