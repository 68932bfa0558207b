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

    /** The descriptor JSON of a vector deleting the given row positions (all below 2^32). */
    static String write(Path table, long... deletedRows) throws IOException {
        RoaringBitmap bitmap = new RoaringBitmap();
        for (long row : deletedRows) {
            bitmap.add((int) row);
        }
        bitmap.runOptimize();
        ByteBuffer data = ByteBuffer.allocate(4 + 8 + 4 + bitmap.serializedSizeInBytes()).order(ByteOrder.LITTLE_ENDIAN);
        data.putInt(PORTABLE_MAGIC).putLong(1).putInt(0); // one bitmap, for high bits 0
        bitmap.serialize(data);
        byte[] bytes = data.array();
        CRC32 crc = new CRC32();
        crc.update(bytes);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(file)) {
            out.writeByte(1);
            out.writeInt(bytes.length);
            out.write(bytes);
            out.writeInt((int) crc.getValue());
        }
        UUID id = UUID.randomUUID();
        Files.write(table.resolve("deletion_vector_" + id + ".bin"), file.toByteArray());
        return "{\"storageType\":\"u\",\"pathOrInlineDv\":\"" + z85(id) + "\",\"offset\":1,\"sizeInBytes\":" + bytes.length
                + ",\"cardinality\":" + deletedRows.length + "}";
    }

    private static String z85(UUID id) {
        ByteBuffer b = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        b.flip();
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
