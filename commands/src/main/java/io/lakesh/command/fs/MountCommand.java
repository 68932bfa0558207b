package io.lakesh.command.fs;

import io.lakesh.command.LakeCommand;
import io.lakesh.namespace.Mount;
import io.lakesh.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "mount", description = "List mounts, or mount a store URI at a point (saved in lakesh.conf).")
public class MountCommand extends LakeCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "POINT", description = "Mount point, e.g. /hdfs.")
    String point;
    @Parameters(index = "1", arity = "0..1", paramLabel = "URI", description = "Store URI, e.g. hdfs://namenode:8020/.")
    String uri;

    @Override
    public Object call() throws Exception {
        if (point != null && uri == null) {
            throw new io.lakesh.UsageException("give both a mount point and a URI, e.g. mount /hdfs hdfs://namenode:8020/");
        }
        if (point != null) {
            ctx.namespace().mount(point, uri);
        }
        Table t = Table.of("point", "target", "origin");
        for (Mount m : ctx.namespace().mounts()) {
            t.add(m.point(), m.target().toString(), m.origin());
        }
        return t;
    }
}
