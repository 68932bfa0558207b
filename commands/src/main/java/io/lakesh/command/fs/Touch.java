package io.lakesh.command.fs;

import io.lakesh.command.PathCommand;
import io.lakesh.namespace.Location;
import io.lakesh.store.FileEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.OutputStream;
import java.util.List;

@Command(name = "touch", description = "Create empty files, or set the modification time of existing ones to now.")
public class Touch extends PathCommand {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files to touch.")
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
    protected void processPath(Location item, FileEntry entry) throws Exception {
        if (item.isVirtual()) {
            throw fail("'" + item.display() + "': the namespace above the mounts is read-only");
        }
        item.store().setModified(item.storePath(), System.currentTimeMillis());
    }

    @Override
    protected void processMissing(Location item) throws Exception {
        String parent = item.storePath().substring(0, Math.max(1, item.storePath().lastIndexOf('/')));
        if (!item.store().exists(parent)) {
            throw fail("'" + item.display() + "': No such file or directory (create the parent with 'mkdir -p')");
        }
        try (OutputStream out = item.store().create(item.storePath(), false)) {
            out.flush();
        }
    }
}
