package io.lakesh.store;

/** Capacity of the file system behind a store (what `df` shows). */
public record SpaceUsage(String filesystem, long capacity, long used, long remaining) {
}
