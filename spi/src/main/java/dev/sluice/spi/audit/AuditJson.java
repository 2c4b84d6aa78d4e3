package dev.sluice.spi.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of an {@link AuditRecord}: one object, snake_case names in a fixed order, every
 * field present ({@code null} when absent). Chained sinks prefix it with {@code seq} and end it
 * with {@code prev_hash} (see {@link AuditChain}).
 *
 * <pre>{@code
 * {"seq":1,"request_id":"req_…","timestamp":"2026-11-25T10:00:00.123Z","user_id":"u1",…,"prev_hash":"000…"}
 * }</pre>
 */
public final class AuditJson {
    private static final JsonFactory FACTORY = Json.mapper().getFactory();
    /** Reads decimals as written: a cost must come back with every digit it was written with. */
    private static final com.fasterxml.jackson.databind.ObjectReader READER = Json.mapper().reader()
            .with(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .with(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    private AuditJson() {
    }

    /** The record alone, without chain fields. */
    public static byte[] bytes(AuditRecord record) {
        return write(record, -1, null);
    }

    /** The record with {@code seq} first and {@code prev_hash} last: what {@link AuditChain} hashes. */
    static byte[] chained(AuditRecord record, long seq, String prevHash) {
        return write(record, seq, prevHash);
    }

    private static byte[] write(AuditRecord r, long seq, String prevHash) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            if (seq >= 0) {
                g.writeNumberField("seq", seq);
            }
            g.writeStringField("request_id", r.requestId());
            g.writeStringField("timestamp", r.timestamp().toString());
            string(g, "user_id", r.userId());
            string(g, "team", r.team());
            string(g, "project", r.project());
            string(g, "session_id", r.sessionId());
            string(g, "key_id", r.keyId());
            g.writeArrayFieldStart("tags");
            for (String tag : r.tags()) {
                g.writeString(tag);
            }
            g.writeEndArray();
            string(g, "operation", r.operation());
            string(g, "inbound", r.inbound());
            string(g, "route", r.route());
            string(g, "model_requested", r.modelRequested());
            string(g, "model_served", r.modelServed());
            string(g, "provider", r.provider());
            integer(g, "prompt_tokens", r.promptTokens());
            integer(g, "completion_tokens", r.completionTokens());
            integer(g, "total_tokens", r.totalTokens());
            string(g, "prompt_hash", r.promptHash());
            string(g, "prompt", r.prompt());
            string(g, "prompt_encrypted", r.promptEncrypted());
            g.writeNumberField("latency_ms", r.latencyMs());
            g.writeNumberField("gateway_overhead_ms", r.gatewayOverheadMs());
            decimal(g, "time_to_first_token_ms", r.timeToFirstTokenMs());
            g.writeNumberField("status", r.status());
            string(g, "error", r.error());
            string(g, "error_type", r.errorType());
            money(g, "cost_usd", r.costUsd());
            money(g, "cost_saved_usd", r.costSavedUsd());
            g.writeArrayFieldStart("guardrails_triggered");
            for (GuardrailTrigger t : r.guardrailsTriggered()) {
                g.writeStartObject();
                g.writeStringField("guardrail", t.guardrail());
                g.writeStringField("rule", t.rule());
                g.writeStringField("action", t.action());
                g.writeStringField("stage", t.stage());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeBooleanField("pii_detected", r.piiDetected());
            g.writeObjectFieldStart("pii_types");
            for (Map.Entry<String, Integer> e : new java.util.TreeMap<>(r.piiTypes()).entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            string(g, "routing_strategy", r.routingStrategy());
            g.writeArrayFieldStart("attempts");
            for (AuditAttempt a : r.attempts()) {
                g.writeStartObject();
                string(g, "provider", a.provider());
                string(g, "model", a.model());
                g.writeNumberField("status", a.status());
                string(g, "error", a.error());
                g.writeNumberField("latency_ms", a.latencyMs());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeBooleanField("failover_attempted", r.failoverAttempted());
            g.writeBooleanField("cache_hit", r.cacheHit());
            string(g, "cache_status", r.cacheStatus());
            decimal(g, "cache_similarity", r.cacheSimilarity());
            g.writeBooleanField("stream", r.stream());
            string(g, "finish_reason", r.finishReason());
            decimal(g, "temperature", r.temperature());
            integer(g, "max_tokens", r.maxTokens());
            string(g, "traceparent", r.traceparent());
            if (prevHash != null) {
                g.writeStringField("prev_hash", prevHash);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Reads a record back from its JSON form (chain fields, if any, are ignored). Costs are exact
     * when the tree was read with decimals kept; {@link #read(byte[])} takes care of that.
     */
    public static AuditRecord read(JsonNode n) {
        return read(n, n);
    }

    private static AuditRecord read(JsonNode n, JsonNode exact) {
        AuditRecord.Builder b = AuditRecord.builder(n.path("request_id").asText(),
                Instant.parse(n.path("timestamp").asText()));
        b.userId(text(n, "user_id")).team(text(n, "team")).project(text(n, "project"))
                .sessionId(text(n, "session_id")).keyId(text(n, "key_id"));
        List<String> tags = new ArrayList<>();
        n.path("tags").forEach(t -> tags.add(t.asText()));
        b.tags(tags).operation(text(n, "operation")).inbound(text(n, "inbound")).route(text(n, "route"))
                .modelRequested(text(n, "model_requested")).modelServed(text(n, "model_served"))
                .provider(text(n, "provider")).promptTokens(integer(n, "prompt_tokens"))
                .completionTokens(integer(n, "completion_tokens")).totalTokens(integer(n, "total_tokens"))
                .promptHash(text(n, "prompt_hash")).prompt(text(n, "prompt"))
                .promptEncrypted(text(n, "prompt_encrypted")).latencyMs(n.path("latency_ms").asDouble())
                .gatewayOverheadMs(n.path("gateway_overhead_ms").asDouble())
                .timeToFirstTokenMs(decimal(n, "time_to_first_token_ms")).status(n.path("status").asInt())
                .error(text(n, "error")).errorType(text(n, "error_type")).costUsd(money(exact, "cost_usd"))
                .costSavedUsd(money(exact, "cost_saved_usd"));
        List<GuardrailTrigger> triggers = new ArrayList<>();
        n.path("guardrails_triggered").forEach(t -> triggers.add(new GuardrailTrigger(t.path("guardrail").asText(),
                t.path("rule").asText(), t.path("action").asText(), t.path("stage").asText())));
        Map<String, Integer> pii = new LinkedHashMap<>();
        n.path("pii_types").properties().forEach(e -> pii.put(e.getKey(), e.getValue().asInt()));
        List<AuditAttempt> attempts = new ArrayList<>();
        n.path("attempts").forEach(a -> attempts.add(new AuditAttempt(text(a, "provider"), text(a, "model"),
                a.path("status").asInt(), text(a, "error"), a.path("latency_ms").asLong())));
        return b.guardrailsTriggered(triggers).piiDetected(n.path("pii_detected").asBoolean()).piiTypes(pii)
                .routingStrategy(text(n, "routing_strategy")).attempts(attempts)
                .failoverAttempted(n.path("failover_attempted").asBoolean()).cacheHit(n.path("cache_hit").asBoolean())
                .cacheStatus(text(n, "cache_status")).cacheSimilarity(decimal(n, "cache_similarity"))
                .stream(n.path("stream").asBoolean()).finishReason(text(n, "finish_reason"))
                .temperature(decimal(n, "temperature")).maxTokens(integer(n, "max_tokens"))
                .traceparent(text(n, "traceparent")).build();
    }

    /** Reads a record from JSON bytes: costs with every digit, times with their sign. */
    public static AuditRecord read(byte[] json) {
        try {
            // Two trees: decimals exact for money, doubles as written (-0.0, NaN) for times.
            return read(Json.tree(json), tree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("not an audit record: " + e.getMessage(), e);
        }
    }

    /** The JSON tree of a record, decimals exact. */
    static JsonNode tree(byte[] json) throws IOException {
        return READER.readTree(json);
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, value);
        }
    }

    private static void integer(JsonGenerator g, String name, Integer value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, value);
        }
    }

    private static void decimal(JsonGenerator g, String name, Double value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, value);
        }
    }

    private static void money(JsonGenerator g, String name, BigDecimal value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeFieldName(name);
            g.writeNumber(value.toPlainString());
        }
    }

    private static String text(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Integer integer(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? null : v.asInt();
    }

    private static Double decimal(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? null : v.asDouble();
    }

    private static BigDecimal money(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        // Exact when the tree was read with decimals kept (see READER); else from the text.
        return v.isBigDecimal() ? v.decimalValue() : new BigDecimal(v.asText());
    }
}
