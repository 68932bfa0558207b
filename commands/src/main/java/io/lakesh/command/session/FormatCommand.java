package io.lakesh.command.session;

import io.lakesh.command.LakeCommand;
import io.lakesh.output.OutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.Locale;

@Command(name = "\\format", description = "Show or set the session's output format: table, vertical, csv, tsv, json, markdown.")
public class FormatCommand extends LakeCommand {
    @Parameters(arity = "0..1", paramLabel = "FORMAT", description = "The new default format.")
    String newFormat;

    @Override
    public Object call() {
        if (newFormat != null) {
            ctx.format(OutputFormat.parse(newFormat));
        }
        return "format: " + ctx.format().name().toLowerCase(Locale.ROOT);
    }
}
