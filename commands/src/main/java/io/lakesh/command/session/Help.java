package io.lakesh.command.session;

import io.lakesh.command.Commands;
import io.lakesh.command.LakeCommand;
import io.lakesh.output.Table;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "help", description = "List the commands, or show one command's options.")
public class Help extends LakeCommand {
    @Parameters(arity = "0..1", paramLabel = "COMMAND", description = "The command to explain.")
    String command;

    @Override
    public Object call() {
        if (command != null) {
            Class<? extends LakeCommand> type = Commands.find(command);
            if (type == null) {
                throw new io.lakesh.UsageException("no command '" + command + "'" + Commands.suggestion(command));
            }
            Commands.commandLine(Commands.instantiate(type)).usage(ctx.out(), CommandLine.Help.Ansi.OFF);
            return null;
        }
        Table t = Table.of("command", "description").withoutHeader();
        for (String[] c : Commands.summary()) {
            t.add(c[0], c[1]);
        }
        return t;
    }
}
