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
    @Parameters(index = "2..*", arity = "1..*", paramLabel = "COLUMNS", description = "(name type [not null], …); types: boolean, int, bigint, float, double, decimal(p,s), string, date, timestamp, timestamptz, binary, uuid.")
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
        Schema schema = TableDefinition.schema(String.join(" ", columns));
        PartitionSpec spec = TableDefinition.partitionSpec(schema, partitionedBy);
        io.lakesh.iceberg.IcebergTables.create(ctx.namespace(), path, schema, spec, properties, formatVersion, ifNotExists);
        return null;
    }
}
