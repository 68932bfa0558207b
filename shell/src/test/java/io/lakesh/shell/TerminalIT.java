package io.lakesh.shell;

import io.lakesh.testing.HdfsCluster;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * End to end: the real {@code ./lakesh} launcher in a real pseudo-terminal (tmux), against a real HDFS
 * (MiniDFSCluster). Keys go in as a user types them; what the tests check is the text on the screen.
 * The tests share one session and run in order: each leaves the shell at a fresh prompt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TerminalIT {
    private static final String PROMPT = "lakesh:/local>";
    private static final Duration START = Duration.ofSeconds(60);
    /** When the launcher rebuilds the jar (sources newer than it), the first prompt comes after a Maven build. */
    private static final Duration START_WITH_BUILD = Duration.ofSeconds(300);
    private static final Duration COMMAND = Duration.ofSeconds(20);
    /** Sparse, so it is written instantly, yet large enough that copying it to HDFS takes many seconds. */
    private static final long BIG_FILE = 2L << 30;

    private Path scratch;
    private Path home;
    private HdfsCluster hdfs;
    private FileSystem fs;
    private TmuxSession tmux;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(TmuxSession.available(),
                "tmux is not installed: these tests drive ./lakesh in a terminal through tmux (install the tmux package)");
        Path root = Path.of(System.getProperty("lakesh.root", "..")).toAbsolutePath().normalize();
        scratch = Files.createTempDirectory("lakesh-terminal-it-");
        Path launcher = launcher(root, scratch);

        hdfs = HdfsCluster.shared();
        fs = hdfs.fs();
        fs.mkdirs(new org.apache.hadoop.fs.Path("/data/events"));
        fs.mkdirs(new org.apache.hadoop.fs.Path("/data/logs"));
        fs.mkdirs(new org.apache.hadoop.fs.Path("/tmp"));
        for (String name : List.of("part-0.txt", "part-1.txt")) {
            try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path("/data/events/" + name))) {
                out.write(("event in " + name + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }

        home = Files.createDirectories(scratch.resolve("home"));
        Files.writeString(home.resolve("lakesh.conf"),
                "mount./hdfs = " + hdfs.uri() + "\nhadoop.dfs.replication = 2\n");

        tmux = TmuxSession.start(home, 120, 30,
                // exec: the pane's process is the launcher, which execs the JVM
                "exec env LAKESH_HOME=" + quote(home.toString()) + " " + quote(launcher.toString()));
    }

    @AfterAll
    void stop() throws IOException {
        if (tmux != null) {
            tmux.close();
        }
        if (fs != null) {
            fs.close();
        }
        if (scratch != null) {
            try (var files = Files.walk(scratch)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void promptShowsTheCurrentDirectory() throws Exception {
        long deadline = System.nanoTime() + START.toNanos();
        String screen = tmux.screen();
        while (!lastLine(screen).equals(PROMPT)) {
            if (screen.contains("building the jar")) {
                deadline = Math.max(deadline, System.nanoTime() + START_WITH_BUILD.toNanos());
            }
            if (tmux.dead()) {
                fail("lakesh exited (status " + tmux.awaitExit(Duration.ofSeconds(3)) + ") before showing a prompt:\n"
                        + TmuxSession.frame(screen));
            }
            if (System.nanoTime() > deadline) {
                fail("no prompt '" + PROMPT + "' within " + START.toSeconds() + " s; the screen was:\n" + TmuxSession.frame(screen));
            }
            Thread.sleep(100);
            screen = tmux.screen();
        }
        assertEquals(PROMPT, lastLine(screen), TmuxSession.frame(screen));
    }

    @Test
    @Order(2)
    void tabCompletesHdfsPaths() throws Exception {
        int prompts = prompts();
        tmux.type("ls /hdfs/da");
        tmux.await("the typed text", COMMAND, s -> lastLine(s).equals(PROMPT + " ls /hdfs/da"));
        tmux.keys("Tab");
        String screen = tmux.await("Tab to complete /hdfs/da", COMMAND, s -> lastPromptLine(s).equals(PROMPT + " ls /hdfs/data/"));
        assertEquals(PROMPT + " ls /hdfs/data/", lastPromptLine(screen), TmuxSession.frame(screen));

        tmux.type("ev");
        tmux.await("the typed text", COMMAND, s -> lastPromptLine(s).equals(PROMPT + " ls /hdfs/data/ev"));
        tmux.keys("Tab");
        screen = tmux.await("Tab to complete /hdfs/data/ev", COMMAND,
                s -> lastPromptLine(s).equals(PROMPT + " ls /hdfs/data/events/"));
        assertEquals(PROMPT + " ls /hdfs/data/events/", lastPromptLine(screen), TmuxSession.frame(screen));

        tmux.keys("Enter");
        List<String> output = outputOfLastCommand(prompts);
        assertEquals(PROMPT + " ls /hdfs/data/events/", output.get(0));
        assertTrue(output.stream().anyMatch(l -> l.contains("part-0.txt")), "ls lists part-0.txt:\n" + String.join("\n", output));
        assertTrue(output.stream().anyMatch(l -> l.contains("part-1.txt")), "ls lists part-1.txt:\n" + String.join("\n", output));
    }

    @Test
    @Order(3)
    void ctrlCStopsALongCommandAndTheShellGoesOn() throws Exception {
        int prompts = prompts();
        tmux.type("sleep 60");
        tmux.keys("Enter");
        Thread.sleep(1000);
        String running = tmux.screen();
        assertEquals(PROMPT + " sleep 60", lastLine(running), "sleep runs (no new prompt yet):\n" + TmuxSession.frame(running));
        long sent = System.nanoTime();
        tmux.keys("C-c");
        List<String> output = outputOfLastCommand(prompts, Duration.ofSeconds(5));
        long seconds = (System.nanoTime() - sent) / 1_000_000_000L;
        assertTrue(seconds < 5, "the prompt came back " + seconds + " s after Ctrl-C");
        assertEquals(List.of(PROMPT + " sleep 60", "sleep: cancelled"), trimmed(output));

        prompts = prompts();
        tmux.type("pwd");
        tmux.keys("Enter");
        output = outputOfLastCommand(prompts);
        assertEquals(List.of(PROMPT + " pwd", "/local"), trimmed(output));
    }

    @Test
    @Order(4)
    void ctrlCDuringALargeCopyLeavesNoPartialFile() throws Exception {
        try (RandomAccessFile big = new RandomAccessFile(home.resolve("warehouse/big.bin").toFile(), "rw")) {
            big.setLength(BIG_FILE);
        }
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path("/big.bin");
        org.apache.hadoop.fs.Path temp = new org.apache.hadoop.fs.Path("/big.bin._COPYING_");

        int prompts = prompts();
        tmux.type("cp /local/big.bin /hdfs/big.bin");
        tmux.keys("Enter");
        // the copy is under way once its temporary file exists on HDFS
        long deadline = System.nanoTime() + COMMAND.toNanos();
        while (!fs.exists(temp) && !fs.exists(target)) {
            if (System.nanoTime() > deadline) {
                fail("the copy did not start within " + COMMAND.toSeconds() + " s:\n" + TmuxSession.frame(tmux.screen()));
            }
            Thread.sleep(50);
        }
        Thread.sleep(1000);
        String before = tmux.screen();
        System.out.println("cp before Ctrl-C: " + lastLine(before));
        assertFalse(fs.exists(target), "the copy of " + BIG_FILE + " bytes finished within a second; make BIG_FILE larger");
        tmux.keys("C-c");
        List<String> output = outputOfLastCommand(prompts, COMMAND);
        assertTrue(trimmed(output).contains("cp: cancelled"), "cp reports the cancel:\n" + String.join("\n", output)
                + "\nbefore Ctrl-C the screen was:\n" + TmuxSession.frame(before));
        assertFalse(fs.exists(temp), "the temporary file " + temp + " was left on HDFS");
        assertFalse(fs.exists(target), "a partial " + target + " was left on HDFS");
        assertTrue(Arrays.stream(fs.listStatus(new org.apache.hadoop.fs.Path("/")))
                        .noneMatch(st -> st.getPath().getName().startsWith("big.bin")),
                "nothing named big.bin* is left on HDFS");
        Files.delete(home.resolve("warehouse/big.bin"));
    }

    @Test
    @Order(5)
    void historyIsSavedWhenTheSessionExits() throws Exception {
        tmux.type("exit");
        tmux.keys("Enter");
        String status = tmux.awaitExit(COMMAND);
        if (status == null) {
            fail("lakesh did not exit within " + COMMAND.toSeconds() + " s of 'exit':\n" + TmuxSession.frame(tmux.screen())
                    + "\n" + threadDump());
        }
        assertEquals("0", status, "exit status of lakesh after 'exit':\n" + TmuxSession.frame(tmux.screen()));
        Path history = home.resolve("history");
        assertTrue(Files.isRegularFile(history), "no history file at " + history);
        List<String> lines = Files.readAllLines(history);
        assertTrue(lines.contains("pwd"), "history has 'pwd':\n" + String.join("\n", lines));
        assertTrue(lines.contains("sleep 60"), "history has 'sleep 60':\n" + String.join("\n", lines));
        assertTrue(lines.contains("ls /hdfs/data/events/"), "history has the completed ls:\n" + String.join("\n", lines));
    }

    /**
     * The launcher to drive. By default a snapshot: a copy of {@code ./lakesh} and of the jar this build made,
     * in a directory of their own. The launcher rebuilds {@code shell/target/lakesh.jar} in place whenever a
     * source file is newer than the jar, so in a tree that is being edited the launcher in place would run a
     * Maven build in the middle of the test and rewrite the jar under the running session (and under this JVM,
     * which has that jar on its class path). {@code -Dlakesh.terminal.inPlace=true} drives {@code <root>/lakesh}
     * itself.
     */
    private static Path launcher(Path root, Path scratch) throws IOException {
        Path script = root.resolve("lakesh");
        assertTrue(Files.isExecutable(script), "no executable launcher at " + script);
        if (Boolean.getBoolean("lakesh.terminal.inPlace")) {
            return script;
        }
        Path jar = root.resolve("shell/target/lakesh.jar");
        assertTrue(Files.isRegularFile(jar), "no " + jar + ": 'mvn verify' builds it before the *IT tests run");
        Path dir = scratch.resolve("launcher");
        Path copy = Files.createDirectories(dir.resolve("shell/target")).resolve("lakesh.jar");
        Files.copy(jar, copy);
        try (JarFile check = new JarFile(copy.toFile())) {
            assertTrue(check.getManifest() != null, "the copied jar has no manifest: " + jar);
        }
        Files.copy(script, dir.resolve("lakesh"), StandardCopyOption.COPY_ATTRIBUTES);
        return dir.resolve("lakesh");
    }

    /**
     * The threads of the lakesh JVM (the pane's process: the launcher execs it), to show where it hangs: SIGQUIT
     * makes a JVM print them to its terminal, even during shutdown when jstack cannot attach.
     */
    private String threadDump() {
        try {
            TmuxSession.signal("QUIT", tmux.pid());
            Thread.sleep(2000);
            String all = tmux.scrollback();
            int at = all.lastIndexOf("Full thread dump");
            return at < 0 ? "(no thread dump on the terminal)" : "its threads:\n" + all.substring(at);
        } catch (IOException e) {
            return "(no thread dump: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    // ---- reading the screen

    /** How many prompt lines the whole session has shown so far (each command line starts with one). */
    private int prompts() throws IOException {
        return (int) tmux.scrollback().lines().filter(l -> l.startsWith(PROMPT)).count();
    }

    private List<String> outputOfLastCommand(int promptsBefore) throws Exception {
        return outputOfLastCommand(promptsBefore, COMMAND);
    }

    /**
     * Waits for the prompt after the command typed at prompt number {@code promptsBefore} and returns the lines
     * from that command line up to the new prompt (the command line first).
     */
    private List<String> outputOfLastCommand(int promptsBefore, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> lines = tmux.scrollback().lines().map(String::stripTrailing).toList();
            int seen = 0;
            int commandLine = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith(PROMPT)) {
                    seen++;
                    if (seen == promptsBefore) {
                        commandLine = i;
                    } else if (seen == promptsBefore + 1 && lines.get(i).equals(PROMPT)) {
                        return lines.subList(commandLine, i);
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                fail("no new prompt within " + timeout.toSeconds() + " s; the screen was:\n" + TmuxSession.frame(tmux.screen()));
            }
            Thread.sleep(100);
        }
    }

    /** Lines without surrounding blanks, blank lines and the ^C the terminal echoes for Ctrl-C. */
    private static List<String> trimmed(List<String> lines) {
        return lines.stream().map(l -> l.replace("^C", "").strip()).filter(l -> !l.isEmpty()).toList();
    }

    private static String lastLine(String screen) {
        List<String> lines = screen.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    /** The line being edited: the last that starts with the prompt (completion lists may follow it). */
    private static String lastPromptLine(String screen) {
        List<String> lines = screen.lines().filter(l -> l.startsWith(PROMPT)).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
