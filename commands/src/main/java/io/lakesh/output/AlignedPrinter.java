package io.lakesh.output;

import java.io.PrintWriter;
import java.util.List;

/** Columns aligned with two spaces between them, numbers to the right; too wide for the terminal: vertical. */
final class AlignedPrinter implements Printer {
    @Override
    public void print(Table table, PrintWriter out, PrintOptions o) {
        int n = table.columns().size();
        int[] width = new int[n];
        boolean[] right = new boolean[n];
        String[][] cells = new String[table.rows().size()][n];
        for (int c = 0; c < n; c++) {
            right[c] = table.numeric(c);
            width[c] = table.header() ? table.columns().get(c).length() : 0;
        }
        for (int r = 0; r < cells.length; r++) {
            List<Object> row = table.rows().get(r);
            for (int c = 0; c < n; c++) {
                cells[r][c] = Values.human(row.get(c), o, table);
                width[c] = Math.max(width[c], cells[r][c].length());
            }
        }
        int total = 2 * (n - 1);
        for (int w : width) {
            total += w;
        }
        if (o.width() > 0 && total > o.width() && n > 2) {
            OutputFormat.VERTICAL.printer().print(table, out, o);
            return;
        }
        if (table.header()) {
            line(out, table.columns().toArray(String[]::new), width, right);
        }
        for (String[] row : cells) {
            line(out, row, width, right);
        }
        out.flush();
    }

    private static void line(PrintWriter out, String[] cells, int[] width, boolean[] right) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            boolean last = c == cells.length - 1;
            String pad = " ".repeat(width[c] - cells[c].length());
            if (right[c]) {
                sb.append(pad).append(cells[c]);
            } else {
                sb.append(cells[c]);
                if (!last) {
                    sb.append(pad);
                }
            }
            if (!last) {
                sb.append("  ");
            }
        }
        out.println(sb.toString().stripTrailing());
    }
}
