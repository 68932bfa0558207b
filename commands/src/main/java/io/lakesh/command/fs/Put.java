package io.lakesh.command.fs;

import io.lakesh.namespace.Location;
import picocli.CommandLine.Command;

import java.util.List;

@Command(name = "put", description = "Copy files from the local file system (paths as in your OS shell) into the namespace.")
public class Put extends CopyCommand {
    @Override
    protected List<Location> sources(String arg) throws Exception {
        return expand(localPath(arg).display());
    }
}
