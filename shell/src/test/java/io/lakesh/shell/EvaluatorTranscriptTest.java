package io.lakesh.shell;

import io.lakesh.command.CommandRunner;
import io.lakesh.testing.Lakesh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Transcripts of Groovy (`:g`) and Java (`:j`) lines in a session. */
class EvaluatorTranscriptTest {
    Lakesh lakesh;

    @BeforeEach
    void setUp() throws Exception {
        lakesh = Lakesh.inTempHome();
        Scripting.install(lakesh.runner(), List.of());
        Files.createDirectories(lakesh.warehouse().resolve("db/events/_delta_log"));
        Files.writeString(lakesh.warehouse().resolve("db/notes.txt"), "hi\n");
    }

    @AfterEach
    void close() {
        lakesh.close();
    }

    @Test
    void groovyKeepsVariablesAndMethodsAndPrintsRowsAsTables() {
        assertEquals("""
                > :g def twice(n) { n * 2 }
                > :g def x = twice(21)
                42
                > groovy x + 1
                43
                > :g lake.ls('/local/db').collect { [name: it.name(), kind: it.kind()] }
                name       kind
                events     delta
                notes.txt  file
                > :g lake.cat('/local/db/notes.txt').trim()
                hi
                > :g lake.ls('/local/nope')
                groovy: ls: '/local/nope': No such file or directory
                [exit 1]
                > :g 1 +* 2
                groovy: column 4: Unexpected input: '+'
                [exit 1]
                > pwd
                /local
                """, lakesh.transcript(
                ":g def twice(n) { n * 2 }",
                ":g def x = twice(21)",
                "groovy x + 1",
                ":g lake.ls('/local/db').collect { [name: it.name(), kind: it.kind()] }",
                ":g lake.cat('/local/db/notes.txt').trim()",
                ":g lake.ls('/local/nope')",
                ":g 1 +* 2",
                "pwd"));
    }

    @Test
    void multiLineGroovyBlocksReportTheirLine() {
        assertEquals("""
                > :g def total = 0
                for (i in 1..3) {
                  total += i
                }
                total
                6
                > :g [1, 2].each {
                  lake.ls('/local/missing' + it)
                }
                groovy: line 2: ls: '/local/missing1': No such file or directory
                [exit 1]
                """, lakesh.transcript(":g def total = 0\nfor (i in 1..3) {\n  total += i\n}\ntotal",
                ":g [1, 2].each {\n  lake.ls('/local/missing' + it)\n}"));
    }

    @Test
    void javaSnippetsSeeTheSameLake() {
        assertEquals("""
                > :j 40 + 2
                42
                > cd /local/db
                > java lake.pwd()
                "/local/db"
                > :j int twice(int n) { return 2 * n; }
                > :j twice(4)
                8
                > :j lake.ls("nope")
                java: ls: 'nope': No such file or directory
                [exit 1]
                > :j undefinedThing
                java: cannot find symbol
                [exit 1]
                """, lakesh.transcript(":j 40 + 2", "cd /local/db", "java lake.pwd()", ":j int twice(int n) { return 2 * n; }",
                ":j twice(4)", ":j lake.ls(\"nope\")", ":j undefinedThing"));
    }

    @Test
    void ctrlCStopsAnEndlessGroovyLoopAndTheSessionGoesOn() throws Exception {
        AtomicInteger status = new AtomicInteger(-1);
        Thread t = new Thread(() -> status.set(lakesh.run(":g while (true) { }")));
        t.start();
        Thread.sleep(1500);
        t.interrupt();
        t.join(10_000);
        assertFalse(t.isAlive(), "the loop stopped");
        assertEquals(CommandRunner.FAILED, status.get());
        assertEquals("groovy: cancelled\n", lakesh.err());
        assertEquals(0, lakesh.run("pwd"));
    }
}
