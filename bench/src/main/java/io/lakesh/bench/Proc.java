package io.lakesh.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one process with its output in files and measures its wall time from spawn to exit. */
final class Proc {
    record Result(double seconds, int exit, Path out, Path err) {
        String stdout() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }

        String stderr() throws IOException {
            return Files.readString(err, StandardCharsets.UTF_8);
        }

        /** The last lines of stderr, for error messages. */
        String errTail() {
            try {
                List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
            } catch (IOException e) {
                return "(cannot read " + err + ")";
            }
        }
    }

    private final Path logs;
    private final Map<String, String> env;
    private final Path cwd;

    Proc(Path logs, Path cwd, Map<String, String> env) {
        this.logs = logs;
        this.cwd = cwd;
        this.env = env;
    }

    /** Runs the command with the common environment plus {@code extraEnv}; kills it after the timeout. */
    Result run(String tag, List<String> command, Map<String, String> extraEnv, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(logs);
        Path out = logs.resolve(tag + ".out");
        Path err = logs.resolve(tag + ".err");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(cwd.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().putAll(extraEnv);
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IOException(tag + ": " + String.join(" ", command) + " did not finish within " + timeout);
        }
        long t1 = System.nanoTime();
        return new Result((t1 - t0) / 1e9, p.exitValue(), out, err);
    }

    /** Runs a short helper command and returns its stdout (stderr merged), or "" when it fails. */
    static String capture(Path cwd, String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
            byte[] bytes = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return p.exitValue() == 0 ? new String(bytes, StandardCharsets.UTF_8).trim() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
