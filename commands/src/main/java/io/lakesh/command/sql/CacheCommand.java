package io.lakesh.command.sql;

import io.lakesh.UsageException;
import io.lakesh.command.LakeCommand;
import io.lakesh.output.Bytes;
import io.lakesh.output.Table;
import io.lakesh.sql.DuckEngine;
import io.lakesh.sql.FileCache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cache", description = "The local cache of remote data files that SQL reads: stats, or clear it.")
public class CacheCommand extends LakeCommand {
    @Parameters(paramLabel = "stats|clear", arity = "0..1", description = "stats (default) or clear.")
    String action = "stats";
    @Option(names = "-h", description = "Sizes as 12.4 MiB instead of bytes.")
    boolean human;

    @Override
    protected boolean humanSizes() {
        return human;
    }

    @Override
    public Object call() throws Exception {
        FileCache cache = DuckEngine.of(ctx.namespace()).cache();
        return switch (action) {
            case "stats" -> {
                FileCache.Stats s = cache.stats();
                yield Table.of("files", "size", "limit", "directory").add(s.files(), new Bytes(s.bytes()), new Bytes(s.maxBytes()), s.dir().toString());
            }
            case "clear" -> "cache: removed " + cache.clear() + " files";
            default -> throw new UsageException("cache takes stats or clear, not '" + action + "'");
        };
    }
}
