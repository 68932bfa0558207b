package io.lakesh.command.session;

import io.lakesh.command.CommandContext.SqlEngine;
import io.lakesh.command.LakeCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.Locale;

@Command(name = "\\engine", description = "Which engine runs SQL statements typed at the prompt: \\engine duckdb|trino|auto (no argument: show it; "
        + "auto: Trino for scans of engine.auto.trino-bytes or more, default 1 GiB).")
public class EngineCommand extends LakeCommand {
    @Parameters(arity = "0..1", paramLabel = "duckdb|trino|auto",
            description = "duckdb (embedded, the default), trino (trino.url in lakesh.conf) or auto (by the bytes each query scans).")
    String value;

    @Override
    public Object call() {
        if (value != null) {
            try {
                ctx.sqlEngine(SqlEngine.valueOf(value.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new io.lakesh.UsageException("\\engine takes duckdb, trino or auto, not '" + value + "'");
            }
        }
        return "engine: " + ctx.sqlEngine().name().toLowerCase(Locale.ROOT);
    }
}
