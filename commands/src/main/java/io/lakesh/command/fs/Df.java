package io.lakesh.command.fs;

import io.lakesh.command.PathCommand;
import io.lakesh.namespace.Location;
import io.lakesh.namespace.Mount;
import io.lakesh.output.Bytes;
import io.lakesh.output.Table;
import io.lakesh.store.FileEntry;
import io.lakesh.store.SpaceUsage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

@Command(name = "df", description = "Capacity, used and free space of the file systems (default: every mount).")
public class Df extends PathCommand {
    @Option(names = "-h", description = "Sizes as 12.4 MiB instead of bytes.")
    boolean human;
    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Paths whose file system to show.")
    List<String> paths = new ArrayList<>();

    private final Table table = Table.of("filesystem", "size", "used", "available", "use%", "path");

    @Override
    protected List<String> paths() {
        return paths.isEmpty() ? ctx.namespace().mounts().stream().map(Mount::point).toList() : paths;
    }

    @Override
    protected boolean humanSizes() {
        return human;
    }

    @Override
    protected void processPath(Location item, FileEntry entry) throws Exception {
        if (item.isVirtual()) {
            throw fail("'" + item.display() + "' is the namespace above the mounts; name a mounted path");
        }
        SpaceUsage u = item.store().usage(item.storePath());
        long percent = u.capacity() == 0 ? 0 : Math.round(100.0 * u.used() / u.capacity());
        table.add(u.filesystem(), new Bytes(u.capacity()), new Bytes(u.used()), new Bytes(u.remaining()),
                percent + "%", item.display());
    }

    @Override
    protected Object finish() {
        return table;
    }
}
