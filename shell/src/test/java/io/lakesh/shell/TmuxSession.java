package io.lakesh.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A program running in a real pseudo-terminal, through tmux on a private server socket (`tmux -L NAME`):
 * keys go in with send-keys, the screen comes back with capture-pane. Test support for {@code *IT} classes.
 */
final class TmuxSession implements AutoCloseable {
    private static final String TARGET = "main";

    private final String socket;
    private final Path config;
    private Path socketPath;
    private long pid;
    private long serverPid;

    private TmuxSession(String socket, Path config) {
        this.socket = socket;
        this.config = config;
    }

    /** True when a tmux binary runs on this machine. */
    static boolean available() {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Starts {@code command} (a shell command line) in a detached session of a new private tmux server, in a
     * terminal of the given size. The pane stays after the program exits, so its exit status can be read.
     */
    static TmuxSession start(Path workDir, int width, int height, String command) throws IOException {
        String socket = "lakesh-it-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime());
        Path config = Files.createTempFile("lakesh-tmux-", ".conf");
        Files.writeString(config, """
                set -g remain-on-exit on
                set -g history-limit 20000
                set -g status off
                set -g escape-time 0
                """);
        TmuxSession s = new TmuxSession(socket, config);
        s.tmux(List.of("-f", config.toString(), "new-session", "-d", "-s", TARGET, "-c", workDir.toString(),
                "-x", Integer.toString(width), "-y", Integer.toString(height), command));
        s.socketPath = Path.of(s.format("#{socket_path}"));
        s.pid = Long.parseLong(s.format("#{pane_pid}"));
        s.serverPid = Long.parseLong(s.format("#{pid}"));
        return s;
    }

    /** Types text literally (no key names are interpreted). */
    void type(String text) throws IOException {
        tmux(List.of("send-keys", "-t", TARGET, "-l", text));
    }

    /** Sends tmux key names: "Tab", "Enter", "C-c", "C-d"... */
    void keys(String... keys) throws IOException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", TARGET));
        args.addAll(List.of(keys));
        tmux(args);
    }

    /** The visible screen, one line per row (trailing blanks removed by tmux). */
    String screen() throws IOException {
        return tmux(List.of("capture-pane", "-p", "-t", TARGET));
    }

    /** The scroll-back and the visible screen, wrapped lines joined. */
    String scrollback() throws IOException {
        return tmux(List.of("capture-pane", "-p", "-J", "-S", "-", "-E", "-", "-t", TARGET));
    }

    /** A tmux format of the pane, e.g. "#{pane_dead}" or "#{pane_dead_status}". */
    String format(String format) throws IOException {
        return tmux(List.of("display-message", "-p", "-t", TARGET, format)).strip();
    }

    /** The process the pane started (a launcher that execs keeps this id). */
    long pid() {
        return pid;
    }

    boolean dead() throws IOException {
        return "1".equals(format("#{pane_dead}"));
    }

    /**
     * Waits for the program to end and returns its exit status ("0", "1"..., or "signal N"), or null when it still
     * runs after the timeout.
     */
    String awaitExit(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nudgeAt = -1;
        while (true) {
            if (dead()) {
                String status = format("#{pane_dead_status}");
                String signal = format("#{pane_dead_signal}");
                if (!status.isEmpty()) {
                    return status;
                }
                if (!signal.isEmpty()) {
                    return "signal " + signal;
                }
                // The terminal is closed but tmux has no exit status: a tmux built with libutempter can miss the
                // SIGCHLD of a pane process that exits while it updates utmp for the closed terminal (tmux issues
                // 311 and 4559), leaving the process a zombie until tmux gets another SIGCHLD. Send it one.
                if (nudgeAt < 0) {
                    nudgeAt = System.nanoTime() + 500_000_000L;
                } else if (System.nanoTime() > nudgeAt) {
                    System.err.println("tmux has no exit status for the closed pane of process " + pid + "; sending it SIGCHLD");
                    signal("CHLD", serverPid);
                    nudgeAt = System.nanoTime() + 500_000_000L;
                }
            }
            if (System.nanoTime() > deadline) {
                return null;
            }
            Thread.sleep(100);
        }
    }

    /** Sends a signal ("QUIT", "CHLD"...) to a process of this session. */
    static void signal(String name, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).redirectErrorStream(true).start();
        String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " " + pid + ": " + out.strip());
        }
    }

    /** Polls the screen until the condition holds; fails with the screen as it last was. */
    String await(String what, Duration timeout, Predicate<String> condition) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String screen = screen();
        while (!condition.test(screen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + "; the screen was:\n" + frame(screen));
            }
            Thread.sleep(100);
            screen = screen();
        }
        return screen;
    }

    /** The screen in a frame, for failure messages. */
    static String frame(String screen) {
        StringBuilder b = new StringBuilder("+------\n");
        for (String line : screen.split("\n", -1)) {
            b.append("| ").append(line).append('\n');
        }
        return b.append("+------").toString();
    }

    @Override
    public void close() {
        try {
            tmux(List.of("kill-server"));
        } catch (IOException | RuntimeException e) {
            // the server is gone already
        }
        // the hang-up from kill-server ends the program; one that ignores it is ended by force
        ProcessHandle.of(pid).ifPresent(p -> {
            try {
                p.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        });
        try {
            if (socketPath != null) {
                Files.deleteIfExists(socketPath); // a killed server leaves its socket file behind
            }
            Files.deleteIfExists(config);
        } catch (IOException e) {
            // a temp file
        }
    }

    private String tmux(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.remove("TMUX"); // a test run from inside tmux still gets its own server
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("tmux " + args + " did not finish in 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running tmux " + args, e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("tmux " + String.join(" ", args) + " failed (" + p.exitValue() + "): " + out.strip());
        }
        return out;
    }
}
