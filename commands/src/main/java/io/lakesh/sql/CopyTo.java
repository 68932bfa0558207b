package io.lakesh.sql;

import io.lakesh.LakeshException;
import io.lakesh.command.CommandContext;
import io.lakesh.namespace.Location;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * `copy (…) to '<namespace path>' (…)`: the target is a path of the namespace, not of the process. A local
 * target is written by DuckDB in place; a remote one (HDFS) is written to a local staging path first and
 * uploaded when DuckDB has finished, so a failed or cancelled copy leaves nothing at the target.
 */
final class CopyTo {
    private static final Pattern COPY = Pattern.compile("(?is)(copy\\s+.+?\\s+to\\s+)'((?:[^']|'')+)'(.*)");

    private CopyTo() {
    }

    /** Runs the statement if it is a COPY to a namespace path; null when it is not. */
    static SqlResult run(DuckEngine engine, String sql, CommandContext ctx) throws IOException {
        Matcher m = COPY.matcher(sql);
        if (!m.matches()) {
            return null;
        }
        String typed = m.group(2).replace("''", "'");
        Location target;
        try {
            target = ctx.namespace().resolve(typed);
        } catch (LakeshException notInNamespace) {
            return null; // a path of the process's own file system: DuckDB's business
        }
        if (target.isVirtual()) {
            throw new LakeshException("'" + typed + "' is not a file system path; copy to a path under a mount (e.g. /local/out.parquet)");
        }
        if (target.uri().startsWith("file:")) {
            Path parent = Path.of(target.storePath()).getParent();
            if (parent != null) {
                Files.createDirectories(parent); // as on HDFS, the target's directories come with it
            }
            return engine.run(m.group(1) + DuckTypes.literal(target.storePath()) + m.group(3), ctx);
        }
        if (target.store().exists(target.storePath())) {
            throw new LakeshException("'" + typed + "': File exists (remove it first)");
        }
        Path staging = ctx.namespace().home().dir().resolve("tmp").resolve("copy-" + UUID.randomUUID());
        Files.createDirectories(staging);
        try {
            Path out = staging.resolve(target.name());
            SqlResult r = engine.run(m.group(1) + DuckTypes.literal(out.toString()) + m.group(3), ctx);
            List<Path> files;
            try (Stream<Path> s = Files.walk(out)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : files) {
                io.lakesh.command.CancelledException.check();
                String rel = out.relativize(f).toString();
                String dest = rel.isEmpty() ? target.storePath() : target.storePath() + "/" + rel.replace('\\', '/');
                int slash = dest.lastIndexOf('/');
                if (slash > 0) {
                    target.store().mkdirs(dest.substring(0, slash));
                }
                try (InputStream in = Files.newInputStream(f); OutputStream o = target.store().create(dest, false)) {
                    in.transferTo(o);
                }
            }
            return r;
        } finally {
            try (Stream<Path> s = Files.walk(staging)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
