package io.lakesh.output;

import java.util.List;

/**
 * A command result with two faces: a {@link Table} that the printers show, and the items a script gets
 * (records or maps), so the shell and the scripting API read the same result.
 */
public interface Tabular {
    Table table();

    List<?> items();
}
