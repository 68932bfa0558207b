package io.lakesh.command.table;

import io.lakesh.command.LakeCommand;
import io.lakesh.delta.DeltaDescribe;
import io.lakesh.delta.DeltaTables;
import io.lakesh.iceberg.IcebergTables;
import io.lakesh.output.OutputFormat;
import io.lakesh.output.Table;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.types.Types;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.util.stream.Collectors;

@Command(name = "describe", description = "Schema (field ids; Delta: column-mapping physical names), partitioning, properties, location and snapshot or version (Delta: protocol and table features) of a table.")
public class Describe extends LakeCommand {
    @Parameters(paramLabel = "TABLE", description = "A table, optionally at a snapshot or version: orders@<id|tag|version|time>.")
    String table;

    @Override
    public Object call() throws Exception {
        String path = ctx.namespace().absolute(table);
        if (io.lakesh.trino.TrinoTree.isTablePath(path)) {
            return ((io.lakesh.trino.TrinoTree) ctx.namespace().tree(path)).describe(path);
        }
        OutputFormat f = outputFormat();
        boolean human = f == OutputFormat.TABLE || f == OutputFormat.VERTICAL || f == OutputFormat.MARKDOWN;
        if (DeltaTables.isDelta(ctx.namespace(), table)) {
            DeltaTables.Ref delta = DeltaTables.resolve(ctx.namespace(), table);
            if (human) {
                ctx.print(DeltaDescribe.info(delta), OutputFormat.TABLE, false);
                ctx.out().println();
            }
            return DeltaDescribe.columns(delta);
        }
        IcebergTables.Ref ref = IcebergTables.resolve(ctx.namespace(), table);
        org.apache.iceberg.Table t = ref.table();
        Snapshot s = ref.snapshot();
        Schema schema = ref.schema();
        if (human) {
            Table info = Table.of("property", "value").withoutHeader();
            info.add("table", ref.path() + (ref.pathBased() ? " (path-based, read-only)" : ""));
            info.add("format", "iceberg v" + ((org.apache.iceberg.HasTableOperations) t).operations().current().formatVersion());
            info.add("location", t.location());
            info.add("snapshot", s == null ? "none (empty table)" : s.snapshotId() + " at " + Instant.ofEpochMilli(s.timestampMillis())
                    + " (" + s.operation() + ")");
            info.add("partitioning", t.spec().isUnpartitioned() ? "unpartitioned" : t.spec().fields().stream()
                    .map(p -> p.transform() + "(" + schema.findColumnName(p.sourceId()) + ") as " + p.name())
                    .collect(Collectors.joining(", ")));
            info.add("sort order", t.sortOrder().isUnsorted() ? "unsorted" : t.sortOrder().toString().replace('\n', ' '));
            info.add("properties", t.properties().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
            ctx.print(info, OutputFormat.TABLE, false);
            ctx.out().println();
        }
        Table columns = Table.of("id", "name", "type", "required", "doc");
        for (Types.NestedField field : schema.columns()) {
            columns.add(field.fieldId(), field.name(), field.type().toString(), field.isRequired(), field.doc());
        }
        return columns.nullText("");
    }
}
