package dev.sluice.kernel.metrics;

import dev.sluice.spi.audit.AuditAttempt;
import dev.sluice.spi.audit.AuditRecord;
import java.time.Instant;
import java.util.List;

/** Audit records as the kernel writes them, for the metrics to count. */
final class Records {
    private static int ids;

    private Records() {
    }

    /** A request of route {@code main} answered by {@code openai} in 120 ms, 0.4 ms of them the gateway's. */
    static AuditRecord.Builder served() {
        return AuditRecord.builder("req-" + ++ids, Instant.parse("2026-01-01T00:00:00Z")).route("main")
                .modelRequested("main").modelServed("gpt-4o").provider("openai").status(200).latencyMs(120.0)
                .gatewayOverheadMs(0.4).promptTokens(12).completionTokens(30).totalTokens(42)
                .attempts(List.of(new AuditAttempt("openai", "gpt-4o", 200, null, 119)));
    }

    /** A request the gateway refused before any upstream was asked. */
    static AuditRecord.Builder rejected(int status, String errorType) {
        return AuditRecord.builder("req-" + ++ids, Instant.parse("2026-01-01T00:00:00Z")).route("main")
                .modelRequested("main").status(status).latencyMs(0.2).gatewayOverheadMs(0.2)
                .error("refused").errorType(errorType);
    }
}
