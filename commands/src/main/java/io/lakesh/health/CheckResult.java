package io.lakesh.health;

/**
 * What one check found: the part it looked at (component `hdfs`, `catalog` or `table`, and the target: a mount
 * point, catalog name or table path), the check's name, its status, the measured value (null when it could
 * not be measured) and a line a person reads.
 */
public record CheckResult(String component, String target, String check, Status status, Number value, String message) {

    public static CheckResult unknown(String component, String target, String check, String message) {
        return new CheckResult(component, target, check, Status.UNKNOWN, null, message);
    }

    public static CheckResult critical(String component, String target, String check, String message) {
        return new CheckResult(component, target, check, Status.CRITICAL, null, message);
    }
}
