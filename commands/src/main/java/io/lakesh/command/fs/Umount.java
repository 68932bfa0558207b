package io.lakesh.command.fs;

import io.lakesh.command.LakeCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "umount", description = "Remove a mount that lakesh.conf defines.")
public class Umount extends LakeCommand {
    @Parameters(paramLabel = "POINT", description = "Mount point, e.g. /hdfs.")
    String point;

    @Override
    public Object call() throws Exception {
        ctx.namespace().unmount(point);
        return null;
    }
}
