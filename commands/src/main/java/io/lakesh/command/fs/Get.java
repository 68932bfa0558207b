package io.lakesh.command.fs;

import io.lakesh.namespace.Location;
import picocli.CommandLine.Command;

@Command(name = "get", description = "Copy files from the namespace to the local file system (target as in your OS shell).")
public class Get extends CopyCommand {
    @Override
    protected Location target(String arg) {
        return localPath(arg);
    }
}
