package io.lakesh.command.table;

import io.lakesh.LakeshException;
import io.lakesh.UsageException;
import io.lakesh.command.LakeCommand;
import io.lakesh.iceberg.IcebergTree;
import io.lakesh.iceberg.TableDefinition;
import io.lakesh.namespace.Location;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
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
        Location l = ctx.namespace().resolve(path);
        if (!(l.isVirtual() && ctx.namespace().tree(l.display()) instanceof IcebergTree tree)) {
            throw new LakeshException("'" + path + "': tables are created in a catalog: /iceberg/<catalog>/<namespace>/<table>");
        }
        String[] parts = l.display().substring(IcebergTree.MOUNT.length() + 1).split("/");
        if (parts.length < 3) {
            throw new UsageException("'" + path + "': name a catalog, a namespace and a table: /iceberg/lake/<namespace>/<table>");
        }
        Catalog catalog = tree.catalogs().catalog(parts[0]);
        Namespace ns = Namespace.of(java.util.Arrays.copyOfRange(parts, 1, parts.length - 1));
        TableIdentifier id = TableIdentifier.of(ns, parts[parts.length - 1]);
        if (catalog.tableExists(id)) {
            if (ifNotExists) {
                return null;
            }
            throw new LakeshException("'" + l.display() + "': table exists (drop it first, or use --if-not-exists)");
        }
        if (catalog instanceof SupportsNamespaces sn) {
            for (int i = 1; i <= ns.length(); i++) {
                Namespace level = Namespace.of(java.util.Arrays.copyOf(ns.levels(), i));
                if (!sn.namespaceExists(level)) {
                    sn.createNamespace(level);
                }
            }
        }
        Map<String, String> props = new HashMap<>(properties);
        props.put("format-version", Integer.toString(formatVersion));
        catalog.buildTable(id, schema).withPartitionSpec(spec).withProperties(props).create();
        return null;
    }
}
