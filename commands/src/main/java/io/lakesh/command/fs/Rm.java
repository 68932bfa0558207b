package io.lakesh.command.fs;

import io.lakesh.command.PathCommand;
import io.lakesh.namespace.Location;
import io.lakesh.namespace.Mount;
import io.lakesh.output.Bytes;
import io.lakesh.store.ContentSummary;
import io.lakesh.store.FileEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "rm", description = "Delete files; directories with -r after showing what they hold and asking.")
public class Rm extends PathCommand {
    @Option(names = "-r", description = "Delete directories and everything below them.")
    boolean recursive;
    @Option(names = {"-f", "--force"}, description = "Do not ask (needed for -r in scripts); no error if a path is missing.")
    boolean force;
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Paths or globs to delete.")
    List<String> paths;

    @Override
    protected List<String> paths() {
        return paths;
    }

    @Override
    protected boolean mustExist() {
        return !force;
    }

    @Override
    protected void processMissing(Location item) {
        // -f: a missing path is fine, as with rm -f
    }

    @Override
    protected void processPath(Location item, FileEntry entry) throws Exception {
        for (Mount m : ctx.namespace().mounts()) {
            if (item.isVirtual() || item.display().equals(m.point())) {
                throw fail("'" + item.display() + "' is a mount point; delete what is inside it, or 'umount' it");
            }
        }
        if (entry.isDirectory()) {
            if (!recursive) {
                throw fail("'" + item.display() + "': Is a directory (use -r to delete it and everything in it)");
            }
            ContentSummary s = item.store().summary(item.storePath());
            String what = "'" + item.display() + "'" + (entry.kind().isTable() ? " (" + entry.kind().label() + " table)" : "")
                    + ": " + (s.directories() - 1) + " directories, " + s.files() + " files, " + new Bytes(s.length()).human();
            if (!force) {
                if (!ctx.interactive()) {
                    throw fail("would delete " + what + "; add --force to delete without asking");
                }
                if (!ctx.confirm("rm: delete " + what + "?")) {
                    ctx.err().println("rm: kept '" + item.display() + "'");
                    return;
                }
            }
        }
        item.store().delete(item.storePath(), recursive);
    }
}
