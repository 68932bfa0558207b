package io.lakesh.delta;

import io.lakesh.namespace.Location;
import io.lakesh.namespace.Namespace;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** A Delta table at a glance for `ls -l`: protocol, version, data files, rows and bytes from the log, last commit. */
public record DeltaSummary(String format, long version, Long records, long dataFiles, long bytes, Instant lastCommit) {

    public static DeltaSummary of(Namespace ns, Location table) throws IOException {
        DeltaTables.Ref ref = DeltaTables.resolve(ns, table.display());
        List<DeltaFiles.DataFile> files = DeltaFiles.list(ref);
        var protocol = ref.snapshot().getProtocol();
        return new DeltaSummary("r" + protocol.getMinReaderVersion() + "/w" + protocol.getMinWriterVersion(), ref.version(),
                DeltaFiles.liveRecords(files), files.size(), DeltaFiles.bytes(files),
                Instant.ofEpochMilli(ref.read(() -> ref.snapshot().getTimestamp(ref.engine()))));
    }
}
