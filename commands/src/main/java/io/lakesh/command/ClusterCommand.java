package io.lakesh.command;

import io.lakesh.UsageException;
import io.lakesh.cluster.ClusterSpec;
import io.lakesh.cluster.LocalCluster;
import io.lakesh.namespace.Mount;
import io.lakesh.output.OutputFormat;
import io.lakesh.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.List;

@Command(name = "cluster", description = "A local HDFS cluster (NameNode + DataNodes as processes, under $LAKESH_HOME/cluster): cluster start [--datanodes 3] | stop | status.")
public class ClusterCommand extends LakeCommand {
    @Parameters(index = "0", paramLabel = "ACTION", description = "start, stop or status.")
    String action;
    @Option(names = "--datanodes", paramLabel = "N", description = "DataNodes to run (default: the cluster's, 3 for a new one).")
    Integer dataNodes;
    @Option(names = "--timeout", paramLabel = "SECONDS", description = "How long start waits for every DataNode to be live (default 180).")
    int timeoutSeconds = 180;

    @Override
    public Object call() throws Exception {
        LocalCluster cluster = new LocalCluster(ctx.namespace().home());
        return switch (action) {
            case "start" -> start(cluster);
            case "stop" -> {
                List<String> stopped = cluster.stop();
                yield stopped.isEmpty() ? "the local cluster is not running" : "stopped " + String.join(", ", stopped);
            }
            case "status" -> status(cluster);
            default -> throw new UsageException("unknown action '" + action + "' (start, stop, status)");
        };
    }

    private String start(LocalCluster cluster) throws Exception {
        int count = dataNodes != null ? dataNodes
                : cluster.spec().map(s -> s.dataNodes().size()).orElse(LocalCluster.DEFAULT_DATANODES);
        if (timeoutSeconds <= 0) {
            throw new UsageException("--timeout takes seconds, more than 0");
        }
        LocalCluster.StartResult r;
        try (Progress p = ctx.progress().start("cluster", 0, 0)) {
            r = cluster.start(count, Duration.ofSeconds(timeoutSeconds), p::status);
        }
        Mount mount = ctx.namespace().mountLocalCluster();
        ClusterSpec spec = r.spec();
        String where = (mount != null ? mount.point() + " = " : "") + spec.uri() + ", web UI " + spec.webUi();
        if (r.alreadyRunning()) {
            return "the local cluster is already running (" + spec.dataNodes().size() + " DataNodes): " + where;
        }
        return "started " + String.join(", ", r.started()) + "; " + spec.dataNodes().size() + " DataNodes live after "
                + String.format(java.util.Locale.ROOT, "%.1f", r.took().toMillis() / 1000.0) + " s: " + where;
    }

    private Object status(LocalCluster cluster) {
        List<LocalCluster.ProcessStatus> processes = cluster.status();
        if (processes.isEmpty()) {
            return "no local cluster under " + cluster.home().dir() + " ('cluster start' creates one)";
        }
        Table t = Table.of("process", "pid", "state", "address", "web", "log").nullText("-");
        for (LocalCluster.ProcessStatus s : processes) {
            t.add(s.process(), s.pid(), s.state(), s.address(), s.web(), s.log().toString());
        }
        return t;
    }

    @Override
    public void render(Object result) {
        super.render(result);
        if (result instanceof Table && "status".equals(action) && outputFormat() == OutputFormat.TABLE) {
            new LocalCluster(ctx.namespace().home()).spec().ifPresent(s ->
                    ctx.out().println("web UI " + s.webUi() + "  (" + s.uri() + ", replication " + s.replication() + ")"));
            ctx.out().flush();
        }
    }
}
