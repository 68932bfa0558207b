package io.lakesh.store;

import java.util.List;

/** One block of a file: where it starts, how long it is, which DataNodes hold a replica. */
public record BlockLocation(long offset, long length, List<String> hosts) {
}
