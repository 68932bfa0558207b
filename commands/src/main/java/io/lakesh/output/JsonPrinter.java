package io.lakesh.output;

import java.io.PrintWriter;
import java.util.List;

/** A JSON array of objects, one per row: numbers as numbers, sizes raw, times ISO-8601 UTC. */
final class JsonPrinter implements Printer {
    @Override
    public void print(Table table, PrintWriter out, PrintOptions o) {
        List<String> columns = table.columns();
        if (table.rows().isEmpty()) {
            out.println("[]");
            out.flush();
            return;
        }
        out.println("[");
        for (int r = 0; r < table.rows().size(); r++) {
            List<Object> row = table.rows().get(r);
            StringBuilder sb = new StringBuilder("  {");
            for (int c = 0; c < columns.size(); c++) {
                if (c > 0) {
                    sb.append(", ");
                }
                sb.append(quote(columns.get(c))).append(": ").append(value(row.get(c)));
            }
            sb.append(r == table.rows().size() - 1 ? "}" : "},");
            out.println(sb);
        }
        out.println("]");
        out.flush();
    }

    private static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Number || v instanceof Boolean || v instanceof Bytes) {
            return v.toString();
        }
        return quote(Values.machine(v));
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
