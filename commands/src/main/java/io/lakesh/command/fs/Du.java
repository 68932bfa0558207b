package io.lakesh.command.fs;

import io.lakesh.command.CancelledException;
import io.lakesh.command.PathCommand;
import io.lakesh.namespace.Location;
import io.lakesh.output.Bytes;
import io.lakesh.output.Table;
import io.lakesh.store.ContentSummary;
import io.lakesh.store.FileEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

@Command(name = "du", description = "Disk use: bytes, and bytes with all replicas, of each entry (or in total with -s).")
public class Du extends PathCommand {
    @Option(names = "-s", description = "One total per argument instead of one line per entry.")
    boolean summarize;
    @Option(names = "-h", description = "Sizes as 12.4 MiB instead of bytes.")
    boolean human;
    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Paths or globs (default: the current directory).")
    List<String> paths = new ArrayList<>();

    private final Table table = Table.of("size", "with_replicas", "path");

    @Override
    protected List<String> paths() {
        return paths.isEmpty() ? List.of(ctx.namespace().cwd()) : paths;
    }

    @Override
    protected boolean humanSizes() {
        return human;
    }

    @Override
    protected void processPath(Location item, FileEntry entry) throws Exception {
        if (summarize || !entry.isDirectory()) {
            add(item);
            return;
        }
        for (FileEntry child : ctx.namespace().list(item)) {
            CancelledException.check();
            add(item.isVirtual() ? ctx.namespace().resolve(child.path()) : item.descendant(child.path()));
        }
    }

    private void add(Location l) throws Exception {
        if (l.isVirtual()) {
            return;
        }
        ContentSummary s = l.store().summary(l.storePath());
        table.add(new Bytes(s.length()), new Bytes(s.spaceConsumed()), l.display());
    }

    @Override
    protected Object finish() {
        return table;
    }
}
