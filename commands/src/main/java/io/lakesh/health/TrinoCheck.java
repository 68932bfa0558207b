package io.lakesh.health;

import io.lakesh.LakeshException;
import io.lakesh.config.Config;
import io.lakesh.output.Table;
import io.lakesh.sql.TrinoEngine;

import java.util.ArrayList;
import java.util.List;

/**
 * The Trino coordinator of `trino.url`: reachable (and its version), the active nodes that take work
 * (system.runtime.nodes), and a probe query (`trino.health.probe`, default `SELECT 1`) with its time. Through
 * its own {@link TrinoEngine}, so a check abandoned at `health.timeout` leaves the session's connection alone.
 */
public final class TrinoCheck implements HealthCheck {
    static final String COMPONENT = "trino";
    static final String PROBE_KEY = "trino.health.probe";
    static final String DEFAULT_PROBE = "SELECT 1";

    private final Config config;
    private final Thresholds thresholds;
    private final String url;

    public TrinoCheck(Config config, Thresholds thresholds) {
        this.config = config;
        this.thresholds = thresholds;
        this.url = config.get("trino.url", "").strip();
    }

    /** Whether lakesh.conf names a Trino to check. */
    static boolean configured(Config config) {
        String url = config.get("trino.url");
        return url != null && !url.isBlank();
    }

    @Override
    public String component() {
        return COMPONENT;
    }

    @Override
    public String target() {
        return url;
    }

    @Override
    public String headlineCheck() {
        return "reachable";
    }

    private static boolean isCoordinator(List<Object> node) {
        return "true".equalsIgnoreCase(String.valueOf(node.get(0))); // a BOOLEAN column, whatever type the rows carry
    }

    @Override
    public List<CheckResult> run() {
        List<CheckResult> out = new ArrayList<>();
        try (TrinoEngine trino = TrinoEngine.unshared(config)) {
            long start = System.nanoTime();
            Table nodes;
            try {
                nodes = trino.query("SELECT coordinator, state, node_version FROM system.runtime.nodes");
            } catch (LakeshException e) {
                return List.of(CheckResult.critical(COMPONENT, url, "reachable", e.getMessage()));
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            String version = nodes.rows().stream().filter(r -> isCoordinator(r)).map(r -> String.valueOf(r.get(2)))
                    .findFirst().orElse("?");
            out.add(new CheckResult(COMPONENT, url, "reachable", Status.OK, millis, "Trino " + version + " answers (" + millis + " ms)"));

            long active = nodes.rows().stream().filter(r -> "active".equals(r.get(1))).count();
            long workers = nodes.rows().stream().filter(r -> "active".equals(r.get(1)) && !isCoordinator(r)).count();
            out.add(new CheckResult(COMPONENT, url, "active_workers", thresholds.status("active_workers", active), active,
                    active + " active (" + workers + " workers" + (active > workers ? " and the coordinator" : "") + ") of "
                            + nodes.rows().size() + " nodes"));

            String probe = config.get(PROBE_KEY, DEFAULT_PROBE).strip();
            long probeStart = System.nanoTime();
            try {
                trino.query(probe);
                long probeMillis = (System.nanoTime() - probeStart) / 1_000_000;
                out.add(new CheckResult(COMPONENT, url, "probe_query_millis", thresholds.status("probe_query_millis", probeMillis),
                        probeMillis, probe + ": " + probeMillis + " ms"));
            } catch (LakeshException e) {
                out.add(CheckResult.critical(COMPONENT, url, "probe_query_millis", probe + ": " + e.getMessage()));
            }
        } catch (LakeshException e) {
            return List.of(CheckResult.critical(COMPONENT, url, "reachable", e.getMessage())); // e.g. a trino.url without a host
        }
        return out;
    }
}
