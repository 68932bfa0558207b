package io.lakesh.command.table;

import io.lakesh.LakeshException;
import io.lakesh.UsageException;
import io.lakesh.command.LakeCommand;
import io.lakesh.iceberg.IcebergTables;
import io.lakesh.iceberg.TableDefinition;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.types.Type;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Locale;

@Command(name = "alter", description = "Evolve a table's schema: alter table T add column C TYPE | rename column A to B | drop column C | alter column C type TYPE.")
public class AlterTable extends LakeCommand {
    @Parameters(index = "0", paramLabel = "table", description = "The word 'table'.")
    String what;
    @Parameters(index = "1", paramLabel = "TABLE", description = "The table (catalog path).")
    String table;
    @Parameters(index = "2..*", arity = "2..*", paramLabel = "CHANGE", description = "add column C TYPE, rename column A to B, drop column C, alter column C type TYPE.")
    List<String> change;

    @Override
    public Object call() throws Exception {
        if (!"table".equalsIgnoreCase(what)) {
            throw new UsageException("alter changes tables: alter table PATH <change>");
        }
        IcebergTables.Ref ref = IcebergTables.resolve(ctx.namespace(), table);
        ref.requireCatalog("a schema change");
        List<String> w = change.stream().map(s -> s.replaceAll(",$", "")).toList();
        String verb = w.get(0).toLowerCase(Locale.ROOT);
        int i = w.size() > 1 && w.get(1).equalsIgnoreCase("column") ? 2 : 1;
        UpdateSchema update = ref.table().updateSchema();
        String done;
        try {
            switch (verb) {
                case "add" -> {
                    need(w, i + 2, "add column NAME TYPE");
                    Type type = TableDefinition.type(String.join(" ", w.subList(i + 1, w.size())).toLowerCase(Locale.ROOT), w.get(i));
                    update.addColumn(w.get(i), type);
                    done = "added column " + w.get(i) + " " + type;
                }
                case "rename" -> {
                    need(w, i + 3, "rename column OLD to NEW");
                    update.renameColumn(w.get(i), w.get(i + 2));
                    done = "renamed column " + w.get(i) + " to " + w.get(i + 2);
                }
                case "drop" -> {
                    need(w, i + 1, "drop column NAME");
                    update.deleteColumn(w.get(i));
                    done = "dropped column " + w.get(i);
                }
                case "alter" -> {
                    need(w, i + 3, "alter column NAME type TYPE");
                    Type type = TableDefinition.type(String.join(" ", w.subList(i + 2, w.size())).toLowerCase(Locale.ROOT), w.get(i));
                    if (!type.isPrimitiveType()) {
                        throw new UsageException("only primitive types can be widened");
                    }
                    update.updateColumn(w.get(i), type.asPrimitiveType());
                    done = "column " + w.get(i) + " is now " + type;
                }
                default -> throw new UsageException("unknown change '" + verb + "' (add, rename, drop, alter)");
            }
            update.commit();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new LakeshException("'" + ref.path() + "': " + io.lakesh.command.Errors.firstLine(e) + "; the table is unchanged");
        }
        return done + " in " + ref.path();
    }

    private static void need(List<String> words, int count, String form) {
        if (words.size() < count) {
            throw new UsageException("write it as: alter table T " + form);
        }
    }
}
