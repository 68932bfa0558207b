package io.lakesh.command.fs;

import io.lakesh.command.LakeCommand;
import io.lakesh.namespace.Location;
import io.lakesh.store.FileEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.FileNotFoundException;
import java.util.ArrayList;
import java.util.List;

@Command(name = "mv", description = "Move or rename; within a store a rename, across stores a copy then delete.")
public class Mv extends LakeCommand {
    @Parameters(paramLabel = "SOURCE... TARGET", arity = "2..*", description = "Sources (paths or globs), then the target.")
    List<String> args;

    @Override
    public Object call() throws Exception {
        List<Location> sources = new ArrayList<>();
        for (String a : args.subList(0, args.size() - 1)) {
            sources.addAll(expand(a));
        }
        Location target = ctx.namespace().resolve(args.get(args.size() - 1));
        FileEntry targetEntry;
        try {
            targetEntry = ctx.namespace().stat(target);
        } catch (FileNotFoundException e) {
            targetEntry = null;
        }
        boolean intoDirectory = targetEntry != null && targetEntry.isDirectory();
        if (sources.size() > 1 && !intoDirectory) {
            throw new io.lakesh.LakeshException("'" + target.display() + "': Not a directory (several sources need a target directory)");
        }
        if (targetEntry != null && !intoDirectory) {
            throw new io.lakesh.LakeshException("'" + target.display() + "': File exists");
        }
        List<Location> acrossStores = new ArrayList<>();
        for (Location s : sources) {
            if (s.isVirtual()) {
                throw new io.lakesh.LakeshException("'" + s.display() + "' is a mount point; use 'mount' to move it");
            }
            Location to = intoDirectory ? target.child(s.name()) : target;
            if (s.store() == to.store()) {
                s.store().rename(s.storePath(), to.storePath());
            } else {
                acrossStores.add(s);
            }
        }
        if (!acrossStores.isEmpty()) {
            Copier copier = new Copier(ctx.namespace(), false);
            copier.execute(copier.plan(acrossStores, target), 8, ctx.progress(), name());
            copier.deleteSources(acrossStores);
        }
        return null;
    }
}
