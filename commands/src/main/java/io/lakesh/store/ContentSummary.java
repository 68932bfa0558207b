package io.lakesh.store;

/** Totals below a path: bytes, bytes with every replica counted, files and directories. */
public record ContentSummary(long length, long spaceConsumed, long files, long directories) {
}
