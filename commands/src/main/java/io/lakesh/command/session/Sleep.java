package io.lakesh.command.session;

import io.lakesh.command.CancelledException;
import io.lakesh.command.LakeCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "sleep", description = "Wait a number of seconds (in scripts, e.g. between retries); Ctrl-C stops it.")
public class Sleep extends LakeCommand {
    @Parameters(paramLabel = "SECONDS", description = "Seconds to wait, e.g. 2 or 0.5.")
    double seconds;

    @Override
    public Object call() {
        if (seconds < 0) {
            throw new io.lakesh.UsageException("seconds must be 0 or more");
        }
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            throw new CancelledException();
        }
        return null;
    }
}
