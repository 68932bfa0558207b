package io.lakesh.command.sql;

import io.lakesh.command.LakeCommand;
import io.lakesh.output.Table;
import io.lakesh.sql.DuckEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Locale;

/**
 * `select …;` at the prompt arrives here (the splitter hands SQL statements over whole), as does
 * `sql 'select …'` in scripts: DuckDB runs it over the namespace's tables and files.
 */
@Command(name = "sql", description = "Run a SQL statement on embedded DuckDB; tables and files resolve in the namespace (select … ; works directly).")
public class SqlCommand extends LakeCommand {
    @Parameters(paramLabel = "STATEMENT", arity = "1..*", description = "The statement, e.g. select region, count(*) from orders group by 1")
    List<String> words;

    private io.lakesh.sql.SqlResult result;

    /** The statement as typed, without its closing `;`. */
    protected String statement() {
        String sql = String.join(" ", words).strip();
        return sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
    }

    /** Runs the statement on Trino (`trino …`, or any statement after `\engine trino`). */
    protected Object onTrino(String sql) throws Exception {
        result = io.lakesh.sql.TrinoEngine.of(ctx.namespace()).run(sql, ctx);
        if (result.table() == null) {
            // a statement without rows may have made or dropped tables: /trino lists afresh
            ((io.lakesh.trino.TrinoTree) ctx.namespace().tree(io.lakesh.namespace.Namespace.TRINO)).refresh();
        }
        if (isExplain(sql) && result.table() != null) {
            return planText(result.table());
        }
        return result.table();
    }

    /** A plan is text to read, not a one-cell table: its lines as Trino or DuckDB wrote them. */
    private static String planText(Table plan) {
        StringBuilder text = new StringBuilder();
        for (List<Object> row : plan.rows()) {
            text.append(row.get(row.size() - 1)).append('\n');
        }
        return text.toString().stripTrailing();
    }

    @Override
    public Object call() throws Exception {
        String sql = statement();
        if (ctx.sqlEngine() == io.lakesh.command.CommandContext.SqlEngine.TRINO) {
            return onTrino(sql);
        }
        if (ctx.sqlEngine() == io.lakesh.command.CommandContext.SqlEngine.AUTO) {
            io.lakesh.sql.EngineChoice.Choice choice = io.lakesh.sql.EngineChoice.choose(ctx.namespace(), sql);
            ctx.err().println(choice.line());
            ctx.err().flush();
            if (choice.trino()) {
                return onTrino(choice.sql());
            }
        }
        java.util.regex.Matcher insert = INSERT.matcher(sql);
        if (insert.matches()) {
            io.lakesh.iceberg.IcebergTables.Ref target = insertTarget(insert.group(1));
            if (target != null) {
                target.requireCatalog("insert");
                long rows = io.lakesh.sql.IcebergWrite.append(ctx, target.table(), insert.group(2), "insert");
                return "inserted " + rows + (rows == 1 ? " row" : " rows") + " into " + target.path();
            }
        }
        if (insert.matches() && isDelta(unquote(insert.group(1)))) {
            io.lakesh.delta.DeltaTables.Ref target = io.lakesh.delta.DeltaTables.resolveForWrite(ctx.namespace(), unquote(insert.group(1)), "insert");
            long rows = io.lakesh.sql.DeltaWrite.append(ctx, target, insert.group(2), "insert");
            return "inserted " + rows + (rows == 1 ? " row" : " rows") + " into " + target.path();
        }
        java.util.regex.Matcher ctas = CREATE_AS.matcher(sql);
        if (ctas.matches()) {
            String target = ctas.group(1).startsWith("'") ? ctas.group(1).substring(1, ctas.group(1).length() - 1) : ctas.group(1);
            String path = target.contains("/") ? target : io.lakesh.namespace.Namespace.ICEBERG + "/" + target.replace('.', '/');
            if (ctx.namespace().absolute(path).startsWith(io.lakesh.namespace.Namespace.ICEBERG + "/")) {
                long rows = io.lakesh.sql.IcebergWrite.createAs(ctx, path, ctas.group(2), java.util.Map.of());
                return "created " + ctx.namespace().absolute(path) + " with " + rows + (rows == 1 ? " row" : " rows");
            }
            if (target.contains("/") && isFileSystemPath(path)) {
                // a directory of a file system is a Delta table (Iceberg tables live in catalogs)
                long rows = io.lakesh.sql.DeltaWrite.createAs(ctx, path, ctas.group(2));
                return "created " + ctx.namespace().absolute(path) + " (delta) with " + rows + (rows == 1 ? " row" : " rows");
            }
        }
        result = DuckEngine.of(ctx.namespace()).runInNamespace(sql, ctx);
        if (isExplain(sql) && result.table() != null) {
            StringBuilder plan = new StringBuilder();
            result.notes().forEach(n -> plan.append("lakesh: ").append(n).append('\n'));
            return plan.append(planText(result.table())).toString();
        }
        return result.table();
    }

    /** `insert into <table> <query>`: into an Iceberg table of the namespace lakesh commits it, else DuckDB runs it. */
    private static final java.util.regex.Pattern INSERT = java.util.regex.Pattern.compile(
            "(?is)insert\\s+into\\s+('[^']+'|\\S+)\\s+((?:select|with|values|from|\\().*)");

    /** `create table <catalog path or lake.ns.t> as <query>`: a new Iceberg table; other names are DuckDB's. */
    private static final java.util.regex.Pattern CREATE_AS = java.util.regex.Pattern.compile(
            "(?is)create\\s+table\\s+('[^']+'|\\S+)\\s+as\\s+((?:select|with|values|from|\\().*)");

    private io.lakesh.iceberg.IcebergTables.Ref insertTarget(String typed) throws Exception {
        String name = typed.startsWith("'") ? typed.substring(1, typed.length() - 1) : typed;
        List<String> candidates = name.contains("/") || typed.startsWith("'") ? List.of(name)
                : List.of(name.replace('.', '/'), io.lakesh.namespace.Namespace.ICEBERG + "/" + name.replace('.', '/'));
        for (String c : candidates) {
            try {
                io.lakesh.namespace.Location l = ctx.namespace().resolve(c);
                if (ctx.namespace().stat(l).kind() == io.lakesh.store.Kind.ICEBERG) {
                    return io.lakesh.iceberg.IcebergTables.resolve(ctx.namespace(), l.display());
                }
            } catch (java.io.FileNotFoundException | io.lakesh.LakeshException e) {
                // not a table of the namespace under this reading of the name: try the next, else DuckDB's own table
            }
        }
        return null;
    }

    private static String unquote(String typed) {
        return typed.startsWith("'") ? typed.substring(1, typed.length() - 1) : typed;
    }

    private boolean isDelta(String path) throws java.io.IOException {
        try {
            return io.lakesh.delta.DeltaTables.isDelta(ctx.namespace(), path);
        } catch (java.io.FileNotFoundException | io.lakesh.LakeshException notATable) {
            return false; // DuckDB's own table
        }
    }

    private boolean isFileSystemPath(String path) {
        try {
            return !ctx.namespace().resolve(path).isVirtual();
        } catch (io.lakesh.LakeshException notInNamespace) {
            return false; // not a namespace path: DuckDB's own name
        }
    }

    private static boolean isExplain(String sql) {
        return sql.toLowerCase(Locale.ROOT).startsWith("explain");
    }

    @Override
    public void render(Object value) {
        super.render(value);
        if (result == null) {
            return;
        }
        if (result.table() == null && result.updateCount() > 0) {
            ctx.out().println(result.updateCount() + (result.updateCount() == 1 ? " row" : " rows"));
        }
        if (ctx.timing()) {
            Table t = result.table();
            String rows = t == null ? "" : t.rows().size() + (t.rows().size() == 1 ? " row" : " rows") + ", ";
            ctx.out().printf(Locale.ROOT, "(%s%.3f s, %s%s)%n", rows, result.millis() / 1000.0, result.engine(),
                    result.notes().isEmpty() ? "" : "; " + String.join("; ", result.notes()));
        }
        ctx.out().flush();
    }
}
