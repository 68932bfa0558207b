package io.lakesh.shell;

import io.lakesh.config.LakeshHome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The non-interactive ways in: -c, -f, stdin, one-shot; and their exit statuses. */
class MainTest {
    @TempDir
    Path dir;
    LakeshHome home;
    String out;
    String err;

    @BeforeEach
    void home() {
        home = new LakeshHome(dir.resolve("home"));
    }

    private int run(String stdin, String... args) {
        MainRun r = MainRun.of(home, stdin, args);
        out = r.out();
        err = r.err();
        return r.status();
    }

    @Test
    void firstRunCreatesTheEmbeddedWarehouse() {
        assertEquals(0, run("", "-c", "pwd"));
        assertEquals("/local\n", out);
        assertTrue(Files.isDirectory(home.warehouse()));
    }

    @Test
    void commandsSeparatedBySemicolonsStopAtTheFirstFailure() {
        assertEquals(1, run("", "-c", "mkdir /local/a; ls /local/missing; mkdir /local/b"));
        assertEquals("ls: '/local/missing': No such file or directory\n", err);
        assertTrue(Files.isDirectory(home.warehouse().resolve("a")));
        assertTrue(Files.notExists(home.warehouse().resolve("b")), "nothing after the failure ran");
    }

    @Test
    void oneShotTakesArgumentsAsGiven() throws Exception {
        Files.createDirectories(home.warehouse().resolve("with space"));
        assertEquals(0, run("", "ls", "--format", "csv", "/local"));
        assertEquals("name,kind\nwith space,dir\n", out);
    }

    @Test
    void commandsFromStdinWithAQuoteSpanningLines() throws Exception {
        assertEquals(0, run("mkdir -p '/local/multi\nline'\nls /local\n"));
        assertEquals("multi\nline  dir\n", out);
    }

    @Test
    void commandFilesSkipCommentsAndStopOnFailure() throws Exception {
        Path script = dir.resolve("setup.lsh");
        Files.writeString(script, "# make the layout\nmkdir -p /local/raw\ntouch /local/raw/x\ncat /local/nope\ntouch /local/raw/y\n");
        assertEquals(1, run("", "-f", script.toString()));
        assertTrue(Files.exists(home.warehouse().resolve("raw/x")));
        assertTrue(Files.notExists(home.warehouse().resolve("raw/y")));
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run("", "--bogus"));
        assertEquals("lakesh: unknown option '--bogus' (see 'lakesh --help')\n", err);
        assertEquals(2, run("", "lss"));
        assertEquals("lss: command not found (did you mean 'ls'?); 'help' lists the commands\n", err);
        assertEquals(2, run("", "-c"));
        assertEquals(2, run("", "--format", "yaml", "ls"));
    }

    @Test
    void exitSetsTheStatus() {
        assertEquals(3, run("", "-c", "pwd; exit 3; pwd"));
        assertEquals("/local\n", out);
    }

    @Test
    void aBrokenConfigIsOneLine() throws Exception {
        Files.createDirectories(home.dir());
        Files.writeString(home.config(), "mount./x = not a uri with spaces\n");
        assertEquals(1, run("", "pwd"));
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("lakesh: " + home.config() + ": mount./x: 'not a uri with spaces' is not a valid URI"), err);
    }
}
