package io.lakesh.command.fs;

import io.lakesh.command.LakeCommand;
import picocli.CommandLine.Command;

@Command(name = "pwd", description = "Print the current directory.")
public class Pwd extends LakeCommand {
    @Override
    public Object call() {
        return ctx.namespace().cwd();
    }
}
