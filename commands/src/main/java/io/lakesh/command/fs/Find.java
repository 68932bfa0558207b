package io.lakesh.command.fs;

import io.lakesh.command.CancelledException;
import io.lakesh.command.PathCommand;
import io.lakesh.namespace.Glob;
import io.lakesh.namespace.Location;
import io.lakesh.output.Table;
import io.lakesh.store.FileEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Command(name = "find", description = "Find files below paths by name, type and size.")
public class Find extends PathCommand {
    private static final Pattern SIZE = Pattern.compile("([+-]?)(\\d+[kmgt]?i?b?)", Pattern.CASE_INSENSITIVE);

    @Option(names = "-name", paramLabel = "GLOB", description = "Name matches the glob, e.g. '*.parquet'.")
    String name;
    @Option(names = "-type", paramLabel = "f|d", description = "f: files only, d: directories only.")
    String type;
    @Option(names = "-size", paramLabel = "[+-]N[k|M|G]", description = "Size more (+) or less (-) than N, or exactly N.")
    String size;
    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Where to start (default: the current directory).")
    List<String> paths = new ArrayList<>();

    private final Table table = Table.of("path").withoutHeader();
    private Pattern namePattern;
    private int sizeSign;
    private long sizeBytes = -1;

    @Override
    protected List<String> paths() {
        namePattern = name == null ? null : Glob.compile(name);
        if (type != null && !type.equals("f") && !type.equals("d")) {
            throw new io.lakesh.UsageException("-type takes f (files) or d (directories), not '" + type + "'");
        }
        if (size != null) {
            Matcher m = SIZE.matcher(size);
            if (!m.matches()) {
                throw new io.lakesh.UsageException("-size takes [+-]N with an optional unit k, M, G or T (e.g. +128M), not '" + size + "'");
            }
            sizeSign = m.group(1).equals("+") ? 1 : m.group(1).equals("-") ? -1 : 0;
            sizeBytes = io.lakesh.output.Bytes.parse(m.group(2));
        }
        return paths.isEmpty() ? List.of(ctx.namespace().cwd()) : paths;
    }

    @Override
    protected void processPath(Location item, FileEntry entry) throws Exception {
        visit(item, entry);
    }

    private void visit(Location l, FileEntry e) throws Exception {
        CancelledException.check();
        if (matches(e, l.name())) {
            table.add(l.display());
        }
        if (e.isDirectory()) {
            for (FileEntry child : ctx.namespace().list(l)) {
                visit(l.isVirtual() ? ctx.namespace().resolve(child.path()) : l.descendant(child.path()), child);
            }
        }
    }

    private boolean matches(FileEntry e, String entryName) {
        if (type != null && (type.equals("f") == e.isDirectory())) {
            return false;
        }
        if (namePattern != null && !namePattern.matcher(entryName).matches()) {
            return false;
        }
        if (sizeBytes >= 0) {
            if (e.isDirectory()) {
                return false;
            }
            long s = e.length();
            return sizeSign > 0 ? s > sizeBytes : sizeSign < 0 ? s < sizeBytes : s == sizeBytes;
        }
        return true;
    }

    @Override
    protected Object finish() {
        return table;
    }
}
