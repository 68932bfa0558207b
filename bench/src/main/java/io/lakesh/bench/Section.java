package io.lakesh.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark section: measures, then leaves its part of BENCHMARKS.md in {@link #text} and its lines of
 * the summary table in {@link #summary}. Sections are reported in the order of their numbers.
 */
abstract class Section {
    protected final Harness h;
    final StringBuilder text = new StringBuilder();
    final List<String[]> summary = new ArrayList<>();

    Section(Harness h) {
        this.h = h;
    }

    /** The name --only selects it by. */
    abstract String name();

    /** Its number in BENCHMARKS.md. */
    abstract int number();

    abstract void run() throws Exception;

    /** A line of the summary table: benchmark, goal, lakesh, peer, ratio, goal met. */
    void summary(String... cells) {
        summary.add(cells);
    }
}
