package io.lakesh.command.fs;

import io.lakesh.command.PathCommand;
import io.lakesh.namespace.Location;
import io.lakesh.store.FileEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

@Command(name = "tail", description = "Print the last lines of files (reads only the end of each file).")
public class Tail extends PathCommand {
    @Option(names = "-n", paramLabel = "LINES", description = "Number of lines (default: 10).")
    int lines = 10;
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or globs.")
    List<String> paths;

    @Override
    protected List<String> paths() {
        if (lines < 0) {
            throw new io.lakesh.UsageException("-n takes a count of 0 or more");
        }
        return paths;
    }

    @Override
    protected void processPath(Location item, FileEntry entry) throws Exception {
        Cat.requireFile(item, entry);
        long length = entry.length();
        long window = 64 * 1024;
        while (true) {
            long start = Math.max(0, length - window);
            byte[] tail;
            try (InputStream in = item.store().open(item.storePath())) {
                in.skipNBytes(start);
                tail = in.readNBytes((int) (length - start));
            }
            int end = tail.length;
            if (end > 0 && tail[end - 1] == '\n') {
                end--;
            }
            int found = 0;
            int from = end;
            while (from > 0 && found < lines) {
                from--;
                if (tail[from] == '\n') {
                    found++;
                }
            }
            boolean enough = found == lines || start == 0;
            if (enough) {
                int begin = found == lines ? from + 1 : 0;
                if (lines > 0) {
                    ctx.out().write(new String(tail, begin, tail.length - begin, StandardCharsets.UTF_8));
                    if (tail.length > 0 && tail[tail.length - 1] != '\n') {
                        ctx.out().println();
                    }
                }
                ctx.out().flush();
                return;
            }
            window *= 4;
        }
    }
}
