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
    /**
     * @param seconds  wall time from spawn to exit
     * @param cpu      CPU seconds (user + system) of the process and the children it waited for
     * @param selfCpu  CPU seconds this JVM (the harness, hosting the HDFS) used meanwhile
     */
    record Result(double seconds, int exit, Path out, Path err, double cpu, double selfCpu) {
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
        double children0 = childrenCpu();
        long self0 = OS.getProcessCpuTime();
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IOException(tag + ": " + String.join(" ", command) + " did not finish within " + timeout);
        }
        long t1 = System.nanoTime();
        double cpu = childrenCpu() - children0;
        double selfCpu = (OS.getProcessCpuTime() - self0) / 1e9;
        return new Result((t1 - t0) / 1e9, p.exitValue(), out, err, cpu, selfCpu);
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private static final double TICKS = clockTicks();

    private static double clockTicks() {
        try {
            return Double.parseDouble(capture(Path.of("/"), "getconf", "CLK_TCK"));
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    /** cutime + cstime of this process: the CPU time of every child it has waited for (Linux /proc/self/stat). */
    private static double childrenCpu() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after "pid (comm) ": field 3 (state) is f[0]; cutime is field 16, cstime field 17
        return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS;
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
