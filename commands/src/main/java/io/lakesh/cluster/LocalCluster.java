package io.lakesh.cluster;

import io.lakesh.LakeshException;
import io.lakesh.command.CancelledException;
import io.lakesh.config.Config;
import io.lakesh.config.LakeshHome;
import io.lakesh.store.HadoopConf;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.DatanodeInfo;
import org.apache.hadoop.hdfs.protocol.HdfsConstants.DatanodeReportType;
import org.apache.hadoop.util.VersionInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A HDFS cluster on this machine: one NameNode and N DataNodes as separate JVMs on 127.0.0.1, run from Hadoop's
 * server jars (resolved through Maven, not the shell's jar), with data, pid files and logs under
 * `$LAKESH_HOME/cluster`. Replication 2 and a NameNode that notices a dead DataNode within ~20 s.
 *
 * <p>The recipe-friendly shape: {@link #status()} checks, {@link #plan(int)} says what {@link #start} would
 * change, {@link #start} applies it and changes nothing when everything runs; {@link #stop} ends it all.
 */
public final class LocalCluster {
    public static final int DEFAULT_DATANODES = 3;
    static final int MAX_DATANODES = 16;
    static final long STOP_GRACE_MILLIS = 10_000;

    private final LakeshHome lakeshHome;
    private final ClusterHome home;

    public LocalCluster(LakeshHome lakeshHome) {
        this.lakeshHome = lakeshHome;
        this.home = ClusterHome.of(lakeshHome);
    }

    public ClusterHome home() {
        return home;
    }

    /** The cluster's ports and DataNodes; empty before the first start. */
    public Optional<ClusterSpec> spec() {
        return Files.isRegularFile(home.specFile()) ? Optional.of(ClusterSpec.read(home.specFile())) : Optional.empty();
    }

    /** One process of the cluster as `status` shows it; state is running, stopped or stale pid file. */
    public record ProcessStatus(String process, Long pid, String state, String address, String web, Path log) {
        public boolean running() {
            return state.equals(RUNNING);
        }
    }

    static final String RUNNING = "running";

    /** What the cluster's processes are doing now (none before the first start). */
    public List<ProcessStatus> status() {
        Optional<ClusterSpec> spec = spec();
        if (spec.isEmpty()) {
            return List.of();
        }
        List<ProcessStatus> out = new ArrayList<>();
        ClusterSpec s = spec.get();
        out.add(status(nameNode(), ClusterSpec.HOST + ":" + s.nameNodePort(), s.webUi()));
        for (ClusterSpec.DataNodePorts d : s.dataNodes()) {
            out.add(status(dataNode(d.index()), ClusterSpec.HOST + ":" + d.dataPort(), "http://" + ClusterSpec.HOST + ":" + d.httpPort() + "/"));
        }
        return out;
    }

    private static ProcessStatus status(Daemon d, String address, String web) {
        Optional<ProcessHandle> p = d.process();
        String state = p.isPresent() ? RUNNING : d.stalePidFile() ? "stale pid file" : "stopped";
        return new ProcessStatus(d.name(), p.map(ProcessHandle::pid).orElse(d.recordedPid().orElse(null)), state, address, web, d.log());
    }

    /** Whether every process of the cluster runs. */
    public boolean running() {
        List<ProcessStatus> s = status();
        return !s.isEmpty() && s.stream().allMatch(ProcessStatus::running);
    }

    /** The pid of a running process by its name (`namenode`, `datanode-2`). */
    public Optional<Long> pid(String process) {
        return status().stream().filter(s -> s.process().equals(process) && s.running()).map(ProcessStatus::pid).findFirst();
    }

    /** What {@link #start} would do with this many DataNodes; empty when the cluster runs as asked. */
    public List<String> plan(int dataNodes) {
        requireCount(dataNodes);
        List<String> steps = new ArrayList<>();
        Optional<ClusterSpec> spec = spec();
        if (spec.isEmpty()) {
            steps.add("create the cluster under " + home.dir() + " (free ports on " + ClusterSpec.HOST + ", replication "
                    + Math.min(2, dataNodes) + ")");
            steps.add("format the NameNode");
        } else if (dataNodes < spec.get().dataNodes().size()) {
            throw shrinking(spec.get(), dataNodes);
        }
        int existing = spec.map(s -> s.dataNodes().size()).orElse(0);
        if (spec.isEmpty() || nameNode().process().isEmpty()) {
            steps.add("start namenode");
        }
        for (int i = 1; i <= dataNodes; i++) {
            if (i > existing || dataNode(i).process().isEmpty()) {
                steps.add("start datanode-" + i);
            }
        }
        return steps;
    }

    /** What a start did: the processes started (none when all ran already) and how long until all were live. */
    public record StartResult(List<String> started, Duration took, ClusterSpec spec) {
        public boolean alreadyRunning() {
            return started.isEmpty();
        }
    }

    /**
     * Starts what does not run (formatting the NameNode on the first start) and waits until every DataNode started
     * now is live at the NameNode and safe mode is off; `status` hears lines like `namenode up, 2/3 DataNodes live`.
     * A process that exits during start-up fails the start, naming the last error of its log.
     */
    public StartResult start(int dataNodes, Duration timeout, Consumer<String> status) throws IOException {
        List<String> plan = plan(dataNodes);
        long began = System.nanoTime();
        ClusterSpec spec = spec().isPresent() ? spec().get().withDataNodes(dataNodes) : ClusterSpec.fresh(dataNodes);
        if (plan.isEmpty()) {
            return new StartResult(List.of(), Duration.ZERO, spec);
        }
        status.accept("resolving the HDFS daemons");
        String classpath = DaemonClasspath.resolve(home, VersionInfo.getVersion());
        spec.write(home.specFile());
        ClusterConfigs.write(home, spec);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Daemon nameNode = nameNode();
        List<String> started = new ArrayList<>();
        List<Daemon> watched = new ArrayList<>();
        if (nameNode.process().isEmpty()) {
            if (!Files.isRegularFile(home.nameDir().resolve("name/current/VERSION"))) {
                status.accept("formatting the NameNode");
                format(java, classpath);
            }
            nameNode.start(java, classpath, List.of());
            started.add(nameNode.name());
            watched.add(nameNode);
        }
        long startedAtMillis = System.currentTimeMillis();
        List<ClusterSpec.DataNodePorts> awaited = new ArrayList<>();
        for (ClusterSpec.DataNodePorts d : spec.dataNodes()) {
            Daemon dn = dataNode(d.index());
            if (dn.process().isEmpty()) {
                dn.start(java, classpath, List.of());
                started.add(dn.name());
                watched.add(dn);
                awaited.add(d);
            }
        }
        awaitLive(spec, awaited, watched, startedAtMillis, timeout, status);
        return new StartResult(List.copyOf(started), Duration.ofNanos(System.nanoTime() - began), spec);
    }

    private void format(Path javaBinary, String classpath) throws IOException {
        Daemon formatter = new Daemon("namenode-format", Daemon.NAMENODE_CLASS, home.confDir(),
                home.dir().resolve("namenode-format.pid"), home.logs().resolve("namenode-format.log"), "256m");
        ProcessHandle p = formatter.start(javaBinary, classpath, List.of("-format", "-nonInteractive", "-force", "-clusterid", "lakesh-local"));
        try {
            p.onExit().get(120, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            p.destroyForcibly();
            throw new LakeshException("formatting the NameNode did not finish in 120 s (see " + formatter.log() + ")");
        } catch (InterruptedException e) {
            p.destroyForcibly();
            throw new CancelledException();
        } finally {
            Files.deleteIfExists(formatter.pidFile());
        }
        if (!Files.isRegularFile(home.nameDir().resolve("name/current/VERSION"))) {
            throw new LakeshException("formatting the NameNode failed: " + formatter.lastError() + " (see " + formatter.log() + ")");
        }
    }

    private void awaitLive(ClusterSpec spec, List<ClusterSpec.DataNodePorts> awaited, List<Daemon> watched, long sinceMillis,
                           Duration timeout, Consumer<String> status) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "the NameNode does not answer yet";
        try (FileSystem fs = FileSystem.newInstance(spec.uri(), HadoopConf.client(new Config(lakeshHome.config()), home.confDir()))) {
            DistributedFileSystem dfs = (DistributedFileSystem) fs;
            while (true) {
                CancelledException.check();
                for (Daemon d : watched) {
                    if (d.process().isEmpty()) {
                        throw new LakeshException(d.name() + " exited during start-up: " + d.lastError() + " (see " + d.log() + ")");
                    }
                }
                try {
                    DatanodeInfo[] live = dfs.getDataNodeStats(DatanodeReportType.LIVE);
                    long ready = awaited.stream().filter(d -> reported(live, d, sinceMillis)).count();
                    boolean safeMode = dfs.isInSafeMode();
                    last = "namenode up, " + live.length + "/" + spec.dataNodes().size() + " DataNodes live"
                            + (safeMode ? ", safe mode on" : "");
                    if (ready == awaited.size() && live.length >= spec.dataNodes().size() && !safeMode) {
                        status.accept(last);
                        return;
                    }
                } catch (IOException e) {
                    // the NameNode is still starting (refused, or not yet out of its start-up phase)
                }
                status.accept(last);
                if (System.nanoTime() > deadline) {
                    throw new LakeshException("the local cluster was not up within " + timeout.toSeconds() + " s (" + last
                            + "; logs in " + home.logs() + ")");
                }
                sleep(500);
            }
        }
    }

    /** The DataNode started now has heartbeated since: a node the NameNode still remembers from before does not count. */
    private static boolean reported(DatanodeInfo[] live, ClusterSpec.DataNodePorts d, long sinceMillis) {
        for (DatanodeInfo i : live) {
            if (i.getXferPort() == d.dataPort() && i.getLastUpdate() >= sinceMillis) {
                return true;
            }
        }
        return false;
    }

    /**
     * Stops every process: TERM to the DataNodes together, then to the NameNode once they are gone (so none of them
     * logs a lost NameNode), KILL for any still there after 10 s. Returns the names of those that ran.
     */
    public List<String> stop() throws IOException {
        List<String> stopped = new ArrayList<>();
        Optional<ClusterSpec> spec = spec();
        if (spec.isEmpty()) {
            return stopped;
        }
        List<Daemon> dataNodes = spec.get().dataNodes().stream().map(d -> dataNode(d.index())).toList();
        stopTogether(dataNodes, stopped);
        stopTogether(List.of(nameNode()), stopped);
        return stopped;
    }

    private static void stopTogether(List<Daemon> daemons, List<String> stopped) throws IOException {
        List<Optional<ProcessHandle>> signalled = daemons.stream().map(Daemon::terminate).toList();
        long deadline = System.nanoTime() + STOP_GRACE_MILLIS * 1_000_000;
        for (int i = 0; i < daemons.size(); i++) {
            daemons.get(i).awaitStopped(signalled.get(i), deadline);
            if (signalled.get(i).isPresent()) {
                stopped.add(daemons.get(i).name());
            }
        }
    }

    private Daemon nameNode() {
        return new Daemon("namenode", Daemon.NAMENODE_CLASS, home.confDir(), home.dir().resolve("namenode.pid"),
                home.logs().resolve("namenode.log"), "512m");
    }

    private Daemon dataNode(int index) {
        String name = "datanode-" + index;
        return new Daemon(name, Daemon.DATANODE_CLASS, home.dataNodeDir(index).resolve("conf"), home.dir().resolve(name + ".pid"),
                home.logs().resolve(name + ".log"), "256m");
    }

    private static void requireCount(int dataNodes) {
        if (dataNodes < 1 || dataNodes > MAX_DATANODES) {
            throw new io.lakesh.UsageException("--datanodes takes 1 to " + MAX_DATANODES + ", not " + dataNodes);
        }
    }

    private LakeshException shrinking(ClusterSpec spec, int dataNodes) {
        return new LakeshException("the local cluster has " + spec.dataNodes().size() + " DataNodes; it cannot shrink to "
                + dataNodes + " (their blocks would go): start it with --datanodes " + spec.dataNodes().size()
                + ", or 'cluster stop' and remove " + home.dir() + " to start over");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
    }
}
