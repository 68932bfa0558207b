package io.lakesh.command.session;

import io.lakesh.command.ExitRequest;
import io.lakesh.command.LakeCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "exit", aliases = "quit", description = "Leave lakesh (Ctrl-D does too).")
public class Exit extends LakeCommand {
    @Parameters(arity = "0..1", paramLabel = "STATUS", description = "Exit status (default 0).")
    int status;

    @Override
    public Object call() {
        throw new ExitRequest(status);
    }
}
