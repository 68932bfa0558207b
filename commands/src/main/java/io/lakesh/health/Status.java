package io.lakesh.health;

import java.util.Collection;

/**
 * A check's verdict, with the monitoring-plugin exit codes (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).
 * The worst of several is ranked OK < UNKNOWN < WARNING < CRITICAL (monitoring-plugins' max_state_alt):
 * a check that could not run keeps the whole from reading healthy, but a known problem outranks it.
 */
public enum Status {
    OK(0, 0), WARNING(1, 2), CRITICAL(2, 3), UNKNOWN(3, 1);

    private final int exitCode;
    private final int severity;

    Status(int exitCode, int severity) {
        this.exitCode = exitCode;
        this.severity = severity;
    }

    public int exitCode() {
        return exitCode;
    }

    public Status worse(Status other) {
        return other.severity > severity ? other : this;
    }

    /** The worst status of the results; OK when there are none. */
    public static Status worst(Collection<CheckResult> results) {
        Status s = OK;
        for (CheckResult r : results) {
            s = s.worse(r.status());
        }
        return s;
    }
}
