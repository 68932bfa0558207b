package io.lakesh.command.fs;

import io.lakesh.command.LakeCommand;
import io.lakesh.command.Errors;
import io.lakesh.LakeshException;
import io.lakesh.namespace.Location;
import io.lakesh.store.FileEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;

@Command(name = "cd", description = "Change the current directory (default: ~, which is /local).")
public class Cd extends LakeCommand {
    @Parameters(paramLabel = "PATH", arity = "0..1", description = "Directory to go to.")
    String path;

    @Override
    public Object call() throws IOException {
        String arg = path == null ? "~" : path;
        var matches = expand(arg);
        if (matches.size() != 1) {
            throw new LakeshException("'" + arg + "' matches " + matches.size() + " paths; name one directory");
        }
        Location target = matches.get(0);
        FileEntry e;
        try {
            e = ctx.namespace().stat(target);
        } catch (IOException ex) {
            throw new LakeshException(Errors.message(ex, arg));
        }
        if (!e.isDirectory()) {
            throw new LakeshException("'" + arg + "': Not a directory");
        }
        ctx.namespace().cd(target);
        return null;
    }
}
