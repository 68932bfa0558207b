package io.lakesh.command.table;

import io.lakesh.command.LakeCommand;
import io.lakesh.delta.DeltaFiles;
import io.lakesh.delta.DeltaTables;
import io.lakesh.iceberg.IcebergTables;
import io.lakesh.output.Table;
import io.lakesh.sql.DuckEngine;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.io.CloseableIterable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

@Command(name = "diff", description = "What changed between two states of a table (t@a t@b, or t@a t for now): data files, rows added and removed, schema changes.")
public class Diff extends LakeCommand {
    @Parameters(index = "0", paramLabel = "FROM", description = "The older state, e.g. orders@<snapshot|tag|version|time>.")
    String from;
    @Parameters(index = "1", paramLabel = "TO", description = "The newer state, e.g. orders (now) or orders@<…>.")
    String to;
    @Option(names = "--rows", paramLabel = "N", description = "Also show up to N rows added (+) and removed (-).")
    Integer rows;

    /** One state of a table: its label, data files, and columns by a key that survives renames (field id, else name). */
    private record State(String label, Set<String> files, Map<String, String[]> columns) {
    }

    @Override
    public Object call() throws Exception {
        if (rows != null && rows < 0) {
            throw new io.lakesh.UsageException("--rows takes 0 or more");
        }
        State a = state(from);
        State b = state(to);
        Table out = Table.of("what", "from", "to", "change").nullText("");
        Set<String> added = new LinkedHashSet<>(b.files());
        added.removeAll(a.files());
        Set<String> removed = new LinkedHashSet<>(a.files());
        removed.removeAll(b.files());
        out.add("state", a.label(), b.label(), null);
        out.add("data files", (long) a.files().size(), (long) b.files().size(), "+" + added.size() + " -" + removed.size());
        // rows compared on the columns both states have, matched by field id (so a renamed column still compares)
        List<String[]> common = new ArrayList<>();
        a.columns().forEach((key, col) -> {
            String[] other = b.columns().get(key);
            if (other != null) {
                common.add(new String[] {col[0], other[0]});
            }
        });
        List<String> changes = schemaChanges(a, b);
        if (!common.isEmpty()) {
            String colsA = common.stream().map(c -> quote(c[0])).collect(Collectors.joining(", "));
            String colsB = common.stream().map(c -> quote(c[1]) + " AS " + quote(c[0])).collect(Collectors.joining(", "));
            String relA = "SELECT " + colsA + " FROM " + literal(from);
            String relB = "SELECT " + colsB + " FROM " + literal(to);
            DuckEngine engine = DuckEngine.of(ctx.namespace());
            long plus = count(engine, "(" + relB + ") EXCEPT ALL (" + relA + ")");
            long minus = count(engine, "(" + relA + ") EXCEPT ALL (" + relB + ")");
            out.add("rows", count(engine, relA), count(engine, relB), "+" + plus + " -" + minus);
            for (String c : changes) {
                out.add("schema", null, null, c);
            }
            if (rows != null && rows > 0) {
                ctx.print(out, outputFormat(), false);
                if (outputFormat() == io.lakesh.output.OutputFormat.TABLE) {
                    ctx.out().println();
                }
                return engine.run("(SELECT '+' AS change, * FROM ((" + relB + ") EXCEPT ALL (" + relA + ")) LIMIT " + rows + ") UNION ALL "
                        + "(SELECT '-' AS change, * FROM ((" + relA + ") EXCEPT ALL (" + relB + ")) LIMIT " + rows + ")", ctx).table();
            }
        } else {
            changes.forEach(c -> out.add("schema", null, null, c));
        }
        return out;
    }

    private long count(DuckEngine engine, String query) throws Exception {
        return ((Number) engine.run("SELECT count(*) FROM (" + query + ")", ctx).table().rows().get(0).get(0)).longValue();
    }

    private State state(String arg) throws Exception {
        if (DeltaTables.isDelta(ctx.namespace(), arg)) {
            DeltaTables.Ref ref = DeltaTables.resolve(ctx.namespace(), arg);
            Set<String> files = DeltaFiles.list(ref).stream().map(DeltaFiles.DataFile::path).collect(Collectors.toCollection(LinkedHashSet::new));
            Map<String, String[]> columns = new LinkedHashMap<>();
            for (io.delta.kernel.types.StructField f : ref.snapshot().getSchema().fields()) {
                String key = f.getMetadata().contains(DeltaFiles.COLUMN_ID) ? "id:" + f.getMetadata().getLong(DeltaFiles.COLUMN_ID) : "name:" + f.getName();
                columns.put(key, new String[] {f.getName(), f.getDataType().toString()});
            }
            return new State(ref.path() + "@" + ref.version(), files, columns);
        }
        IcebergTables.Ref ref = IcebergTables.resolve(ctx.namespace(), arg);
        Snapshot s = ref.snapshot();
        Set<String> files = new LinkedHashSet<>();
        if (s != null) {
            try (CloseableIterable<FileScanTask> tasks = ref.table().newScan().useSnapshot(s.snapshotId()).planFiles()) {
                tasks.forEach(t -> files.add(t.file().location()));
            }
        }
        Map<String, String[]> columns = new LinkedHashMap<>();
        ref.schema().columns().forEach(f -> columns.put("id:" + f.fieldId(), new String[] {f.name(), f.type().toString()}));
        return new State(ref.path() + "@" + (s == null ? "empty" : s.snapshotId()), files, columns);
    }

    private static List<String> schemaChanges(State a, State b) {
        List<String> out = new ArrayList<>();
        a.columns().forEach((key, col) -> {
            String[] other = b.columns().get(key);
            if (other == null) {
                out.add("dropped column " + col[0]);
            } else {
                if (!other[0].equals(col[0])) {
                    out.add("renamed column " + col[0] + " to " + other[0]);
                }
                if (!other[1].equals(col[1])) {
                    out.add("column " + other[0] + ": " + col[1] + " to " + other[1]);
                }
            }
        });
        b.columns().forEach((key, col) -> {
            if (!a.columns().containsKey(key)) {
                out.add("added column " + col[0] + " " + col[1]);
            }
        });
        return out;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
