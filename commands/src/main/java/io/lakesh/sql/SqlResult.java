package io.lakesh.sql;

import io.lakesh.output.Table;

import java.util.List;

/**
 * What a SQL statement gave, whichever engine ran it: rows (or null for a statement without rows), the rows
 * changed, notes on what was read, the time it took, and the engine's name for `\timing`.
 */
public record SqlResult(Table table, long updateCount, List<String> notes, long millis, String engine) {
}
