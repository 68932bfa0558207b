package io.lakesh.command;

/**
 * A command whose exit status follows the monitoring-plugin convention (`health`): 0 OK, 1 WARNING, 2 CRITICAL,
 * 3 UNKNOWN, where its own usage errors and failures are UNKNOWN, so a monitor never reads them as CRITICAL.
 */
public interface MonitoringPlugin {
    int UNKNOWN = 3;

    /** The status of a run that completed. */
    int exitStatus();
}
