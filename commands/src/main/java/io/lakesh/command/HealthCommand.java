package io.lakesh.command;

import io.lakesh.UsageException;
import io.lakesh.health.Health;
import io.lakesh.health.HealthReport;
import io.lakesh.health.Status;
import io.lakesh.output.OutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

@Command(name = "health", description = "Health of HDFS, catalogs and tables; exit status 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.")
public class HealthCommand extends LakeCommand implements MonitoringPlugin {
    @Option(names = "--json", description = "Print the overall status and every check as one JSON object.")
    boolean json;
    @Option(names = "--prometheus", description = "Print gauges in the Prometheus text format (node-exporter's textfile collector).")
    boolean prometheus;
    @Option(names = "--tables", description = "Check every table of every catalog too.")
    boolean allTables;
    @Parameters(paramLabel = "TABLE", arity = "0..*", description = "Tables to check as well (Iceberg or Delta, by path).")
    List<String> tables = new ArrayList<>();

    /** The worst status of this run (a Status, not the report: picocli's look at the fields would load the report's classes). */
    private Status worst;

    @Override
    public Object call() {
        if (json && prometheus) {
            throw new UsageException("--json and --prometheus are two outputs; choose one");
        }
        HealthReport report = new HealthReport(new Health(ctx.namespace()).run(tables, allTables));
        worst = report.status();
        return report;
    }

    @Override
    public void render(Object result) {
        if (!(result instanceof HealthReport r)) {
            super.render(result);
            return;
        }
        if (json || prometheus) {
            ctx.out().print(json ? r.json() + "\n" : r.prometheus());
            ctx.out().flush();
            return;
        }
        super.render(r);
        if (outputFormat() == OutputFormat.TABLE) {
            ctx.out().println(r.summary());
            ctx.out().flush();
        }
    }

    @Override
    public int exitStatus() {
        return worst == null ? Status.OK.exitCode() : worst.exitCode();
    }
}
