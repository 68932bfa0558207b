package io.lakesh.command.table;

import io.lakesh.UsageException;
import io.lakesh.command.LakeCommand;
import io.lakesh.iceberg.TableDefinition;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

@Command(name = "create", description = "Create an Iceberg table (create table /iceberg/lake/sales/orders (id bigint, region string)) or, with --using delta, a Delta table in a directory (create table /local/orders (id bigint, region string) --using delta).")
public class CreateTable extends LakeCommand {
    @Parameters(index = "0", paramLabel = "table", description = "The word 'table'.")
    String what;
    @Parameters(index = "1", paramLabel = "PATH", description = "Catalog path of the new Iceberg table (/iceberg/<catalog>/<namespace>/<table>), or a new directory for a Delta table.")
    String path;
    @Option(names = "--like", paramLabel = "TABLE", description = "Take the schema, partitioning and properties of another Iceberg table (or table@snapshot for its schema then).")
    String like;
    @Parameters(index = "2..*", arity = "0..*", paramLabel = "COLUMNS", description = "(name type [not null], …); types: boolean, int, bigint, float, double, decimal(p,s), string, date, timestamp, timestamptz, binary, uuid.")
    List<String> columns;
    @Option(names = "--using", paramLabel = "FORMAT", description = "Table format, as SQL's USING: iceberg (default) or delta (--format is every command's output format).")
    String using = "iceberg";
    @Option(names = "--partitioned-by", paramLabel = "SPEC", description = "Partitioning, e.g. 'region, day(ts), bucket(16, id)' (Delta: columns only, 'region, day').")
    String partitionedBy;
    @Option(names = "--format-version", paramLabel = "N", description = "Iceberg format version (default: 2).")
    int formatVersion = 2;
    @Option(names = "--property", paramLabel = "KEY=VALUE", description = "Table property (repeatable).")
    Map<String, String> properties = new HashMap<>();
    @Option(names = "--if-not-exists", description = "No error if the table exists.")
    boolean ifNotExists;

    @Override
    public Object call() throws Exception {
        if (!"table".equalsIgnoreCase(what)) {
            throw new UsageException("create makes tables: create table PATH (columns)");
        }
        if (using.equalsIgnoreCase("delta")) {
            return createDelta();
        }
        if (!using.equalsIgnoreCase("iceberg")) {
            throw new UsageException("--using is iceberg or delta, not '" + using + "'");
        }
        Schema schema;
        PartitionSpec spec;
        Map<String, String> props = new HashMap<>();
        if (like != null) {
            if (columns != null && !columns.isEmpty()) {
                throw new UsageException("give columns or --like, not both");
            }
            io.lakesh.iceberg.IcebergTables.Ref source = io.lakesh.iceberg.IcebergTables.resolve(ctx.namespace(), like);
            schema = source.schema();
            // the same partitioning over the same schema; the catalog gives the new table fresh ids for both
            spec = partitionedBy != null ? TableDefinition.partitionSpec(schema, partitionedBy)
                    : org.apache.iceberg.PartitionSpecParser.fromJson(schema, org.apache.iceberg.PartitionSpecParser.toJson(source.table().spec()));
            props.putAll(source.table().properties());
        } else {
            if (columns == null || columns.isEmpty()) {
                throw new UsageException("create table PATH (columns) or create table PATH --like TABLE");
            }
            schema = TableDefinition.schema(String.join(" ", columns));
            spec = TableDefinition.partitionSpec(schema, partitionedBy);
        }
        props.putAll(properties);
        io.lakesh.iceberg.IcebergTables.create(ctx.namespace(), path, schema, spec, props, formatVersion, ifNotExists);
        return null;
    }

    /** A Delta table: the same column syntax, identity partition columns only, properties as Delta's configuration. */
    private Object createDelta() throws Exception {
        if (like != null || formatVersion != 2) {
            throw new UsageException("--like and --format-version are for Iceberg tables");
        }
        if (columns == null || columns.isEmpty()) {
            throw new UsageException("create table PATH (columns) --using delta");
        }
        Schema schema = TableDefinition.schema(String.join(" ", columns));
        List<String> partitionColumns = new java.util.ArrayList<>();
        if (partitionedBy != null && !partitionedBy.isBlank()) {
            for (String p : partitionedBy.split(",")) {
                TableDefinition.PartitionField f = TableDefinition.partitionField(p);
                if (!f.transform().equals("identity")) {
                    throw new UsageException("partition '" + p.trim() + "': Delta tables are partitioned by columns, not transforms (add a column such as day)");
                }
                partitionColumns.add(f.column());
            }
        }
        if (ifNotExists && io.lakesh.delta.DeltaTables.isDelta(ctx.namespace(), path)) {
            return null;
        }
        io.lakesh.delta.DeltaCreate.create(ctx.namespace(), path, io.lakesh.delta.DeltaCreate.schema(schema), partitionColumns, properties);
        return null;
    }
}
