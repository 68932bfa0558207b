package io.lakesh.command.fs;

import io.lakesh.command.CancelledException;
import io.lakesh.command.PathCommand;
import io.lakesh.namespace.Location;
import io.lakesh.store.BlockLocation;
import io.lakesh.store.FileEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

@Command(name = "setrep", description = "Set the replication of files (of every file below a directory).")
public class Setrep extends PathCommand {
    @Option(names = "-w", description = "Wait until every block has the new number of replicas.")
    boolean await;
    @Parameters(index = "0", paramLabel = "REPLICATION", description = "Number of replicas, 1 or more.")
    short replication;
    @Parameters(index = "1..*", paramLabel = "PATH", arity = "1..*", description = "Files, directories or globs.")
    List<String> paths;

    private final List<Location> changed = new ArrayList<>();

    @Override
    protected List<String> paths() {
        if (replication < 1) {
            throw new io.lakesh.UsageException("replication must be 1 or more, not " + replication);
        }
        return paths;
    }

    @Override
    protected void processPath(Location item, FileEntry entry) throws Exception {
        if (item.isVirtual()) {
            throw fail("'" + item.display() + "' is the namespace above the mounts; name a path in a store");
        }
        if (entry.isDirectory()) {
            for (FileEntry child : item.store().list(item.storePath())) {
                processPath(item.descendant(child.path()), child);
            }
            return;
        }
        if (!item.store().setReplication(item.storePath(), replication)) {
            throw fail("'" + item.display() + "': " + item.store().uri() + " has no replication to set");
        }
        ctx.out().println("Replication " + replication + " set: " + item.display());
        changed.add(item);
    }

    @Override
    protected Object finish() throws Exception {
        if (await) {
            for (Location l : changed) {
                ctx.out().print("Waiting for " + l.display() + " ...");
                ctx.out().flush();
                while (!replicated(l)) {
                    CancelledException.check();
                    Thread.sleep(500);
                }
                ctx.out().println(" done");
            }
        }
        return null;
    }

    private boolean replicated(Location l) throws Exception {
        for (BlockLocation b : l.store().blocks(l.storePath())) {
            if (b.hosts().size() != replication) {
                return false;
            }
        }
        return true;
    }
}
