package dev.sluice.plugins.audit.jsonl;

import dev.sluice.spi.audit.AuditAttempt;
import dev.sluice.spi.audit.AuditRecord;
import dev.sluice.spi.audit.GuardrailTrigger;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Audit records for tests, with every kind of field filled. */
final class Records {
    static final Instant T0 = Instant.parse("2026-11-25T10:15:00Z");

    private Records() {
    }

    /** A successful request by {@code user-N}, where N is the number at the end of the id. */
    static AuditRecord record(String requestId) {
        return record(requestId, T0);
    }

    static AuditRecord record(String requestId, Instant at) {
        return AuditRecord.builder(requestId, at).userId("user-" + requestId.replaceAll("\\D", ""))
                .team("search").project("ranking").sessionId("s-1").keyId("key_7").tags(List.of("prod", "eu"))
                .route("chat").modelRequested("gpt-4o-mini").modelServed("gpt-4o-mini-2024-07-18")
                .provider("openai").promptTokens(120).completionTokens(30).totalTokens(150)
                .promptHash("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08").latencyMs(812.5)
                .gatewayOverheadMs(1.25).status(200).costUsd(new BigDecimal("0.000036"))
                .guardrailsTriggered(List.of(new GuardrailTrigger("pii", "email", "redact", "input")))
                .piiDetected(true).piiTypes(Map.of("email", 1)).routingStrategy("fallback")
                .attempts(List.of(new AuditAttempt("openai", "gpt-4o-mini", 200, null, 800)))
                .cacheStatus("miss").finishReason("stop").temperature(0.2).build();
    }
}
