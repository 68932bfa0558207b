package io.lakesh.delta;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Deletion vectors for hand-written test tables, by lakesh's own writer ({@link DeletionVectors}, which follows
 * PROTOCOL.md's "Deletion Vector Format"): in a file of the table ('u'), at an absolute URI ('p') or inline ('i').
 */
final class DeletionVectorFiles {
    private DeletionVectorFiles() {
    }

    /** The RoaringBitmapArray of the given row positions, as the protocol serializes it. */
    static byte[] bitmapArray(long... deletedRows) {
        return DeletionVectors.serialize(deletedRows);
    }

    /** The descriptor JSON of a vector in a file of its own in the table directory, deleting the given row positions. */
    static String write(Path table, long... deletedRows) throws IOException {
        DeletionVectors.File file = new DeletionVectors.File();
        ObjectNode descriptor = file.add(deletedRows);
        Files.write(table.resolve(file.name()), file.bytes());
        return descriptor.toString();
    }

    /** The descriptor JSON of a vector in a file named by its absolute URI ('p'), wherever it is. */
    static String writeAt(Path path, long... deletedRows) throws IOException {
        DeletionVectors.File file = new DeletionVectors.File();
        ObjectNode descriptor = file.add(deletedRows);
        Files.write(path, file.bytes());
        return descriptor.put("storageType", "p").put("pathOrInlineDv", path.toUri().toString()).toString();
    }

    /** The descriptor JSON of a vector stored inline in the log. */
    static String inline(long... deletedRows) {
        return DeletionVectors.inline(deletedRows).toString();
    }
}
