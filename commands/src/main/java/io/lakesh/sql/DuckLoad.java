package io.lakesh.sql;

import io.lakesh.LakeshException;
import io.lakesh.command.CommandContext;
import io.lakesh.iceberg.CsvReader;
import io.lakesh.namespace.Location;
import org.apache.iceberg.Table;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * `load` through DuckDB: CSV (header row, typed by the table's schema so that a bad value is reported with
 * its line and column), Parquet or JSON files, columns matched to the table's by name, written and
 * committed in one append by {@link IcebergWrite} or {@link DeltaWrite}.
 */
public final class DuckLoad {
    private DuckLoad() {
    }

    /** Writes the rows a select gives into the target table in one commit; returns the rows written. */
    private interface Writer {
        long write(String select) throws IOException;
    }

    public static long load(CommandContext ctx, Table table, List<Location> sources, List<Long> sizes) throws IOException {
        List<DuckEngine.Column> columns = table.schema().columns().stream().map(f -> new DuckEngine.Column(f.name(), DuckTypes.of(f.type()))).toList();
        return load(ctx, columns, sources, sizes, select -> IcebergWrite.append(ctx, table, select, "load"));
    }

    public static long load(CommandContext ctx, io.lakesh.delta.DeltaTables.Ref table, List<Location> sources, List<Long> sizes) throws IOException {
        List<DuckEngine.Column> columns = table.snapshot().getSchema().fields().stream()
                .map(f -> new DuckEngine.Column(f.getName(), DeltaRelation.duckType(f.getDataType()))).toList();
        return load(ctx, columns, sources, sizes, select -> DeltaWrite.append(ctx, table, select, "load"));
    }

    private static long load(CommandContext ctx, List<DuckEngine.Column> columns, List<Location> sources, List<Long> sizes, Writer writer)
            throws IOException {
        String format = FileRelation.format(sources.get(0).name());
        for (Location s : sources) {
            if (!FileRelation.format(s.name()).equals(format) || format.isEmpty()) {
                throw new LakeshException("'" + s.display() + "': load reads .csv (with a header row), .tsv, .parquet or .json files, one kind at a time");
            }
        }
        List<FileCache.RemoteFile> remote = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            remote.add(new FileCache.RemoteFile(sources.get(i).uri(), sizes.get(i)));
        }
        List<String> local = new ArrayList<>(DuckEngine.of(ctx.namespace()).cache().localPaths(remote, ctx.progress()).values());
        List<String> sourceColumns;
        String reader;
        if (format.equals("csv") || format.equals("tsv")) {
            char delimiter = format.equals("csv") ? ',' : '\t';
            sourceColumns = header(sources.get(0), delimiter);
            for (Location s : sources.subList(1, sources.size())) {
                if (!header(s, delimiter).equals(sourceColumns)) {
                    throw new LakeshException("'" + s.display() + "' has another header than '" + sources.get(0).display() + "'; load them one at a time");
                }
            }
            Map<String, DuckEngine.Column> byName = byName(columns);
            String types = sourceColumns.stream().map(h -> {
                DuckEngine.Column f = byName.get(h.toLowerCase(Locale.ROOT));
                if (f == null) {
                    throw notInTable(sources.get(0), h, columns);
                }
                return DuckTypes.literal(h) + ": " + DuckTypes.literal(f.type());
            }).collect(Collectors.joining(", "));
            reader = "read_csv(" + DuckTypes.list(local) + ", header = true, auto_detect = false, delim = " + DuckTypes.literal(String.valueOf(delimiter))
                    + ", quote = '\"', escape = '\"', columns = {" + types + "})";
        } else {
            reader = (format.equals("parquet") ? "read_parquet(" : "read_json(") + DuckTypes.list(local) + ", union_by_name = true)";
            sourceColumns = DuckEngine.of(ctx.namespace()).run("SELECT * FROM " + reader + " LIMIT 0", ctx).table().columns();
            Map<String, DuckEngine.Column> byName = byName(columns);
            for (String c : sourceColumns) {
                if (!byName.containsKey(c.toLowerCase(Locale.ROOT))) {
                    throw notInTable(sources.get(0), c, columns);
                }
            }
        }
        Map<String, String> present = new HashMap<>();
        sourceColumns.forEach(c -> present.put(c.toLowerCase(Locale.ROOT), c));
        String select = "SELECT " + columns.stream().map(f -> {
            String c = present.get(f.name().toLowerCase(Locale.ROOT));
            return c == null ? "NULL" : DuckTypes.quote(c);
        }).collect(Collectors.joining(", ")) + " FROM " + reader;
        try {
            return writer.write(select);
        } catch (LakeshException e) {
            throw csvError(e, sources, local);
        }
    }

    private static final java.util.regex.Pattern CSV_VALUE = java.util.regex.Pattern.compile(
            "CSV Error on Line: (\\d+).*?Error when converting column \"([^\"]+)\"\\. Could not convert string \"([^\"]*)\" to '([^']+)'.*?file = (\\S+)");
    private static final java.util.regex.Pattern CSV_OTHER = java.util.regex.Pattern.compile(
            "CSV Error on Line: (\\d+).*?(Expected Number of Columns: \\d+ Found: \\d+).*?file = (\\S+)");

    /** DuckDB's long CSV error as one line naming the file, line and column. */
    private static LakeshException csvError(LakeshException e, List<Location> sources, List<String> local) {
        java.util.regex.Matcher m = CSV_VALUE.matcher(e.getMessage());
        if (m.find()) {
            return new LakeshException("'" + display(m.group(5), sources, local) + "' line " + m.group(1) + ", column '" + m.group(2)
                    + "': '" + m.group(3) + "' is not a " + m.group(4).toLowerCase(Locale.ROOT) + "; nothing was loaded");
        }
        m = CSV_OTHER.matcher(e.getMessage());
        if (m.find()) {
            return new LakeshException("'" + display(m.group(3), sources, local) + "' line " + m.group(1) + ": " + m.group(2).toLowerCase(Locale.ROOT)
                    + "; nothing was loaded");
        }
        return e;
    }

    private static String display(String localPath, List<Location> sources, List<String> local) {
        int i = local.indexOf(localPath);
        return i < 0 ? localPath : sources.get(i).display();
    }

    private static Map<String, DuckEngine.Column> byName(List<DuckEngine.Column> columns) {
        Map<String, DuckEngine.Column> m = new HashMap<>();
        columns.forEach(f -> m.put(f.name().toLowerCase(Locale.ROOT), f));
        return m;
    }

    private static LakeshException notInTable(Location source, String column, List<DuckEngine.Column> columns) {
        return new LakeshException("'" + source.display() + "': column '" + column + "' is not in the table (columns: "
                + columns.stream().map(DuckEngine.Column::name).collect(Collectors.joining(", ")) + "); nothing was loaded");
    }

    private static List<String> header(Location source, char delimiter) throws IOException {
        try (InputStream in = source.store().open(source.storePath())) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String first = r.readLine();
            if (first == null) {
                throw new LakeshException("'" + source.display() + "' is empty; a CSV file to load starts with a header row");
            }
            if (delimiter == '\t') {
                return List.of(first.split("\t", -1)).stream().map(String::trim).toList();
            }
            List<String> h = new CsvReader(new java.io.StringReader(first)).next();
            return h.stream().map(String::trim).toList();
        }
    }
}
