package io.lakesh.command.session;

import io.lakesh.command.CommandContext.SqlEngine;
import io.lakesh.command.LakeCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.Locale;

@Command(name = "\\engine", description = "Which engine runs SQL statements typed at the prompt: \\engine duckdb|trino (no argument: show it).")
public class EngineCommand extends LakeCommand {
    @Parameters(arity = "0..1", paramLabel = "duckdb|trino", description = "duckdb (embedded, the default) or trino (trino.url in lakesh.conf).")
    String value;

    @Override
    public Object call() {
        if (value != null) {
            try {
                ctx.sqlEngine(SqlEngine.valueOf(value.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new io.lakesh.UsageException("\\engine takes duckdb or trino, not '" + value + "'");
            }
        }
        return "engine: " + ctx.sqlEngine().name().toLowerCase(Locale.ROOT);
    }
}
