package io.lakesh.shell;

import io.lakesh.command.CommandContext;
import io.lakesh.command.CommandRunner;
import io.lakesh.config.Config;
import io.lakesh.config.LakeshHome;
import io.lakesh.namespace.Namespace;
import io.lakesh.testing.TrinoServer;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Tab in Trino's SQL completes catalogs, schemas, tables and columns from a real Trino's metadata. */
class TrinoCompletionTest {
    @TempDir
    Path dir;
    Namespace ns;
    CommandRunner runner;

    @BeforeEach
    void namespace() {
        LakeshHome home = new LakeshHome(dir).ensureCreated();
        ns = new Namespace(home, new Config(home.config()));
        ns.config().set("trino.url", TrinoServer.shared().httpUrl());
    }

    @AfterEach
    void close() {
        ns.close();
    }

    private String type(String keys, boolean engineTrino) throws Exception {
        try (Terminal t = TerminalBuilder.builder().type("xterm").system(false)
                .streams(new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream())
                .build()) {
            CommandContext ctx = new CommandContext(ns, t.writer(), t.writer());
            if (engineTrino) {
                ctx.sqlEngine(CommandContext.SqlEngine.TRINO);
            }
            CommandRunner r = Scripting.install(new CommandRunner(ctx), List.of());
            LineReader reader = Session.reader(t, ns, r);
            reader.unsetOpt(LineReader.Option.AUTO_MENU);
            return reader.readLine("> ");
        }
    }

    @Test
    void tabCompletesCatalogSchemaAndTableAfterFrom() throws Exception {
        assertEquals("trino select * from tpch.tiny.nation ", type("trino select * from tp\tti\tnat\t\r", false));
    }

    @Test
    void afterEngineTrinoStatementsCompleteTrinoNamesAndColumns() throws Exception {
        // a statement at the prompt ends with `;` (else the reader waits for more lines)
        assertEquals("select * from tpch.tiny.region ;", type("select * from tpch.tiny.reg\t;\r", true));
        assertEquals("select * from tpch.tiny.region where regionkey ;", type("select * from tpch.tiny.region where regionk\t;\r", true));
    }
}
