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

@Command(name = "create", description = "Create an Iceberg table: create table /iceberg/lake/sales/orders (id bigint, region string).")
public class CreateTable extends LakeCommand {
    @Parameters(index = "0", paramLabel = "table", description = "The word 'table'.")
    String what;
    @Parameters(index = "1", paramLabel = "PATH", description = "Catalog path of the new table: /iceberg/<catalog>/<namespace>/<table>.")
    String path;
    @Option(names = "--like", paramLabel = "TABLE", description = "Take the schema, partitioning and properties of another Iceberg table (or table@snapshot for its schema then).")
    String like;
    @Parameters(index = "2..*", arity = "0..*", paramLabel = "COLUMNS", description = "(name type [not null], …); types: boolean, int, bigint, float, double, decimal(p,s), string, date, timestamp, timestamptz, binary, uuid.")
    List<String> columns;
    @Option(names = "--partitioned-by", paramLabel = "SPEC", description = "Partitioning, e.g. 'region, day(ts), bucket(16, id)'.")
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
}
