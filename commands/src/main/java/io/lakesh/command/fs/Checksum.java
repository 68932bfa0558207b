package io.lakesh.command.fs;

import io.lakesh.command.CancelledException;
import io.lakesh.command.PathCommand;
import io.lakesh.namespace.Location;
import io.lakesh.output.Table;
import io.lakesh.store.FileEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.InputStream;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * HDFS answers with its COMPOSITE-CRC32C checksum (lakesh's client asks for the composite mode), which is
 * the CRC32C of the whole content whatever the block size, so for local files lakesh computes the same
 * CRC32C: equal checksums mean equal content across stores.
 */
@Command(name = "checksum", description = "Content checksum (CRC32C of the whole file, comparable between local and HDFS).")
public class Checksum extends PathCommand {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or globs.")
    List<String> paths;

    private final Table table = Table.of("algorithm", "checksum", "path");

    @Override
    protected List<String> paths() {
        return paths;
    }

    @Override
    protected void processPath(Location item, FileEntry entry) throws Exception {
        Cat.requireFile(item, entry);
        String[] fromStore = item.store().checksum(item.storePath());
        if (fromStore != null) {
            table.add(fromStore[0], fromStore[1], item.display());
            return;
        }
        CRC32C crc = new CRC32C();
        try (InputStream in = item.store().open(item.storePath())) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                CancelledException.check();
                crc.update(buf, 0, n);
            }
        }
        table.add("COMPOSITE-CRC32C", String.format("%08x", crc.getValue()), item.display());
    }

    @Override
    protected Object finish() {
        return table;
    }
}
