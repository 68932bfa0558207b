package io.lakesh.health;

import io.lakesh.LakeshException;
import io.lakesh.cluster.LocalCluster;
import io.lakesh.command.CancelledException;
import io.lakesh.command.Errors;
import io.lakesh.iceberg.Catalogs;
import io.lakesh.iceberg.IcebergTree;
import io.lakesh.namespace.Mount;
import io.lakesh.namespace.Namespace;
import io.lakesh.store.HadoopStore;
import io.lakesh.store.Store;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds what to check in a namespace (every HDFS mount, every Iceberg catalog, the Trino of `trino.url`, the tables asked for) and runs
 * the checks side by side, each within `health.timeout` seconds (default 10): a part that does not answer
 * in time is CRITICAL, so `health` never hangs on a dead host.
 */
public final class Health {
    static final double TIMEOUT_SECONDS = 10;

    private final Namespace namespace;
    private final Thresholds thresholds;
    private final long timeoutMillis;

    public Health(Namespace namespace) {
        this.namespace = namespace;
        this.thresholds = new Thresholds(namespace.config());
        this.timeoutMillis = (long) (1000 * thresholds.setting("timeout", TIMEOUT_SECONDS));
    }

    /** HDFS and catalogs, then the tables named (paths in the namespace), then with allTables every catalog table. */
    public List<CheckResult> run(List<String> tables, boolean allTables) {
        List<CheckResult> out = new ArrayList<>();
        List<HealthCheck> parts = new ArrayList<>(hdfsChecks(out));
        Catalogs catalogs = catalogs();
        for (String name : catalogs.names()) {
            parts.add(new CatalogCheck(catalogs, name));
        }
        if (TrinoCheck.configured(namespace.config())) {
            parts.add(new TrinoCheck(namespace.config(), thresholds));
        }
        out.addAll(runAll(parts));
        List<String> paths = new ArrayList<>(tables);
        if (allTables) {
            for (String name : catalogs.names()) {
                if (reachable(out, name)) {
                    paths.addAll(tablePaths(catalogs, name, out));
                }
            }
        }
        long now = System.currentTimeMillis();
        out.addAll(runAll(paths.stream().distinct().<HealthCheck>map(p -> new TableCheck(namespace, p, thresholds, now)).toList()));
        return out;
    }

    private List<HealthCheck> hdfsChecks(List<CheckResult> out) {
        List<HealthCheck> checks = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Mount m : namespace.mounts()) {
            if (!"hdfs".equals(m.target().getScheme()) || !seen.add(m.storeKey())) {
                continue; // one check per NameNode, under its first mount point
            }
            try {
                Store store = namespace.store(m.target());
                if (store instanceof HadoopStore h && h.fileSystem() instanceof DistributedFileSystem dfs) {
                    checks.add(new HdfsCheck(m.point(), dfs, thresholds, localClusterState(m)));
                }
            } catch (LakeshException e) {
                out.add(CheckResult.critical(HdfsCheck.COMPONENT, m.point(), "namenode", e.getMessage()));
            }
        }
        return checks;
    }

    /** For the local cluster's mount: a stopped cluster is the reason its NameNode does not answer. */
    private String localClusterState(Mount m) {
        if (!Namespace.LOCAL_CLUSTER.equals(m.origin())) {
            return null;
        }
        return new LocalCluster(namespace.home()).running() ? null : "the local cluster is stopped (cluster start)";
    }

    private Catalogs catalogs() {
        return ((IcebergTree) namespace.tree(IcebergTree.MOUNT)).catalogs();
    }

    private static boolean reachable(List<CheckResult> results, String catalog) {
        return results.stream().anyMatch(r -> r.component().equals(CatalogCheck.COMPONENT) && r.target().equals(catalog)
                && r.status() == Status.OK);
    }

    /** Every table of a catalog as its /iceberg path, namespaces walked down; time-boxed like a check. */
    private List<String> tablePaths(Catalogs catalogs, String name, List<CheckResult> out) {
        ExecutorService pool = Executors.newSingleThreadExecutor(Health::daemon);
        try {
            Future<List<String>> f = pool.submit(() -> {
                List<String> paths = new ArrayList<>();
                Catalog catalog = catalogs.catalog(name);
                if (catalog instanceof SupportsNamespaces sn) {
                    walk(catalog, sn, org.apache.iceberg.catalog.Namespace.empty(), name, paths);
                }
                return paths;
            });
            return f.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            out.add(timedOut(CatalogCheck.COMPONENT, name, "tables"));
        } catch (ExecutionException e) {
            out.add(CheckResult.critical(CatalogCheck.COMPONENT, name, "tables", Errors.message(e.getCause(), null)));
        } catch (InterruptedException e) {
            throw new CancelledException();
        } finally {
            pool.shutdownNow();
        }
        return List.of();
    }

    private static void walk(Catalog catalog, SupportsNamespaces sn, org.apache.iceberg.catalog.Namespace ns, String name,
                             List<String> paths) {
        for (org.apache.iceberg.catalog.Namespace child : sn.listNamespaces(ns)) {
            for (TableIdentifier id : catalog.listTables(child)) {
                paths.add(IcebergTree.MOUNT + "/" + name + "/" + String.join("/", id.namespace().levels()) + "/" + id.name());
            }
            walk(catalog, sn, child, name, paths);
        }
    }

    /** Runs the checks on a few threads (the NameNode and catalogs answer in parallel); results in check order. */
    private List<CheckResult> runAll(List<HealthCheck> checks) {
        if (checks.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(4, checks.size()), Health::daemon);
        try {
            Map<HealthCheck, Future<List<CheckResult>>> running = new LinkedHashMap<>();
            for (HealthCheck c : checks) {
                running.put(c, pool.submit(c::run));
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) * ((checks.size() + 3) / 4);
            List<CheckResult> out = new ArrayList<>();
            for (var e : running.entrySet()) {
                try {
                    out.addAll(e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (TimeoutException t) {
                    e.getValue().cancel(true);
                    out.add(timedOut(e.getKey().component(), e.getKey().target(), e.getKey().headlineCheck()));
                } catch (ExecutionException x) {
                    out.add(CheckResult.unknown(e.getKey().component(), e.getKey().target(), "check",
                            Errors.message(x.getCause(), null)));
                }
            }
            return out;
        } catch (InterruptedException e) {
            throw new CancelledException();
        } finally {
            pool.shutdownNow();
        }
    }

    private CheckResult timedOut(String component, String target, String check) {
        return CheckResult.critical(component, target, check,
                "no answer within " + timeoutMillis / 1000.0 + " s (health.timeout in lakesh.conf)");
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "health-check");
        t.setDaemon(true);
        return t;
    }
}
