package io.lakesh.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lakesh.output.Table;
import io.lakesh.output.Tabular;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** All results of one `health` run and its three faces: a table (any printer), JSON, Prometheus text. */
public record HealthReport(List<CheckResult> checks) implements Tabular {

    public Status status() {
        return Status.worst(checks);
    }

    @Override
    public Table table() {
        Table t = Table.of("component", "target", "check", "status", "value", "message").nullText("-");
        for (CheckResult r : checks) {
            t.add(r.component(), r.target(), r.check(), r.status().name(), r.value(), r.message());
        }
        return t;
    }

    /** Scripts get the results themselves: `lake.health().findAll { it.status() != Status.OK }`. */
    @Override
    public List<CheckResult> items() {
        return checks;
    }

    /** `status: WARNING (2 of 14 checks not OK)` under the table. */
    public String summary() {
        long notOk = checks.stream().filter(r -> r.status() != Status.OK).count();
        return "status: " + status() + " (" + notOk + " of " + checks.size() + " checks not OK)";
    }

    /** `{"status": …, "exit_code": …, "checks": [{component, target, check, status, value, message}, …]}`. */
    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("status", status().name());
        root.put("exit_code", status().exitCode());
        List<Map<String, Object>> list = new ArrayList<>();
        for (CheckResult r : checks) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("component", r.component());
            m.put("target", r.target());
            m.put("check", r.check());
            m.put("status", r.status().name());
            m.put("value", r.value());
            m.put("message", r.message());
            list.add(m);
        }
        root.put("checks", list);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("health results do not serialise: " + e.getMessage(), e);
        }
    }

    /**
     * The Prometheus text format, for node-exporter's textfile collector: each check's status (0 OK, 1 WARNING,
     * 2 CRITICAL, 3 UNKNOWN) and value as gauges labelled by component, target and check, and the overall status.
     */
    public String prometheus() {
        StringBuilder sb = new StringBuilder();
        sb.append("# HELP lakesh_health_status Status of a health check: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.\n");
        sb.append("# TYPE lakesh_health_status gauge\n");
        for (CheckResult r : checks) {
            sb.append("lakesh_health_status").append(labels(r)).append(' ').append(r.status().exitCode()).append('\n');
        }
        sb.append("# HELP lakesh_health_value The value a health check measured (its unit is in the check's name).\n");
        sb.append("# TYPE lakesh_health_value gauge\n");
        for (CheckResult r : checks) {
            if (r.value() != null) {
                sb.append("lakesh_health_value").append(labels(r)).append(' ').append(number(r.value())).append('\n');
            }
        }
        sb.append("# HELP lakesh_health_overall_status Worst status of all health checks: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.\n");
        sb.append("# TYPE lakesh_health_overall_status gauge\n");
        sb.append("lakesh_health_overall_status ").append(status().exitCode()).append('\n');
        return sb.toString();
    }

    private static String labels(CheckResult r) {
        return "{component=\"" + escape(r.component()) + "\",target=\"" + escape(r.target()) + "\",check=\""
                + escape(r.check()) + "\"}";
    }

    /** Label values escape backslash, double quote and line feed (the text format's rule). */
    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String number(Number n) {
        return n instanceof Double || n instanceof Float ? Double.toString(n.doubleValue()) : Long.toString(n.longValue());
    }
}
