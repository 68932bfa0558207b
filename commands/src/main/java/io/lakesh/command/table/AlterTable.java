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

@Command(name = "alter", description = "Evolve a table: alter table T add column C TYPE | rename column A to B | drop column C | alter column C type TYPE | set property K=V | unset property K | add partition field day(ts) | drop partition field bucket(16, id).")
public class AlterTable extends LakeCommand {
    @Parameters(index = "0", paramLabel = "table", description = "The word 'table'.")
    String what;
    @Parameters(index = "1", paramLabel = "TABLE", description = "The table (catalog path).")
    String table;
    @Parameters(index = "2..*", arity = "2..*", paramLabel = "CHANGE", description = "add column C TYPE, rename column A to B, drop column C, alter column C type TYPE, move column C first|after B|before B, set property K=V…, unset property K…, add partition field F, drop partition field F (F: region, year|month|day|hour(ts), bucket(N, id), truncate(N, s)).")
    List<String> change;

    @Override
    public Object call() throws Exception {
        if (!"table".equalsIgnoreCase(what)) {
            throw new UsageException("alter changes tables: alter table PATH <change>");
        }
        List<String> w = change.stream().map(s -> s.replaceAll(",$", "")).toList();
        String verb = w.get(0).toLowerCase(Locale.ROOT);
        String object = w.get(1).toLowerCase(Locale.ROOT);
        if (io.lakesh.delta.DeltaTables.isDelta(ctx.namespace(), table)) {
            return alterDelta(w, verb, object);
        }
        IcebergTables.Ref ref = IcebergTables.resolve(ctx.namespace(), table);
        ref.requireCatalog("a schema change");
        if ((verb.equals("set") || verb.equals("unset")) && object.startsWith("propert")) {
            return changeProperties(ref, verb.equals("set"), w.subList(2, w.size()));
        }
        if ((verb.equals("add") || verb.equals("drop")) && object.equals("partition")) {
            // the raw words: a comma belongs inside bucket(16, id)
            int from = change.size() > 2 && change.get(2).equalsIgnoreCase("field") ? 3 : 2;
            return changePartitioning(ref, verb.equals("add"), String.join(" ", change.subList(from, change.size())));
        }
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
                case "move" -> {
                    // move column C first | after B | before B
                    need(w, i + 2, "move column NAME first|after OTHER|before OTHER");
                    String where = w.get(i + 1).toLowerCase(Locale.ROOT);
                    switch (where) {
                        case "first" -> update.moveFirst(w.get(i));
                        case "after" -> {
                            need(w, i + 3, "move column NAME after OTHER");
                            update.moveAfter(w.get(i), w.get(i + 2));
                        }
                        case "before" -> {
                            need(w, i + 3, "move column NAME before OTHER");
                            update.moveBefore(w.get(i), w.get(i + 2));
                        }
                        default -> throw new UsageException("move column NAME first, after OTHER or before OTHER; not '" + w.get(i + 1) + "'");
                    }
                    done = "moved column " + w.get(i) + " " + String.join(" ", w.subList(i + 1, w.size()));
                }
                default -> throw new UsageException("unknown change '" + verb + "' (add, rename, drop, alter, move, set, unset)");
            }
            update.commit();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new LakeshException("'" + ref.path() + "': " + io.lakesh.command.Errors.firstLine(e) + "; the table is unchanged");
        }
        return done + " in " + ref.path();
    }

    /** Delta tables take property changes and added columns (the kernel's metadata commits); other changes are refused by name. */
    private String alterDelta(List<String> w, String verb, String object) throws Exception {
        if ((verb.equals("set") || verb.equals("unset")) && object.startsWith("propert")) {
            List<String> words = w.subList(2, w.size());
            requireProperties(verb.equals("set"), words);
            java.util.Map<String, String> set = new java.util.LinkedHashMap<>();
            java.util.Set<String> unset = new java.util.LinkedHashSet<>();
            for (String word : words) {
                if (verb.equals("set")) {
                    set.put(word.substring(0, word.indexOf('=')), word.substring(word.indexOf('=') + 1));
                } else {
                    unset.add(word);
                }
            }
            return io.lakesh.delta.DeltaChanges.properties(ctx.namespace(), table, set, unset);
        }
        if (verb.equals("add")) {
            int i = object.equals("column") ? 2 : 1;
            need(w, i + 2, "add column NAME TYPE");
            Type type = TableDefinition.type(String.join(" ", w.subList(i + 1, w.size())).toLowerCase(Locale.ROOT), w.get(i));
            return io.lakesh.delta.DeltaChanges.addColumn(ctx.namespace(), table, w.get(i), type);
        }
        throw new UsageException("lakesh changes Delta tables by set property, unset property and add column; not '" + verb + " " + object + "'");
    }

    private static void requireProperties(boolean set, List<String> words) {
        if (words.isEmpty()) {
            throw new UsageException(set ? "write it as: alter table T set property KEY=VALUE [KEY=VALUE…]" : "write it as: alter table T unset property KEY [KEY…]");
        }
        for (String word : words) {
            if (set && word.indexOf('=') <= 0) {
                throw new UsageException("'" + word + "': write properties as KEY=VALUE");
            }
        }
    }

    private static String changeProperties(IcebergTables.Ref ref, boolean set, List<String> words) {
        requireProperties(set, words);
        org.apache.iceberg.UpdateProperties update = ref.table().updateProperties();
        for (String word : words) {
            if (set) {
                int eq = word.indexOf('=');
                if (eq <= 0) {
                    throw new UsageException("'" + word + "': write properties as KEY=VALUE");
                }
                update.set(word.substring(0, eq), word.substring(eq + 1));
            } else {
                if (!ref.table().properties().containsKey(word)) {
                    throw new LakeshException("'" + ref.path() + "' has no property '" + word + "' (see 'describe " + ref.path() + "'); the table is unchanged");
                }
                update.remove(word);
            }
        }
        update.commit();
        return (set ? "set " : "unset ") + String.join(", ", words) + " on " + ref.path();
    }

    private static String changePartitioning(IcebergTables.Ref ref, boolean add, String text) {
        if (text.isBlank()) {
            throw new UsageException("write it as: alter table T " + (add ? "add" : "drop") + " partition field day(ts) (or region, bucket(16, id), truncate(4, s))");
        }
        TableDefinition.PartitionField field = TableDefinition.partitionField(text);
        try {
            org.apache.iceberg.UpdatePartitionSpec update = ref.table().updateSpec();
            (add ? update.addField(field.term()) : update.removeField(field.term())).commit();
        } catch (IllegalArgumentException | org.apache.iceberg.exceptions.ValidationException e) {
            throw new LakeshException("'" + ref.path() + "': " + io.lakesh.command.Errors.firstLine(e) + "; the table is unchanged");
        }
        ref.table().refresh();
        org.apache.iceberg.PartitionSpec spec = ref.table().spec();
        String now = spec.isUnpartitioned() ? "unpartitioned" : spec.fields().stream()
                .map(p -> p.transform() + "(" + ref.table().schema().findColumnName(p.sourceId()) + ")")
                .collect(java.util.stream.Collectors.joining(", "));
        return (add ? "added partition field " : "dropped partition field ") + text.trim() + (add ? " to " : " from ") + ref.path()
                + "; new data files: " + now + " (existing files keep their partitioning)";
    }

    private static void need(List<String> words, int count, String form) {
        if (words.size() < count) {
            throw new UsageException("write it as: alter table T " + form);
        }
    }
}
