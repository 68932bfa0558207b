package io.lakesh.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rows of values under named columns: what every listing command returns and every printer prints. */
public final class Table {
    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();
    private boolean header = true;
    private String nullText = "NULL";

    public Table(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    public static Table of(String... columns) {
        return new Table(Arrays.asList(columns));
    }

    public Table add(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("row has " + values.length + " values for " + columns.size() + " columns");
        }
        rows.add(Arrays.asList(values));
        return this;
    }

    /** A plain listing (`ls` without -l) prints without a header line in the aligned format. */
    public Table withoutHeader() {
        header = false;
        return this;
    }

    /** How a missing value reads in human formats (`-` where NULL would be noise, e.g. ls -l replication). */
    public Table nullText(String text) {
        nullText = text;
        return this;
    }

    public String nullText() {
        return nullText;
    }

    public boolean header() {
        return header;
    }

    public List<String> columns() {
        return columns;
    }

    public List<List<Object>> rows() {
        return rows;
    }

    /** Whether a column holds numbers (right-aligned in human formats). */
    public boolean numeric(int column) {
        boolean any = false;
        for (List<Object> row : rows) {
            Object v = row.get(column);
            if (v == null) {
                continue;
            }
            if (!(v instanceof Number || v instanceof Bytes)) {
                return false;
            }
            any = true;
        }
        return any;
    }
}
