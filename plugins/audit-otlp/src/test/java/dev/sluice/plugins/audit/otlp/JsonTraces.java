package dev.sluice.plugins.audit.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes an OTLP/JSON {@code ExportTraceServiceRequest} the way a collector does, per the
 * OTLP specification: lowerCamelCase keys, hex ids, integer enums, 64-bit integers as decimal
 * strings or numbers, attributes as key and {@code AnyValue}. Unknown fields are ignored.
 */
final class JsonTraces {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonTraces() {
    }

    static List<ReceivedSpan> decode(byte[] body) throws IOException {
        JsonNode root = JSON.readTree(body);
        List<ReceivedSpan> spans = new ArrayList<>();
        for (JsonNode resourceSpans : root.path("resourceSpans")) {
            Map<String, Object> resource = attributes(resourceSpans.path("resource").path("attributes"));
            String service = String.valueOf(resource.get("service.name"));
            for (JsonNode scopeSpans : resourceSpans.path("scopeSpans")) {
                String scope = scopeSpans.path("scope").path("name").asText("");
                for (JsonNode span : scopeSpans.path("spans")) {
                    spans.add(new ReceivedSpan(service, scope, hexId(span, "traceId"), hexId(span, "spanId"),
                            hexId(span, "parentSpanId"), span.path("name").asText(""), enumValue(span.path("kind")),
                            int64(span.path("startTimeUnixNano")), int64(span.path("endTimeUnixNano")),
                            attributes(span.path("attributes")), enumValue(span.path("status").path("code")),
                            span.path("status").path("message").asText("")));
                }
            }
        }
        return spans;
    }

    private static String hexId(JsonNode span, String field) {
        String value = span.path(field).asText("");
        if (!value.matches("(?i)[0-9a-f]*")) {
            throw new IllegalArgumentException(field + " is not hex: " + value);
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /** The specification allows only integers for enums. */
    private static int enumValue(JsonNode node) {
        if (node.isMissingNode()) {
            return 0;
        }
        if (!node.isInt()) {
            throw new IllegalArgumentException("an enum must be an integer, got " + node);
        }
        return node.intValue();
    }

    private static long int64(JsonNode node) {
        if (node.isTextual()) {
            return Long.parseUnsignedLong(node.textValue());
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        return 0;
    }

    private static Map<String, Object> attributes(JsonNode list) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (JsonNode kv : list) {
            String key = kv.path("key").asText();
            if (out.containsKey(key)) {
                throw new IllegalArgumentException("attribute key repeated: " + key);
            }
            out.put(key, anyValue(kv.path("value")));
        }
        return out;
    }

    private static Object anyValue(JsonNode v) {
        if (v.has("stringValue")) {
            return v.get("stringValue").asText();
        }
        if (v.has("boolValue")) {
            return v.get("boolValue").booleanValue();
        }
        if (v.has("intValue")) {
            return int64(v.get("intValue"));
        }
        if (v.has("doubleValue")) {
            return v.get("doubleValue").doubleValue();
        }
        if (v.has("arrayValue")) {
            List<Object> values = new ArrayList<>();
            for (JsonNode item : v.get("arrayValue").path("values")) {
                values.add(anyValue(item));
            }
            return values;
        }
        if (v.has("kvlistValue")) {
            return attributes(v.get("kvlistValue").path("values"));
        }
        if (v.has("bytesValue")) {
            return Base64.getDecoder().decode(v.get("bytesValue").asText());
        }
        throw new IllegalArgumentException("AnyValue without a value: " + v);
    }
}
