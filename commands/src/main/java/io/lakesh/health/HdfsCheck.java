package io.lakesh.health;

import io.lakesh.command.Errors;
import io.lakesh.output.Bytes;
import org.apache.hadoop.fs.FsStatus;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.DatanodeInfo;
import org.apache.hadoop.hdfs.protocol.HdfsConstants.DatanodeReportType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One HDFS (a mount of the namespace) through its NameNode: reachable, safe mode, live and dead DataNodes,
 * under-replicated, missing and corrupt blocks, capacity. The same calls `hdfs dfsadmin -report` makes,
 * without fsck's walk of the namespace.
 */
public final class HdfsCheck implements HealthCheck {
    static final String COMPONENT = "hdfs";

    private final String mountPoint;
    private final DistributedFileSystem dfs;
    private final Thresholds thresholds;
    private final String whenUnreachable;
    private final List<CheckResult> results = new ArrayList<>();

    /** whenUnreachable: what is known about a NameNode that does not answer (e.g. the local cluster is stopped), or null. */
    public HdfsCheck(String mountPoint, DistributedFileSystem dfs, Thresholds thresholds, String whenUnreachable) {
        this.mountPoint = mountPoint;
        this.dfs = dfs;
        this.thresholds = thresholds;
        this.whenUnreachable = whenUnreachable;
    }

    @Override
    public String component() {
        return COMPONENT;
    }

    @Override
    public String headlineCheck() {
        return "namenode";
    }

    @Override
    public String target() {
        return mountPoint;
    }

    @Override
    public List<CheckResult> run() {
        FsStatus status;
        long start = System.nanoTime();
        try {
            status = dfs.getStatus();
        } catch (Exception e) {
            // nothing else can be asked of a NameNode that does not answer: one line with the reason
            return List.of(CheckResult.critical(COMPONENT, mountPoint, "namenode", Errors.message(e, mountPoint)
                    + (whenUnreachable == null ? "" : "; " + whenUnreachable)));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        results.add(new CheckResult(COMPONENT, mountPoint, "namenode", Status.OK, millis,
                dfs.getUri() + " answers (" + millis + " ms)"));
        measure("safe_mode", () -> {
            boolean on = dfs.isInSafeMode();
            return new CheckResult(COMPONENT, mountPoint, "safe_mode", on ? Status.CRITICAL : Status.OK, on ? 1 : 0,
                    on ? "the NameNode is in safe mode: writes are refused" : "off");
        });
        measure("live_datanodes", () -> {
            DatanodeInfo[] live = dfs.getDataNodeStats(DatanodeReportType.LIVE);
            return counted("live_datanodes", live.length, live.length + " live");
        });
        measure("dead_datanodes", () -> {
            DatanodeInfo[] dead = dfs.getDataNodeStats(DatanodeReportType.DEAD);
            return counted("dead_datanodes", dead.length, dead.length == 0 ? "none" : dead.length + " dead: "
                    + String.join(", ", Arrays.stream(dead).map(DatanodeInfo::getXferAddr).sorted().toList()));
        });
        measure("under_replicated_blocks", () -> {
            long n = dfs.getLowRedundancyBlocksCount();
            return counted("under_replicated_blocks", n, n == 0 ? "none" : n + " blocks have fewer replicas than their replication");
        });
        measure("missing_blocks", () -> {
            long n = dfs.getMissingBlocksCount();
            return counted("missing_blocks", n, n == 0 ? "none" : n + " blocks have no live replica: reads of their files fail");
        });
        measure("corrupt_blocks", () -> {
            long n = dfs.getCorruptBlocksCount();
            return counted("corrupt_blocks", n, n == 0 ? "none" : n + " blocks have corrupt replicas");
        });
        double percent = status.getCapacity() == 0 ? 0
                : Math.round(1000.0 * (status.getCapacity() - status.getRemaining()) / status.getCapacity()) / 10.0;
        results.add(new CheckResult(COMPONENT, mountPoint, "capacity_used_percent",
                thresholds.status("capacity_used_percent", percent), percent,
                new Bytes(status.getCapacity() - status.getRemaining()).human() + " of "
                        + new Bytes(status.getCapacity()).human() + " used"));
        return results;
    }

    private CheckResult counted(String check, long value, String message) {
        return new CheckResult(COMPONENT, mountPoint, check, thresholds.status(check, value), value, message);
    }

    private interface Measurement {
        CheckResult take() throws Exception;
    }

    /** A call the NameNode refuses (e.g. a report that needs the superuser) leaves that check UNKNOWN, not the rest. */
    private void measure(String check, Measurement m) {
        try {
            results.add(m.take());
        } catch (Exception e) {
            results.add(CheckResult.unknown(COMPONENT, mountPoint, check, Errors.message(e, mountPoint)));
        }
    }
}
