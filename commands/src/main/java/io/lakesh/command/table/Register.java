package io.lakesh.command.table;

import io.lakesh.LakeshException;
import io.lakesh.UsageException;
import io.lakesh.command.LakeCommand;
import io.lakesh.delta.DeltaTables;
import io.lakesh.namespace.Location;
import io.lakesh.namespace.Namespace;
import io.lakesh.sql.TrinoEngine;
import io.lakesh.trino.TrinoTree;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/**
 * `register /hdfs/lake/events as trino.sales.events`: Trino's Delta connector learns a table lakesh knows by
 * its path (`system.register_table`), so both read the same files and log.
 */
@Command(name = "register", description = "Register a Delta table in Trino by its path: register /hdfs/lake/events [as] trino.sales.events "
        + "(or delta.sales.events, /trino/delta/sales/events; trino.<schema>.<table> means the catalog of trino.delta-catalog, default delta).")
public class Register extends LakeCommand {
    /** The Trino catalog `trino.<schema>.<table>` and `<schema>.<table>` name. */
    static final String DELTA_CATALOG_KEY = "trino.delta-catalog";

    @Parameters(paramLabel = "TABLE [as] NAME", arity = "2..3", description = "The Delta table's path, then the Trino name (`as` optional).")
    List<String> words;

    @Override
    public Object call() throws Exception {
        if (words.size() == 3 && !words.get(1).equalsIgnoreCase("as")) {
            throw new UsageException("register takes <delta table> [as] <catalog>.<schema>.<table>, not '" + String.join(" ", words) + "'");
        }
        String table = words.get(0);
        List<String> name = trinoName(words.get(words.size() - 1));
        boolean delta;
        try {
            delta = DeltaTables.isDelta(ctx.namespace(), table);
        } catch (java.io.FileNotFoundException e) {
            throw new LakeshException("'" + table + "': No such file or directory");
        }
        if (!delta) {
            throw new LakeshException("'" + table + "' is not a Delta table (a directory with _delta_log/); register is for Delta tables"
                    + " (Iceberg tables reach Trino through the shared JDBC catalog)");
        }
        Location l = ctx.namespace().resolve(table);
        String location = l.uri();
        TrinoEngine trino = TrinoEngine.of(ctx.namespace());
        // Trino registers into an existing schema only; a new one holds nothing but the names registered in it
        trino.run("CREATE SCHEMA IF NOT EXISTS " + TrinoTree.quoted(name.subList(0, 2)), ctx);
        trino.run("CALL " + TrinoTree.quoted(List.of(name.get(0), "system")) + ".register_table(schema_name => " + literal(name.get(1))
                + ", table_name => " + literal(name.get(2)) + ", table_location => " + literal(location) + ")", ctx);
        ((TrinoTree) ctx.namespace().tree(Namespace.TRINO)).refresh();
        return "registered " + l.display() + " in Trino as " + String.join(".", name) + " (" + TrinoTree.MOUNT + "/" + String.join("/", name) + ")";
    }

    /** catalog, schema, table from `c.s.t`, `trino.s.t`, `s.t` or `/trino/c/s/t`. */
    private List<String> trinoName(String typed) {
        String dotted = typed.startsWith(TrinoTree.MOUNT + "/") ? typed.substring(TrinoTree.MOUNT.length() + 1).replace('/', '.') : typed;
        List<String> parts = List.of(dotted.split("\\.", -1));
        if (parts.stream().anyMatch(String::isBlank) || parts.size() < 2 || parts.size() > 3) {
            throw new UsageException("register needs a Trino name <catalog>.<schema>.<table> (or trino.<schema>.<table>), not '" + typed + "'");
        }
        String deltaCatalog = ctx.namespace().config().get(DELTA_CATALOG_KEY, "delta");
        if (parts.size() == 2) {
            return List.of(deltaCatalog, parts.get(0), parts.get(1));
        }
        return parts.get(0).equals("trino") ? List.of(deltaCatalog, parts.get(1), parts.get(2)) : parts;
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
