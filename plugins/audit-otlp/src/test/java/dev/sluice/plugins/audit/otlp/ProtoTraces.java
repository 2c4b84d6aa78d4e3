package dev.sluice.plugins.audit.otlp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a binary protobuf {@code ExportTraceServiceRequest} with a wire-format reader written
 * from the OTLP .proto files (field numbers of trace.proto and common.proto). Unknown fields are
 * skipped, as protobuf parsers do.
 */
final class ProtoTraces {
    private static final HexFormat HEX = HexFormat.of();

    private ProtoTraces() {
    }

    static List<ReceivedSpan> decode(byte[] body) {
        List<ReceivedSpan> spans = new ArrayList<>();
        Reader request = new Reader(body, 0, body.length);
        while (request.more()) {
            int tag = request.tag();
            if (tag >>> 3 == 1) {
                resourceSpans(request.message(), spans);
            } else {
                request.skip(tag);
            }
        }
        return spans;
    }

    private static void resourceSpans(Reader r, List<ReceivedSpan> out) {
        Map<String, Object> resource = new LinkedHashMap<>();
        List<Reader> scopes = new ArrayList<>();
        while (r.more()) {
            int tag = r.tag();
            switch (tag >>> 3) {
                case 1 -> {
                    Reader res = r.message();
                    while (res.more()) {
                        int t = res.tag();
                        if (t >>> 3 == 1) {
                            keyValue(res.message(), resource);
                        } else {
                            res.skip(t);
                        }
                    }
                }
                case 2 -> scopes.add(r.message());
                default -> r.skip(tag);
            }
        }
        for (Reader scopeSpans : scopes) {
            String scopeName = "";
            while (scopeSpans.more()) {
                int tag = scopeSpans.tag();
                switch (tag >>> 3) {
                    case 1 -> {
                        Reader scope = scopeSpans.message();
                        while (scope.more()) {
                            int t = scope.tag();
                            if (t >>> 3 == 1) {
                                scopeName = scope.string();
                            } else {
                                scope.skip(t);
                            }
                        }
                    }
                    case 2 -> out.add(span(scopeSpans.message(), String.valueOf(resource.get("service.name")),
                            scopeName));
                    default -> scopeSpans.skip(tag);
                }
            }
        }
    }

    private static ReceivedSpan span(Reader r, String service, String scope) {
        String traceId = "";
        String spanId = "";
        String parent = "";
        String name = "";
        int kind = 0;
        long start = 0;
        long end = 0;
        Map<String, Object> attributes = new LinkedHashMap<>();
        int statusCode = 0;
        String statusMessage = "";
        while (r.more()) {
            int tag = r.tag();
            switch (tag >>> 3) {
                case 1 -> traceId = HEX.formatHex(r.bytes());
                case 2 -> spanId = HEX.formatHex(r.bytes());
                case 4 -> parent = HEX.formatHex(r.bytes());
                case 5 -> name = r.string();
                case 6 -> kind = (int) r.varint();
                case 7 -> start = r.fixed64();
                case 8 -> end = r.fixed64();
                case 9 -> keyValue(r.message(), attributes);
                case 15 -> {
                    Reader status = r.message();
                    while (status.more()) {
                        int t = status.tag();
                        switch (t >>> 3) {
                            case 2 -> statusMessage = status.string();
                            case 3 -> statusCode = (int) status.varint();
                            default -> status.skip(t);
                        }
                    }
                }
                default -> r.skip(tag);
            }
        }
        return new ReceivedSpan(service, scope, traceId, spanId, parent, name, kind, start, end, attributes,
                statusCode, statusMessage);
    }

    private static void keyValue(Reader r, Map<String, Object> out) {
        String key = "";
        Object value = null;
        while (r.more()) {
            int tag = r.tag();
            switch (tag >>> 3) {
                case 1 -> key = r.string();
                case 2 -> value = anyValue(r.message());
                default -> r.skip(tag);
            }
        }
        out.put(key, value);
    }

    private static Object anyValue(Reader r) {
        Object value = null;
        while (r.more()) {
            int tag = r.tag();
            switch (tag >>> 3) {
                case 1 -> value = r.string();
                case 2 -> value = r.varint() != 0;
                case 3 -> value = r.varint();
                case 4 -> value = Double.longBitsToDouble(r.fixed64());
                case 5 -> {
                    List<Object> values = new ArrayList<>();
                    Reader array = r.message();
                    while (array.more()) {
                        int t = array.tag();
                        if (t >>> 3 == 1) {
                            values.add(anyValue(array.message()));
                        } else {
                            array.skip(t);
                        }
                    }
                    value = values;
                }
                default -> r.skip(tag);
            }
        }
        return value;
    }

    /** Reads one message's bytes. */
    private static final class Reader {
        private final byte[] buf;
        private int pos;
        private final int end;

        Reader(byte[] buf, int pos, int end) {
            this.buf = buf;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        int tag() {
            return (int) varint();
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = buf[pos++];
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("varint too long");
        }

        long fixed64() {
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value |= (buf[pos++] & 0xFFL) << (8 * i);
            }
            return value;
        }

        byte[] bytes() {
            int length = (int) varint();
            byte[] out = java.util.Arrays.copyOfRange(buf, pos, pos + length);
            pos += length;
            return out;
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        Reader message() {
            int length = (int) varint();
            Reader nested = new Reader(buf, pos, pos + length);
            pos += length;
            if (pos > end) {
                throw new IllegalArgumentException("message runs past its parent");
            }
            return nested;
        }

        void skip(int tag) {
            switch (tag & 7) {
                case 0 -> varint();
                case 1 -> pos += 8;
                case 2 -> pos += (int) varint();
                case 5 -> pos += 4;
                default -> throw new IllegalArgumentException("unknown wire type " + (tag & 7));
            }
        }
    }
}
