package dev.sluice.plugins.audit.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * OTLP/JSON as the OTLP specification defines it: protobuf's JSON mapping with lowerCamelCase
 * keys, except that trace and span ids are hex strings and enums are integers; 64-bit integers
 * ({@code startTimeUnixNano}, {@code intValue}) are written as decimal strings.
 */
final class OtlpJsonEncoder implements SpanEncoder {
    private static final JsonFactory JSON = new JsonFactory();

    private final String serviceName;

    OtlpJsonEncoder(String serviceName) {
        this.serviceName = serviceName;
    }

    @Override
    public byte[] encode(List<SpanData> spans) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 + 1024 * spans.size());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("resourceSpans");
            g.writeStartObject();
            g.writeObjectFieldStart("resource");
            g.writeArrayFieldStart("attributes");
            attribute(g, new Attribute("service.name", serviceName));
            g.writeEndArray();
            g.writeEndObject();
            g.writeArrayFieldStart("scopeSpans");
            g.writeStartObject();
            g.writeObjectFieldStart("scope");
            g.writeStringField("name", SCOPE_NAME);
            g.writeEndObject();
            g.writeArrayFieldStart("spans");
            for (SpanData span : spans) {
                span(g, span);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode spans", e); // a byte array does not fail
        }
        return out.toByteArray();
    }

    private static void span(JsonGenerator g, SpanData s) throws IOException {
        g.writeStartObject();
        g.writeStringField("traceId", s.traceId());
        g.writeStringField("spanId", s.spanId());
        if (!s.parentSpanId().isEmpty()) {
            g.writeStringField("parentSpanId", s.parentSpanId());
        }
        g.writeStringField("name", s.name());
        g.writeNumberField("kind", s.kind());
        g.writeStringField("startTimeUnixNano", Long.toUnsignedString(s.startNanos()));
        g.writeStringField("endTimeUnixNano", Long.toUnsignedString(s.endNanos()));
        g.writeArrayFieldStart("attributes");
        for (Attribute a : s.attributes()) {
            attribute(g, a);
        }
        g.writeEndArray();
        if (s.statusCode() != SpanData.STATUS_UNSET) {
            g.writeObjectFieldStart("status");
            if (!s.statusMessage().isEmpty()) {
                g.writeStringField("message", s.statusMessage());
            }
            g.writeNumberField("code", s.statusCode());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void attribute(JsonGenerator g, Attribute a) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", a.key());
        g.writeFieldName("value");
        value(g, a.value());
        g.writeEndObject();
    }

    private static void value(JsonGenerator g, Object v) throws IOException {
        g.writeStartObject();
        switch (v) {
            case String s -> g.writeStringField("stringValue", s);
            case Long l -> g.writeStringField("intValue", Long.toString(l));
            case Double d -> g.writeNumberField("doubleValue", d);
            case Boolean b -> g.writeBooleanField("boolValue", b);
            case List<?> list -> {
                g.writeObjectFieldStart("arrayValue");
                g.writeArrayFieldStart("values");
                for (Object item : list) {
                    value(g, item);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            default -> throw new IllegalArgumentException("not an attribute value: " + v.getClass().getName());
        }
        g.writeEndObject();
    }
}
