package io.lakesh.command.fs;

import io.lakesh.command.PathCommand;
import io.lakesh.namespace.Location;
import io.lakesh.store.FileEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "mkdir", description = "Create directories.")
public class Mkdir extends PathCommand {
    @Option(names = "-p", description = "Create parent directories as needed; no error if the directory exists.")
    boolean parents;
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Directories to create.")
    List<String> paths;

    @Override
    protected List<String> paths() {
        return paths;
    }

    @Override
    protected boolean mustExist() {
        return false;
    }

    @Override
    protected void processPath(Location item, FileEntry entry) {
        if (!parents || !entry.isDirectory()) {
            throw fail("'" + item.display() + "': File exists");
        }
    }

    @Override
    protected void processMissing(Location item) throws Exception {
        if (item.isVirtual()) {
            throw fail("'" + item.display() + "': the namespace above the mounts is read-only; use 'mount'");
        }
        if (!parents) {
            String parent = item.storePath().substring(0, Math.max(1, item.storePath().lastIndexOf('/')));
            if (!item.store().exists(parent)) {
                throw fail("'" + item.display() + "': No such file or directory (the parent is missing; use -p)");
            }
        }
        item.store().mkdirs(item.storePath());
    }
}
