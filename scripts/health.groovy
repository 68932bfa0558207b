#!/usr/bin/env -S lakesh -f
// Health report for cron and monitors: HDFS, catalogs and the tables named (every catalog table with --tables).
// Prints the checks that are not OK and a summary line; exit status 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
// Usage: lakesh -f scripts/health.groovy [--tables] [TABLE...]   (levels: health.<check>.warning/.critical in lakesh.conf)
import io.lakesh.health.Status

def checks
try {
    checks = lake.health(args)
} catch (io.lakesh.LakeshException e) {
    // the checks could not run at all (a bad setting, a bad argument): UNKNOWN, as monitors expect
    err.println e.message
    exit Status.UNKNOWN.exitCode()
}
def problems = checks.findAll { it.status() != Status.OK }
if (problems) {
    show problems.collect { [component: it.component(), target: it.target(), check: it.check(),
                             status: it.status().name(), value: it.value(), message: it.message()] }
}
def worst = Status.worst(checks)
println "${worst}: ${checks.size()} checks, ${problems.size()} not OK"
exit worst.exitCode()
