package io.lakesh.health;

import java.util.List;

/** The checks of one part (an HDFS, a catalog, a table): run once, they say what they found. */
public interface HealthCheck {
    String component();

    /** What is checked: a mount point, a catalog name, a table path. */
    String target();

    /** The check a part that does not answer in time is reported under (`namenode`, `reachable`). */
    default String headlineCheck() {
        return "metadata";
    }

    /** The results; a failure of the part itself is a result (CRITICAL or UNKNOWN), not an exception. */
    List<CheckResult> run();
}
