package io.lakesh.delta;

import org.roaringbitmap.RoaringBitmap;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Deletion vector files written by hand per PROTOCOL.md ("Deletion Vector Format"): a format version
 * byte, then per vector a big-endian size, the RoaringBitmapArray (magic 1681511377, little-endian,
 * bitmaps keyed by the high 32 bits of the row index) and its big-endian CRC-32. Stored as 'u': a
 * Z85-encoded UUID that names `deletion_vector_<uuid>.bin` in the table directory.
 */
final class DeletionVectorFiles {
    private static final String Z85 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";
    private static final int PORTABLE_MAGIC = 1681511377;

    /** The RoaringBitmapArray of the given row positions (all below 2^32), as the protocol serializes it. */
    static byte[] bitmapArray(long... deletedRows) {
        RoaringBitmap bitmap = new RoaringBitmap();
        for (long row : deletedRows) {
            bitmap.add((int) row);
        }
        bitmap.runOptimize();
        ByteBuffer data = ByteBuffer.allocate(4 + 8 + 4 + bitmap.serializedSizeInBytes()).order(ByteOrder.LITTLE_ENDIAN);
        data.putInt(PORTABLE_MAGIC).putLong(1).putInt(0); // one bitmap, for high bits 0
        bitmap.serialize(data);
        return data.array();
    }

    /** The descriptor JSON of a vector in a file of its own deleting the given row positions. */
    static String write(Path table, long... deletedRows) throws IOException {
        UUID id = UUID.randomUUID();
        int size = writeFile(table.resolve("deletion_vector_" + id + ".bin"), deletedRows);
        ByteBuffer uuid = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return "{\"storageType\":\"u\",\"pathOrInlineDv\":\"" + z85(uuid.array()) + "\",\"offset\":1,\"sizeInBytes\":" + size
                + ",\"cardinality\":" + deletedRows.length + "}";
    }

    /** The descriptor JSON of a vector in a file named by its absolute URI ('p'), wherever it is. */
    static String writeAt(Path file, long... deletedRows) throws IOException {
        int size = writeFile(file, deletedRows);
        return "{\"storageType\":\"p\",\"pathOrInlineDv\":\"" + file.toUri() + "\",\"offset\":1,\"sizeInBytes\":" + size
                + ",\"cardinality\":" + deletedRows.length + "}";
    }

    /** A deletion vector file holding one vector at offset 1; returns the vector's size in bytes. */
    private static int writeFile(Path path, long... deletedRows) throws IOException {
        byte[] bytes = bitmapArray(deletedRows);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(file)) {
            out.writeByte(1);
            out.writeInt(bytes.length);
            out.write(bytes);
            out.writeInt((int) crc.getValue());
        }
        Files.write(path, file.toByteArray());
        return bytes.length;
    }

    /** The descriptor JSON of a vector stored inline in the log ('i', Z85 of the bitmap array padded to 4 bytes). */
    static String inline(long... deletedRows) {
        byte[] bytes = bitmapArray(deletedRows);
        byte[] padded = java.util.Arrays.copyOf(bytes, (bytes.length + 3) / 4 * 4);
        return "{\"storageType\":\"i\",\"pathOrInlineDv\":\"" + z85(padded).replace("\\", "\\\\").replace("\"", "\\\"")
                + "\",\"sizeInBytes\":" + bytes.length + ",\"cardinality\":" + deletedRows.length + "}";
    }

    /** Z85: every 4 bytes (big-endian) as 5 characters; the length must be a multiple of 4. */
    private static String z85(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        StringBuilder sb = new StringBuilder();
        while (b.hasRemaining()) {
            long word = Integer.toUnsignedLong(b.getInt());
            char[] chars = new char[5];
            for (int i = 4; i >= 0; i--) {
                chars[i] = Z85.charAt((int) (word % 85));
                word /= 85;
            }
            sb.append(chars);
        }
        return sb.toString();
    }
}
