package dev.sluice.plugins.audit.otlp;

import java.util.List;

/**
 * OTLP binary protobuf ({@code application/x-protobuf}), field numbers as in
 * {@code opentelemetry/proto/collector/trace/v1/trace_service.proto},
 * {@code trace/v1/trace.proto} and {@code common/v1/common.proto}.
 */
final class OtlpProtobufEncoder implements SpanEncoder {
    private final String serviceName;

    OtlpProtobufEncoder(String serviceName) {
        this.serviceName = serviceName;
    }

    @Override
    public byte[] encode(List<SpanData> spans) {
        ProtoWriter w = new ProtoWriter(256 + 768 * spans.size());
        int resourceSpans = w.begin(1); // ExportTraceServiceRequest.resource_spans
        int resource = w.begin(1); // ResourceSpans.resource
        attribute(w, 1, new Attribute("service.name", serviceName)); // Resource.attributes
        w.end(resource);
        int scopeSpans = w.begin(2); // ResourceSpans.scope_spans
        int scope = w.begin(1); // ScopeSpans.scope
        w.string(1, SCOPE_NAME); // InstrumentationScope.name
        w.end(scope);
        for (SpanData span : spans) {
            int s = w.begin(2); // ScopeSpans.spans
            span(w, span);
            w.end(s);
        }
        w.end(scopeSpans);
        w.end(resourceSpans);
        return w.toByteArray();
    }

    private static void span(ProtoWriter w, SpanData s) {
        w.hexBytes(1, s.traceId());
        w.hexBytes(2, s.spanId());
        w.hexBytes(4, s.parentSpanId());
        w.string(5, s.name());
        w.uint64(6, s.kind());
        w.fixed64(7, s.startNanos());
        w.fixed64(8, s.endNanos());
        for (Attribute a : s.attributes()) {
            attribute(w, 9, a);
        }
        if (s.statusCode() != SpanData.STATUS_UNSET) {
            int status = w.begin(15);
            w.string(2, s.statusMessage());
            w.uint64(3, s.statusCode());
            w.end(status);
        }
    }

    private static void attribute(ProtoWriter w, int field, Attribute a) {
        int kv = w.begin(field);
        w.string(1, a.key()); // KeyValue.key
        int value = w.begin(2); // KeyValue.value
        value(w, a.value());
        w.end(value);
        w.end(kv);
    }

    private static void value(ProtoWriter w, Object v) {
        switch (v) {
            case String s -> w.bytes(1, s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            case Boolean b -> w.boolAlways(2, b);
            case Long l -> w.int64Always(3, l);
            case Double d -> w.doubleAlways(4, d);
            case List<?> list -> {
                int array = w.begin(5); // AnyValue.array_value
                for (Object item : list) {
                    int element = w.begin(1); // ArrayValue.values
                    value(w, item);
                    w.end(element);
                }
                w.end(array);
            }
            default -> throw new IllegalArgumentException("not an attribute value: " + v.getClass().getName());
        }
    }
}
