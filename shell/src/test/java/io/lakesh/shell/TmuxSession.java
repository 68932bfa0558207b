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

    boolean dead() throws IOException {
        return "1".equals(format("#{pane_dead}"));
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
        try {
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
