package io.lakesh.command.table;

import io.lakesh.LakeshException;
import io.lakesh.UsageException;
import io.lakesh.command.LakeCommand;
import io.lakesh.iceberg.IcebergTables;
import io.lakesh.iceberg.IcebergTree;
import io.lakesh.namespace.Location;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "rename", description = "Rename a catalog table: rename table /iceberg/lake/sales/orders orders_2026 (a name stays in the namespace; a path moves it within the catalog).")
public class RenameTable extends LakeCommand {
    @Parameters(index = "0", paramLabel = "table", description = "The word 'table'.")
    String what;
    @Parameters(index = "1", paramLabel = "FROM", description = "The table (catalog path).")
    String from;
    @Parameters(index = "2", paramLabel = "TO", description = "A new name, or a catalog path in the same catalog.")
    String to;

    @Override
    public Object call() throws Exception {
        if (!"table".equalsIgnoreCase(what)) {
            throw new UsageException("rename changes table names: rename table FROM TO");
        }
        IcebergTables.Ref ref = IcebergTables.resolve(ctx.namespace(), from);
        ref.requireCatalog("rename");
        IcebergTree tree = (IcebergTree) ctx.namespace().tree(ref.path());
        IcebergTree.Target source = tree.target(ref.path());
        String targetPath = to.contains("/") ? ctx.namespace().resolve(to).display()
                : ref.path().substring(0, ref.path().lastIndexOf('/') + 1) + to;
        Location target = ctx.namespace().resolve(targetPath);
        String prefix = IcebergTree.MOUNT + "/" + source.catalog() + "/";
        if (!target.isVirtual() || !target.display().startsWith(prefix)) {
            throw new LakeshException("'" + to + "': a table is renamed within its catalog: give a new name or a path under " + prefix);
        }
        String[] parts = target.display().substring(prefix.length()).split("/");
        if (parts.length < 2) {
            throw new UsageException("'" + to + "': name a namespace and a table: " + prefix + "<namespace>/<table>");
        }
        TableIdentifier id = TableIdentifier.of(Namespace.of(java.util.Arrays.copyOf(parts, parts.length - 1)), parts[parts.length - 1]);
        var catalog = tree.catalogs().catalog(source.catalog());
        if (catalog.tableExists(id)) {
            throw new LakeshException("'" + target.display() + "': table exists; rename to another name, or drop it first");
        }
        try {
            catalog.renameTable(source.table(), id);
        } catch (UnsupportedOperationException e) {
            throw new LakeshException("catalog '" + source.catalog() + "' cannot rename tables (" + io.lakesh.command.Errors.firstLine(e)
                    + "); a Hadoop catalog names tables by their directories");
        } catch (org.apache.iceberg.exceptions.NoSuchNamespaceException e) {
            throw new LakeshException("'" + target.display() + "': no namespace '" + id.namespace() + "' in catalog '"
                    + source.catalog() + "' (create a table there first, or rename within '" + source.table().namespace() + "')");
        }
        return "renamed " + ref.path() + " to " + target.display();
    }
}
