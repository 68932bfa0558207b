package io.lakesh.command.session;

import io.lakesh.command.LakeCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "\\timing", description = "Show after each SQL statement how long it took and what it read: \\timing on|off (no argument: toggle).")
public class TimingCommand extends LakeCommand {
    @Parameters(arity = "0..1", paramLabel = "on|off", description = "on or off.")
    String value;

    @Override
    public Object call() {
        boolean on = value == null ? !ctx.timing() : switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new io.lakesh.UsageException("\\timing takes on or off, not '" + value + "'");
        };
        ctx.timing(on);
        return "timing: " + (on ? "on" : "off");
    }
}
