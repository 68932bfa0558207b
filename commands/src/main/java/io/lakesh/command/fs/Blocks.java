package io.lakesh.command.fs;

import io.lakesh.command.PathCommand;
import io.lakesh.namespace.Location;
import io.lakesh.output.Bytes;
import io.lakesh.output.Table;
import io.lakesh.store.BlockLocation;
import io.lakesh.store.FileEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "blocks", description = "Blocks of files and the DataNodes that hold each replica.")
public class Blocks extends PathCommand {
    @Option(names = "-h", description = "Sizes as 12.4 MiB instead of bytes.")
    boolean human;
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or globs.")
    List<String> paths;

    private final Table table = Table.of("path", "block", "offset", "length", "replicas", "datanodes");

    @Override
    protected List<String> paths() {
        return paths;
    }

    @Override
    protected boolean humanSizes() {
        return human;
    }

    @Override
    protected void processPath(Location item, FileEntry entry) throws Exception {
        Cat.requireFile(item, entry);
        int i = 0;
        for (BlockLocation b : item.store().blocks(item.storePath())) {
            table.add(item.display(), i++, new Bytes(b.offset()), new Bytes(b.length()), b.hosts().size(),
                    String.join(",", b.hosts()));
        }
    }

    @Override
    protected Object finish() {
        return table;
    }
}
