package io.lakesh.shell;

import io.lakesh.command.CommandContext;
import io.lakesh.command.CommandRunner;
import io.lakesh.config.Config;
import io.lakesh.config.LakeshHome;
import io.lakesh.namespace.Namespace;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session's line reader on a virtual terminal: keys in, the accepted line out. */
class LineReaderTest {
    @TempDir
    Path dir;
    Namespace ns;

    @BeforeEach
    void namespace() throws Exception {
        LakeshHome home = new LakeshHome(dir).ensureCreated();
        Files.createDirectories(home.warehouse().resolve("sales/2026"));
        Files.writeString(home.warehouse().resolve("sales/readme.txt"), "x");
        ns = new Namespace(home, new Config(home.config()));
    }

    @AfterEach
    void close() {
        ns.close();
    }

    private String type(String keys) throws Exception {
        try (Terminal t = TerminalBuilder.builder().type("xterm").system(false)
                .streams(new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream())
                .build()) {
            CommandRunner runner = Scripting.install(new CommandRunner(new CommandContext(ns, t.writer(), t.writer())), List.of());
            LineReader reader = Session.reader(t, ns, runner);
            reader.unsetOpt(LineReader.Option.AUTO_MENU);
            return reader.readLine("> ");
        }
    }

    @Test
    void sqlRunsToItsSemicolonOverSeveralLines() throws Exception {
        assertEquals("select 1\n  , 2;", type("select 1\r  , 2;\r"));
        assertEquals("ls; select 'a;b'\n;", type("ls; select 'a;b'\r;\r"), "a ; inside a string does not end it");
    }

    @Test
    void tabCompletesTablesAfterFromAndKeywordsInSql() throws Exception {
        assertEquals("select * from /local/sales/\n;", type("select * from /local/sa\t\r;\r"));
        assertEquals("select count(*) from sales group \n;", type("select count(*) from sales gro\t\r;\r"),
                "group, from the SQL keywords; the statement goes on to its ;");
    }

    @Test
    void tabCompletesColumnsOfTheTableInWhereAndAlter() throws Exception {
        CommandRunner setup = new CommandRunner(new CommandContext(ns, new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(java.io.Writer.nullWriter())));
        assertEquals(0, setup.runLine("create table /iceberg/lake/s/t (id bigint, region string)"));
        assertEquals("count /iceberg/lake/s/t --where region", type("count /iceberg/lake/s/t --where reg\t\r"));
        assertEquals("alter table /iceberg/lake/s/t rename column region", type("alter table /iceberg/lake/s/t rename column re\t\r"));
        assertEquals("select id from lake.s.t where region \n;", type("select id from lake.s.t where regi\t\r;\r"),
                "in SQL, the columns of the tables after FROM");
    }

    @Test
    void tabCompletesCommandNames() throws Exception {
        assertEquals("mkdir ", type("mkd\t\r"));
    }

    @Test
    void tabCompletesPathsFromTheStore() throws Exception {
        assertEquals("ls /local/sales/", type("ls /lo\tsa\t\r"));
        assertEquals("cat /local/sales/readme.txt ", type("cat /local/sales/r\t\r"));
    }

    @Test
    void tabCompletesRelativePathsFromTheCurrentDirectory() throws Exception {
        assertEquals("cd sales/2026/", type("cd sa\t2\t\r"));
    }

    @Test
    void tabCompletesRecipeNamesAfterInit() throws Exception {
        assertEquals("init warehouse ", type("init war\t\r"));
        assertEquals("init setup --plan", type("init set\t--pl\t\r").stripTrailing());
    }

    @Test
    void tabCompletesOptionsFromTheCommandDefinition() throws Exception {
        assertEquals("rm --for", type("rm --fo\t\r"), "--force and --format share the prefix");
        assertEquals("rm --force ", type("rm --forc\t\r"));
        assertEquals("ls --format json ", type("ls --format js\t\r"));
    }

    @Test
    void tabCompletesSnapshotsAndRefsAfterAt() throws Exception {
        CommandRunner runner = new CommandRunner(new CommandContext(ns, new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(java.io.Writer.nullWriter())));
        assertEquals(0, runner.runLine("create table /iceberg/lake/s/t (id bigint)"));
        java.nio.file.Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "id\n1\n");
        assertEquals(0, runner.runLine("load /iceberg/lake/s/t " + csv));
        long id = io.lakesh.iceberg.IcebergTables.resolve(ns, "/iceberg/lake/s/t").table().currentSnapshot().snapshotId();
        assertEquals("count /iceberg/lake/s/t@main ", type("count /iceberg/lake/s/t@m\t\r"));
        assertEquals("head /iceberg/lake/s/t@" + id + " ", type("head /iceberg/lake/s/t@" + Long.toString(id).charAt(0) + "\t\r"));
    }

    @Test
    void tabCompletesDeltaVersionsAfterAt() throws Exception {
        // a Delta table written by hand per the protocol: an empty version 0 and a version 1 that only commits
        Path log = Files.createDirectories(dir.resolve("warehouse/d/_delta_log"));
        Files.writeString(log.resolve("00000000000000000000.json"), """
                {"protocol":{"minReaderVersion":1,"minWriterVersion":2}}
                {"metaData":{"id":"d1","format":{"provider":"parquet","options":{}},"schemaString":"{\\"type\\":\\"struct\\",\\"fields\\":[{\\"name\\":\\"id\\",\\"type\\":\\"long\\",\\"nullable\\":true,\\"metadata\\":{}}]}","partitionColumns":[],"configuration":{},"createdTime":1}}
                """);
        Files.writeString(log.resolve("00000000000000000001.json"), "{\"commitInfo\":{\"operation\":\"SET TBLPROPERTIES\"}}\n");
        assertEquals("head /local/d@1 ", type("head /local/d@1\t\r"));
        assertEquals("head /local/d@0 ", type("head /local/d@0\t\r"));
    }

    @Test
    void tabCompletesDeltaTablePathsAndColumns() throws Exception {
        CommandRunner setup = new CommandRunner(new CommandContext(ns, new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(java.io.Writer.nullWriter())));
        assertEquals(0, setup.runLine("create table /local/events (id bigint, region string) --using delta"));
        assertEquals("describe /local/events/", type("describe /local/ev\t\r"));
        assertEquals("count /local/events --where region", type("count /local/events --where reg\t\r"));
        assertEquals("delete /local/events --where region", type("delete /local/events --where reg\t\r"));
        assertEquals("select id from '/local/events' where region \n;", type("select id from '/local/events' where regi\t\r;\r"),
                "in SQL, the columns of the Delta table after FROM");
    }

    @Test
    void groovyLinesCompleteTheLakeApi() throws Exception {
        assertEquals(":g lake.pwd()", type(":g lake.pw\t)\r"));
        assertEquals(":g lake.exists()", type(":g lake.exis\t)\r"));
    }

    @Test
    void anOpenGroovyBlockContinuesOnTheNextLine() throws Exception {
        assertEquals(":g [1, 2].each {\n println it\n}", type(":g [1, 2].each {\r println it\r}\r"));
    }

    @Test
    void anOpenQuoteContinuesOnTheNextLine() throws Exception {
        assertEquals("mkdir '/local/a\nb'", type("mkdir '/local/a\rb'\r"));
    }

    @Test
    void highlightingMarksKnownAndUnknownCommands() {
        SyntaxHighlighter h = new SyntaxHighlighter(line -> line.startsWith(":g "));
        AttributedString known = h.highlight(null, "ls -l /local");
        AttributedString unknown = h.highlight(null, "lss -l /local");
        assertEquals("ls -l /local", known.toString());
        assertTrue(known.styleAt(0).getStyle() != unknown.styleAt(0).getStyle(), "known and unknown commands look different");
        assertTrue(known.styleAt(3).getStyle() != known.styleAt(6).getStyle(), "options and paths look different");
        assertEquals(known.styleAt(0).getStyle(), h.highlight(null, ":g 1 + 1").styleAt(0).getStyle(), ":g is a known prefix");
    }
}
