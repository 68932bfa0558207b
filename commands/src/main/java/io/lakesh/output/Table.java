package io.lakesh.output;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rows of values under named columns: what every listing command returns and every printer prints. */
public final class Table implements Tabular {
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

    @Override
    public Table table() {
        return this;
    }

    /** The rows as maps of column to value, as scripts get them (sizes as plain numbers). */
    @Override
    public List<Map<String, Object>> items() {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                Object v = row.get(c);
                m.put(columns.get(c), v instanceof Bytes b ? (Object) b.value() : v);
            }
            out.add(m);
        }
        return out;
    }

    /** A table of script values: maps (keys are columns), records (components are columns), or plain values. */
    public static Table fromItems(List<?> items) {
        Object first = items.stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
        if (first instanceof Map<?, ?> m) {
            List<String> cols = new ArrayList<>();
            for (Object item : items) {
                if (item instanceof Map<?, ?> row) {
                    row.keySet().forEach(k -> {
                        if (!cols.contains(String.valueOf(k))) {
                            cols.add(String.valueOf(k));
                        }
                    });
                }
            }
            Table t = new Table(cols);
            for (Object item : items) {
                Map<?, ?> row = item instanceof Map<?, ?> r ? r : Map.of();
                t.rows.add(cols.stream().map(c -> (Object) row.get(c)).toList());
            }
            return t;
        }
        if (first != null && first.getClass().isRecord()) {
            RecordComponent[] components = first.getClass().getRecordComponents();
            Table t = new Table(Arrays.stream(components).map(RecordComponent::getName).toList());
            for (Object item : items) {
                List<Object> row = new ArrayList<>(components.length);
                for (RecordComponent c : components) {
                    try {
                        row.add(item == null ? null : c.getAccessor().invoke(item));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot read " + c.getName() + " of " + item, e);
                    }
                }
                t.rows.add(row);
            }
            return t;
        }
        Table t = Table.of("value");
        items.forEach(i -> t.rows.add(Arrays.asList(i)));
        return t;
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
