package io.lakesh.command.sql;

import picocli.CommandLine.Command;

/** `trino select …`: one statement on the Trino coordinator of `trino.url`, whatever `\engine` says. */
@Command(name = "trino", description = "Run a SQL statement on Trino (trino.url in lakesh.conf); Ctrl-C cancels it on the server.")
public class TrinoCommand extends SqlCommand {
    @Override
    public Object call() throws Exception {
        return onTrino(statement());
    }
}
