package io.lakesh.command.fs;

import io.lakesh.command.CancelledException;
import io.lakesh.command.PathCommand;
import io.lakesh.namespace.Location;
import io.lakesh.store.FileEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;

@Command(name = "cat", description = "Print files.")
public class Cat extends PathCommand {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or globs.")
    List<String> paths;

    @Override
    protected List<String> paths() {
        return paths;
    }

    @Override
    protected void processPath(Location item, FileEntry entry) throws Exception {
        requireFile(item, entry);
        try (InputStream in = item.store().open(item.storePath());
             Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            char[] buf = new char[65536];
            int n;
            while ((n = r.read(buf)) > 0) {
                CancelledException.check();
                ctx.out().write(buf, 0, n);
            }
        }
        ctx.out().flush();
    }

    static void requireFile(Location item, FileEntry entry) {
        if (entry.kind().isTable()) {
            throw fail("'" + item.display() + "' is a " + entry.kind().label()
                    + " table; its files are listed by 'ls " + item.display() + "'");
        }
        if (entry.isDirectory()) {
            throw fail("'" + item.display() + "': Is a directory");
        }
    }
}
