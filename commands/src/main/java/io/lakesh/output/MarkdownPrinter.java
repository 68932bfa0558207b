package io.lakesh.output;

import java.io.PrintWriter;
import java.util.List;

/** A GitHub-flavoured markdown table; numeric columns aligned right. */
final class MarkdownPrinter implements Printer {
    @Override
    public void print(Table table, PrintWriter out, PrintOptions o) {
        int n = table.columns().size();
        StringBuilder head = new StringBuilder("|");
        StringBuilder rule = new StringBuilder("|");
        for (int c = 0; c < n; c++) {
            head.append(' ').append(escape(table.columns().get(c))).append(" |");
            rule.append(table.numeric(c) ? " ---: |" : " --- |");
        }
        out.println(head);
        out.println(rule);
        for (List<Object> row : table.rows()) {
            StringBuilder sb = new StringBuilder("|");
            for (Object v : row) {
                sb.append(' ').append(escape(Values.human(v, o, table))).append(" |");
            }
            out.println(sb);
        }
        out.flush();
    }

    private static String escape(String s) {
        return s.replace("|", "\\|").replace("\n", "<br>");
    }
}
