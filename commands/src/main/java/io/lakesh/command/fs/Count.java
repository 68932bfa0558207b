package io.lakesh.command.fs;

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

@Command(name = "count", description = "Count directories, files and bytes below each path.")
public class Count extends PathCommand {
    @Option(names = "-h", description = "Sizes as 12.4 MiB instead of bytes.")
    boolean human;
    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Paths or globs (default: the current directory).")
    List<String> paths = new ArrayList<>();

    private final Table table = Table.of("directories", "files", "size", "path");

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
        if (item.isVirtual()) {
            throw fail("'" + item.display() + "' is the namespace above the mounts; count a mounted path");
        }
        ContentSummary s = item.store().summary(item.storePath());
        table.add(s.directories(), s.files(), new Bytes(s.length()), item.display());
    }

    @Override
    protected Object finish() {
        return table;
    }
}
