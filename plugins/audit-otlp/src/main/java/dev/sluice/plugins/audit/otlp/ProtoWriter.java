package dev.sluice.plugins.audit.otlp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A minimal protobuf wire-format writer, enough for OTLP traces: varints, fixed64, fixed32,
 * length-delimited bytes and strings, and nested messages, whose length is written in front of
 * them once they are complete.
 */
final class ProtoWriter {
    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;
    private static final HexFormat HEX = HexFormat.of();

    private byte[] buf;
    private int size;

    ProtoWriter(int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
    }

    /** Starts a nested message in {@code field}; pass the result to {@link #end}. */
    int begin(int field) {
        tag(field, LENGTH_DELIMITED);
        return size;
    }

    /** Ends the nested message begun at {@code start}, writing its length in front of it. */
    void end(int start) {
        int length = size - start;
        int prefix = varintSize(length);
        ensure(prefix);
        System.arraycopy(buf, start, buf, start + prefix, length);
        int end = size;
        size = start;
        varint(length);
        size = end + prefix;
    }

    void string(int field, String value) {
        if (!value.isEmpty()) {
            bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Bytes given as hex, as the ids are held. */
    void hexBytes(int field, String hex) {
        if (!hex.isEmpty()) {
            bytes(field, HEX.parseHex(hex));
        }
    }

    void bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        varint(value.length);
        ensure(value.length);
        System.arraycopy(value, 0, buf, size, value.length);
        size += value.length;
    }

    void uint64(int field, long value) {
        if (value != 0) {
            tag(field, VARINT);
            varint(value);
        }
    }

    /** A {@code bool} written even when false: inside a oneof, presence matters. */
    void boolAlways(int field, boolean value) {
        tag(field, VARINT);
        varint(value ? 1 : 0);
    }

    /** An {@code int64} written even when zero: inside a oneof, presence matters. */
    void int64Always(int field, long value) {
        tag(field, VARINT);
        varint(value);
    }

    /** A {@code double} written even when zero: inside a oneof, presence matters. */
    void doubleAlways(int field, double value) {
        tag(field, FIXED64);
        fixed64(Double.doubleToRawLongBits(value));
    }

    void fixed64(int field, long value) {
        if (value != 0) {
            tag(field, FIXED64);
            fixed64(value);
        }
    }

    void fixed32(int field, int value) {
        if (value != 0) {
            tag(field, FIXED32);
            ensure(4);
            for (int i = 0; i < 4; i++) {
                buf[size++] = (byte) (value >>> (8 * i));
            }
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void tag(int field, int wireType) {
        varint(((long) field << 3) | wireType);
    }

    private void fixed64(long value) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[size++] = (byte) (value >>> (8 * i));
        }
    }

    private void varint(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            buf[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buf[size++] = (byte) value;
    }

    private static int varintSize(long value) {
        int n = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            n++;
        }
        return n;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
