package io.lakesh.delta;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.internal.deletionvectors.Base85Codec;
import org.roaringbitmap.RoaringBitmap;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Deletion vectors written per PROTOCOL.md ("Deletion Vector Format"; the kernel only reads them). A vector is a
 * RoaringBitmapArray in the portable serialization: magic 1681511377, the number of bitmaps (both little-endian),
 * then per bitmap its key (the high 32 bits of the row positions it holds) and the 32-bit portable Roaring bitmap of
 * the low bits. A file is a format version byte (1), then per vector its big-endian size, the bytes and their
 * big-endian CRC-32; a descriptor's offset points at the size. Stored as 'u': the Z85 UUID that names
 * `deletion_vector_<uuid>.bin` in the table directory.
 */
public final class DeletionVectors {
    static final int PORTABLE_MAGIC = 1681511377;
    static final String FILE_PREFIX = "deletion_vector_";

    private DeletionVectors() {
    }

    /** The serialized RoaringBitmapArray of these row positions (any order, duplicates allowed, each in 0..2^63). */
    public static byte[] serialize(long[] positions) {
        long[] sorted = positions.clone();
        Arrays.sort(sorted);
        List<Integer> keys = new ArrayList<>();
        List<RoaringBitmap> bitmaps = new ArrayList<>();
        for (long p : sorted) {
            if (p < 0) {
                throw new IllegalArgumentException("row position " + p + " is negative");
            }
            int key = (int) (p >>> 32);
            if (keys.isEmpty() || keys.get(keys.size() - 1) != key) {
                keys.add(key);
                bitmaps.add(new RoaringBitmap());
            }
            bitmaps.get(bitmaps.size() - 1).add((int) p);
        }
        int size = 4 + 8;
        for (RoaringBitmap b : bitmaps) {
            b.runOptimize();
            size += 4 + b.serializedSizeInBytes();
        }
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(PORTABLE_MAGIC).putLong(bitmaps.size());
        for (int i = 0; i < bitmaps.size(); i++) {
            out.putInt(keys.get(i));
            bitmaps.get(i).serialize(out);
        }
        return out.array();
    }

    /** A vector stored inline in the log ('i'): the descriptor with the Z85 of the serialized bitmap array. */
    public static ObjectNode inline(long[] positions) {
        byte[] bytes = serialize(positions);
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("storageType", "i").put("pathOrInlineDv", Base85Codec.encodeBytes(bytes));
        return d.put("sizeInBytes", bytes.length).put("cardinality", distinct(positions));
    }

    private static long distinct(long[] positions) {
        return Arrays.stream(positions).distinct().count();
    }

    /** One deletion vector file being built: vectors are added, then the bytes written as {@link #name()}. */
    public static final class File {
        private final UUID id = UUID.randomUUID();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);

        public File() {
            bytes.write(1); // the format version
        }

        /** The file's name in the table directory. */
        public String name() {
            return FILE_PREFIX + id + ".bin";
        }

        /** Adds a vector of these positions; returns its descriptor ('u', this file, its offset, size, cardinality). */
        public ObjectNode add(long[] positions) {
            byte[] vector = serialize(positions);
            CRC32 crc = new CRC32();
            crc.update(vector);
            int offset = bytes.size();
            try {
                out.writeInt(vector.length);
                out.write(vector);
                out.writeInt((int) crc.getValue());
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
            }
            ObjectNode d = JsonNodeFactory.instance.objectNode();
            d.put("storageType", "u").put("pathOrInlineDv", Base85Codec.encodeUUID(id)).put("offset", offset);
            return d.put("sizeInBytes", vector.length).put("cardinality", distinct(positions));
        }

        public byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
