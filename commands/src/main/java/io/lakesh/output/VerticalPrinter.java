package io.lakesh.output;

import java.io.PrintWriter;
import java.util.List;

/** One block per row, `column | value`, as Trino's CLI prints wide results. */
final class VerticalPrinter implements Printer {
    @Override
    public void print(Table table, PrintWriter out, PrintOptions o) {
        int nameWidth = 0;
        for (String c : table.columns()) {
            nameWidth = Math.max(nameWidth, c.length());
        }
        int record = 0;
        for (List<Object> row : table.rows()) {
            String title = "-[ RECORD " + (++record) + " ]";
            out.println(title + "-".repeat(Math.max(0, nameWidth + 3 - title.length())));
            for (int c = 0; c < row.size(); c++) {
                String name = table.columns().get(c);
                out.println(name + " ".repeat(nameWidth - name.length()) + " | " + Values.human(row.get(c), o, table));
            }
        }
        out.flush();
    }
}
