package io.lakesh.command.fs;

import io.lakesh.command.PathCommand;
import io.lakesh.namespace.Location;
import io.lakesh.output.Bytes;
import io.lakesh.output.OutputFormat;
import io.lakesh.output.Table;
import io.lakesh.store.FileEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "stat", description = "Show everything the store knows of a path (vertical by default).")
public class Stat extends PathCommand {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Paths or globs.")
    List<String> paths;

    private final Table table = Table.of("path", "kind", "size", "replication", "block_size", "owner", "group",
            "permission", "modified", "uri").nullText("-");

    @Override
    protected List<String> paths() {
        return paths;
    }

    @Override
    protected void processPath(Location item, FileEntry e) {
        String uri = item.uri();
        table.add(item.display(), e.kind().label(), new Bytes(e.length()), e.replication() == 0 ? null : e.replication(),
                e.blockSize() == 0 ? null : new Bytes(e.blockSize()), e.owner(), e.group(), e.permission(), e.modified(), uri);
    }

    @Override
    protected io.lakesh.output.OutputFormat outputFormat() {
        return format == null && ctx.format() == OutputFormat.TABLE ? OutputFormat.VERTICAL : super.outputFormat();
    }

    @Override
    protected Object finish() {
        return table;
    }
}
