package io.lakesh.output;

import java.io.PrintWriter;
import java.util.List;

/** CSV (RFC 4180 quoting) and TSV (backslash escapes), header first, raw values. */
final class DelimitedPrinter implements Printer {
    private final char separator;

    DelimitedPrinter(char separator) {
        this.separator = separator;
    }

    @Override
    public void print(Table table, PrintWriter out, PrintOptions o) {
        row(out, table.columns().stream().map(Object.class::cast).toList());
        for (List<Object> r : table.rows()) {
            row(out, r);
        }
        out.flush();
    }

    private void row(PrintWriter out, List<Object> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(separator);
            }
            sb.append(escape(Values.machine(values.get(i))));
        }
        out.println(sb);
    }

    private String escape(String s) {
        if (separator == '\t') {
            return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
        }
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
