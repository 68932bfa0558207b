package io.lakesh.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One process of the local cluster (the NameNode or a DataNode): its configuration folder, pid file and log.
 * The process carries `-Dlakesh.cluster.daemon=<pid file>` on its command line, so a pid file whose number now
 * belongs to some other process reads as stale, not as a running daemon.
 */
record Daemon(String name, String mainClass, Path confDir, Path pidFile, Path log, String heap) {
    static final String NAMENODE_CLASS = "org.apache.hadoop.hdfs.server.namenode.NameNode";
    static final String DATANODE_CLASS = "org.apache.hadoop.hdfs.server.datanode.DataNode";
    static final String MARKER = "-Dlakesh.cluster.daemon=";

    /** The pid from the pid file, whether or not that process still runs. */
    Optional<Long> recordedPid() {
        try {
            return Files.isRegularFile(pidFile) ? Optional.of(Long.parseLong(Files.readString(pidFile).strip())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // an unreadable pid file is as good as none: the daemon is started again
        }
    }

    /** The running process, if the pid file names one that is this daemon. */
    Optional<ProcessHandle> process() {
        return recordedPid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).filter(this::isThisDaemon);
    }

    private boolean isThisDaemon(ProcessHandle p) {
        // /proc/<pid>/cmdline; without it (another user's process) the pid is not trusted
        return p.info().commandLine().map(c -> c.contains(MARKER + pidFile)).orElse(false);
    }

    boolean stalePidFile() {
        return recordedPid().isPresent() && process().isEmpty();
    }

    /**
     * Starts the daemon in a session of its own (`setsid`), so the Ctrl-C a terminal sends to lakesh's process
     * group does not reach it, with its output appended to its log.
     */
    ProcessHandle start(Path javaBinary, String classpath, List<String> args) throws IOException {
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of("setsid", javaBinary.toString(),
                "-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.net.preferIPv4Stack=true",
                MARKER + pidFile, "-Dhadoop.log.dir=" + log.getParent(), "-Dproc_" + name,
                "-cp", confDir + ":" + classpath, mainClass));
        command.addAll(args);
        Files.writeString(log, "--- lakesh: starting " + name + " at " + java.time.Instant.now() + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        Files.writeString(pidFile, Long.toString(p.pid()));
        return p.toHandle();
    }

    /** Sends TERM if the daemon runs; returns the process to {@link #awaitStopped} on, if it ran. */
    Optional<ProcessHandle> terminate() {
        Optional<ProcessHandle> running = process();
        running.ifPresent(ProcessHandle::destroy);
        return running;
    }

    /** Waits for a process {@link #terminate} signalled until the deadline, then KILLs it; the pid file goes either way. */
    void awaitStopped(Optional<ProcessHandle> terminated, long deadlineNanos) throws IOException {
        if (terminated.isPresent()) {
            ProcessHandle p = terminated.get();
            try {
                p.onExit().get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                p.destroyForcibly();
                waitGone(p);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        Files.deleteIfExists(pidFile);
    }

    private static void waitGone(ProcessHandle p) {
        try {
            p.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // KILL cannot be refused; a zombie that lingers is the kernel's to reap
        }
    }

    /** The last line of the log that says what went wrong, for a daemon that exited during start-up. */
    String lastError() {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0 && i > lines.size() - 400; i--) {
                String l = lines.get(i);
                if (l.contains(" ERROR ") || l.contains(" FATAL ") || l.startsWith("Exception") || l.contains("Error:")) {
                    return l.strip();
                }
            }
            return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).strip();
        } catch (IOException e) {
            return "no log";
        }
    }
}
