package dev.sluice.plugins.audit.otlp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.audit.AuditAttempt;
import dev.sluice.spi.audit.AuditLog;
import dev.sluice.spi.audit.AuditRecord;
import dev.sluice.spi.audit.GuardrailTrigger;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.http.UpstreamClient;
import dev.sluice.spi.http.UpstreamOptions;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Records, settings and a context for the sink's tests. */
final class Fixtures {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant AT = Instant.parse("2026-03-01T12:00:00.123456789Z");
    static final long AT_NANOS = AT.getEpochSecond() * 1_000_000_000L + AT.getNano();

    private Fixtures() {
    }

    /** A successful chat request answered by openai after one attempt. */
    static AuditRecord.Builder chat(String requestId) {
        return AuditRecord.builder(requestId, AT)
                .operation("chat")
                .inbound("openai")
                .route("chat-default")
                .modelRequested("gpt-4o")
                .modelServed("gpt-4o-2024-08-06")
                .provider("openai")
                .promptTokens(120)
                .completionTokens(45)
                .totalTokens(165)
                .latencyMs(850.5)
                .gatewayOverheadMs(2.25)
                .status(200)
                .costUsd(new BigDecimal("0.00123"))
                .temperature(0.7)
                .maxTokens(256)
                .finishReason("stop")
                .routingStrategy("fallback")
                .userId("alice")
                .team("search")
                .project("ranker")
                .keyId("key_123")
                .promptHash("ab12")
                .attempts(List.of(new AuditAttempt("openai", "gpt-4o", 200, null, 840)));
    }

    /** A successful embeddings request. */
    static AuditRecord.Builder embeddings(String requestId) {
        return AuditRecord.builder(requestId, AT)
                .operation("embeddings")
                .route("embed")
                .modelRequested("text-embedding-3-small")
                .modelServed("text-embedding-3-small")
                .provider("openai")
                .promptTokens(8)
                .latencyMs(40)
                .status(200)
                .attempts(List.of(new AuditAttempt("openai", "text-embedding-3-small", 200, null, 35)));
    }

    static GuardrailTrigger piiEmail() {
        return new GuardrailTrigger("pii", "email", "redact", "input");
    }

    /** Sink settings from a map, like the kernel hands them over (the entry without {@code type}). */
    static Settings settings(Map<String, Object> values) {
        return Settings.of(JSON.valueToTree(values));
    }

    /** Settings for a receiver, exporting quickly so tests do not wait for the default second. */
    static ObjectNode fast(OtlpReceiver receiver) {
        ObjectNode node = JSON.createObjectNode();
        node.put("endpoint", receiver.endpoint());
        node.put("export_interval", "20ms");
        node.put("retry_initial_backoff", "10ms");
        node.put("retry_max_backoff", "50ms");
        return node;
    }

    static AuditLog open(ObjectNode settings) {
        return new OtlpSink().open(Settings.of(settings), CONTEXT);
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(2);
        }
    }

    static final GatewayContext CONTEXT = new GatewayContext() {
        @Override
        public UpstreamClient http(UpstreamOptions options) {
            throw new UnsupportedOperationException("the otlp sink brings its own client");
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        public Optional<String> env(String name) {
            return Optional.empty();
        }
    };
}
