package io.lakesh.output;

import java.io.PrintWriter;

/** One output format. */
public interface Printer {
    void print(Table table, PrintWriter out, PrintOptions options);
}
