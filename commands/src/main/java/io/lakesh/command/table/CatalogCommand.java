package io.lakesh.command.table;

import io.lakesh.LakeshException;
import io.lakesh.UsageException;
import io.lakesh.command.LakeCommand;
import io.lakesh.config.Config;
import io.lakesh.iceberg.Catalogs;
import io.lakesh.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

@Command(name = "catalog", description = "Iceberg catalogs: catalog list | catalog add NAME --type jdbc|hadoop|rest --uri … --warehouse … | catalog remove NAME.")
public class CatalogCommand extends LakeCommand {
    private static final Set<String> TYPES = Set.of("jdbc", "hadoop", "rest");

    @Parameters(index = "0", paramLabel = "ACTION", description = "list, add or remove.")
    String action;
    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "The catalog's name (its path is /iceberg/NAME).")
    String name;
    @Option(names = "--type", paramLabel = "TYPE", description = "jdbc, hadoop or rest.")
    String type;
    @Option(names = "--uri", paramLabel = "URI", description = "JDBC URL (jdbc:postgresql://…) or REST endpoint.")
    String uri;
    @Option(names = "--warehouse", paramLabel = "URI", description = "Where new tables go, e.g. hdfs://namenode:8020/warehouse.")
    String warehouse;
    @Option(names = "--property", paramLabel = "KEY=VALUE", description = "Any other catalog property (jdbc.user, jdbc.password, …).")
    Map<String, String> properties = new HashMap<>();

    @Override
    public Object call() throws Exception {
        Config config = ctx.namespace().config();
        String prefix = "catalog." + name + ".";
        switch (action) {
            case "list" -> {
                Table t = Table.of("name", "type", "uri", "warehouse", "origin").nullText("-");
                for (String n : new Catalogs(ctx.namespace().home(), config, () -> null).names()) {
                    Map<String, String> p = config.withPrefix("catalog." + n + ".");
                    boolean embedded = n.equals(Catalogs.EMBEDDED) && !p.containsKey("type");
                    t.add(n, embedded ? "jdbc (sqlite)" : p.get("type"),
                            embedded ? "jdbc:sqlite:" + ctx.namespace().home().dir().resolve("catalog.db") : p.get("uri"),
                            embedded ? "/local" : p.get("warehouse"), embedded ? "embedded" : "lakesh.conf");
                }
                return t;
            }
            case "add" -> {
                requireName();
                if (type == null || !TYPES.contains(type)) {
                    throw new UsageException("catalog add needs --type jdbc, hadoop or rest");
                }
                if (!config.withPrefix(prefix).isEmpty()) {
                    throw new LakeshException("catalog '" + name + "' exists; 'catalog remove " + name + "' first");
                }
                config.set(prefix + "type", type);
                if (uri != null) {
                    config.set(prefix + "uri", uri);
                }
                if (warehouse != null) {
                    config.set(prefix + "warehouse", warehouse);
                }
                properties.forEach((k, v) -> config.set(prefix + k, v));
                config.save();
                return "added catalog " + name + " at /iceberg/" + name + " (saved in lakesh.conf)";
            }
            case "remove" -> {
                requireName();
                Map<String, String> existing = config.withPrefix(prefix);
                if (existing.isEmpty()) {
                    throw new LakeshException("no catalog '" + name + "' in lakesh.conf (the embedded 'lake' cannot be removed)");
                }
                existing.keySet().forEach(k -> config.set(prefix + k, null));
                config.save();
                return "removed catalog " + name + " from lakesh.conf (its tables and files are untouched)";
            }
            default -> throw new UsageException("unknown action '" + action + "' (list, add, remove)");
        }
    }

    private void requireName() {
        if (name == null || !name.matches("[A-Za-z_][\\w-]*")) {
            throw new UsageException("name the catalog: letters, digits, '_' or '-'");
        }
    }
}
