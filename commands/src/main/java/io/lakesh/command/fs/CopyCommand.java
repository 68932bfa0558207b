package io.lakesh.command.fs;

import io.lakesh.command.LakeCommand;
import io.lakesh.namespace.Location;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** cp, put, get and mv: sources and a target, copied by one {@link Copier}. */
abstract class CopyCommand extends LakeCommand {
    @Option(names = "-f", description = "Overwrite existing target files.")
    boolean overwrite;
    @Option(names = "-t", paramLabel = "THREADS", description = "Files copied in parallel (default: 8).")
    int threads = 8;
    @Parameters(paramLabel = "SOURCE... TARGET", arity = "2..*", description = "Sources (paths or globs), then the target.")
    List<String> args;

    /** How a source argument is named: namespace paths for cp, local file system paths for put. */
    protected List<Location> sources(String arg) throws Exception {
        return expand(arg);
    }

    protected Location target(String arg) {
        return ctx.namespace().resolve(arg);
    }

    /** A path of the local file system, relative to where lakesh was started, as a namespace location. */
    protected Location localPath(String arg) {
        return ctx.namespace().resolve("file://" + Path.of(arg).toAbsolutePath().normalize());
    }

    @Override
    public Object call() throws Exception {
        if (threads < 1) {
            throw new io.lakesh.UsageException("-t takes 1 or more threads");
        }
        List<Location> sources = new ArrayList<>();
        for (String a : args.subList(0, args.size() - 1)) {
            sources.addAll(sources(a));
        }
        Location target = target(args.get(args.size() - 1));
        Copier copier = new Copier(ctx.namespace(), overwrite);
        Copier.Plan plan = copier.plan(sources, target);
        copier.execute(plan, threads, ctx.progress(), name());
        return null;
    }
}
