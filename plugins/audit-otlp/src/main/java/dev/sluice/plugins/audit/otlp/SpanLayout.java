package dev.sluice.plugins.audit.otlp;

import dev.sluice.spi.audit.AuditAttempt;
import dev.sluice.spi.audit.AuditRecord;
import dev.sluice.spi.audit.GuardrailTrigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays one audit record out as spans: a {@code SERVER} span for the gateway request and one
 * {@code CLIENT} child per attempt, placed one after another from the request's start by each
 * attempt's latency (the record keeps durations, not start times). Attributes follow the
 * OpenTelemetry GenAI semantic conventions, plus {@code sluice.*} ones. Prompts are never
 * exported, whatever the prompt mode. Not thread-safe (it owns a {@link SpanIds}).
 */
final class SpanLayout {
    private final ProviderNames providers;
    private final SpanIds ids;

    SpanLayout(ProviderNames providers, SpanIds ids) {
        this.providers = providers;
        this.ids = ids;
    }

    /** The request span first, then its attempts in order. */
    List<SpanData> spans(AuditRecord r) {
        List<SpanData> spans = new ArrayList<>(1 + r.attempts().size());
        TraceIdentity trace = identity(r);
        String requestSpanId = ids.spanId();
        long start = epochNanos(r.timestamp());
        long end = start + millisToNanos(r.latencyMs());
        String operation = operation(r);
        boolean failed = !r.succeeded();
        spans.add(new SpanData(trace.traceId(), requestSpanId, trace.parentSpanId(),
                spanName(operation, r.modelRequested()), SpanData.SERVER, start, end, requestAttributes(r, operation),
                failed ? SpanData.STATUS_ERROR : SpanData.STATUS_UNSET, failed && r.error() != null ? r.error() : ""));
        long attemptStart = start;
        List<AuditAttempt> attempts = r.attempts();
        for (int i = 0; i < attempts.size(); i++) {
            AuditAttempt a = attempts.get(i);
            long attemptEnd = attemptStart + millisToNanos(a.latencyMs());
            boolean attemptFailed = attemptFailed(a);
            boolean answered = i == attempts.size() - 1 && !attemptFailed && r.succeeded();
            spans.add(new SpanData(trace.traceId(), ids.spanId(), requestSpanId, spanName(operation, a.model()),
                    SpanData.CLIENT, attemptStart, attemptEnd, attemptAttributes(r, a, i + 1, operation, answered),
                    attemptFailed ? SpanData.STATUS_ERROR : SpanData.STATUS_UNSET,
                    attemptFailed && a.error() != null ? a.error() : ""));
            attemptStart = attemptEnd;
        }
        return spans;
    }

    private TraceIdentity identity(AuditRecord r) {
        var parent = TraceParent.parse(r.traceparent());
        if (parent.isPresent()) {
            return new TraceIdentity(parent.get().traceId(), parent.get().parentSpanId());
        }
        if (r.sessionId() != null && !r.sessionId().isEmpty()) {
            return new TraceIdentity(SpanIds.sessionTraceId(r.sessionId()), "");
        }
        return new TraceIdentity(ids.traceId(), "");
    }

    private List<Attribute> requestAttributes(AuditRecord r, String operation) {
        Attributes a = new Attributes()
                .put("gen_ai.operation.name", operation)
                .put("gen_ai.provider.name", r.provider() == null ? null : providers.of(r.provider()))
                .put("gen_ai.request.model", r.modelRequested())
                .put("gen_ai.response.model", r.modelServed())
                .put("gen_ai.usage.input_tokens", r.promptTokens())
                .put("gen_ai.usage.output_tokens", r.completionTokens());
        requestParameters(a, r);
        if (r.finishReason() != null && !r.finishReason().isEmpty()) {
            a.put("gen_ai.response.finish_reasons", List.of(r.finishReason()));
        }
        if (r.timeToFirstTokenMs() != null) {
            a.put("gen_ai.response.time_to_first_chunk", r.timeToFirstTokenMs() / 1000.0);
        }
        session(a, r);
        if (!r.succeeded()) {
            a.put("error.type", requestErrorType(r));
        }
        a.put("http.response.status_code", (long) r.status())
                .put("sluice.request_id", r.requestId())
                .put("sluice.route", r.route())
                .put("sluice.provider", r.provider())
                .put("sluice.inbound", r.inbound())
                .put("sluice.routing_strategy", r.routingStrategy())
                .put("sluice.team", r.team())
                .put("sluice.project", r.project())
                .put("sluice.user", r.userId())
                .put("sluice.key_id", r.keyId())
                .put("sluice.tags", r.tags())
                .put("sluice.cost_usd", r.costUsd())
                .put("sluice.cost_saved_usd", r.costSavedUsd())
                .put("sluice.cache_hit", r.cacheHit())
                .put("sluice.cache_status", r.cacheStatus())
                .put("sluice.cache_similarity", r.cacheSimilarity())
                .put("sluice.gateway_overhead_ms", r.gatewayOverheadMs())
                .put("sluice.failover_attempted", r.failoverAttempted())
                .put("sluice.stream", r.stream())
                .put("sluice.guardrails", guardrails(r.guardrailsTriggered()))
                .put("sluice.pii_detected", r.piiDetected())
                .put("sluice.prompt_hash", r.promptHash());
        return a.list();
    }

    private List<Attribute> attemptAttributes(AuditRecord r, AuditAttempt attempt, int number, String operation,
            boolean answered) {
        Attributes a = new Attributes()
                .put("gen_ai.operation.name", operation)
                .put("gen_ai.provider.name", attempt.provider() == null ? null : providers.of(attempt.provider()))
                .put("gen_ai.request.model", attempt.model());
        requestParameters(a, r);
        if (answered) {
            a.put("gen_ai.response.model", r.modelServed())
                    .put("gen_ai.usage.input_tokens", r.promptTokens())
                    .put("gen_ai.usage.output_tokens", r.completionTokens());
            if (r.finishReason() != null && !r.finishReason().isEmpty()) {
                a.put("gen_ai.response.finish_reasons", List.of(r.finishReason()));
            }
        }
        session(a, r);
        if (attemptFailed(attempt)) {
            a.put("error.type", attempt.status() > 0 ? Integer.toString(attempt.status()) : "_OTHER");
        }
        if (attempt.status() > 0) {
            a.put("http.response.status_code", (long) attempt.status());
        }
        return a.put("sluice.request_id", r.requestId())
                .put("sluice.provider", attempt.provider())
                .put("sluice.attempt", (long) number)
                .list();
    }

    private static void requestParameters(Attributes a, AuditRecord r) {
        a.put("gen_ai.request.temperature", r.temperature()).put("gen_ai.request.max_tokens", r.maxTokens());
        if (r.stream()) {
            a.put("gen_ai.request.stream", true); // the conventions set it only for streams
        }
    }

    private static void session(Attributes a, AuditRecord r) {
        a.put("gen_ai.conversation.id", r.sessionId()).put("session.id", r.sessionId());
    }

    /** The record's error kind, else the HTTP status of a failed answer, else {@code _OTHER}. */
    private static String requestErrorType(AuditRecord r) {
        if (r.errorType() != null && !r.errorType().isEmpty()) {
            return r.errorType();
        }
        boolean ok = r.status() >= 200 && r.status() < 300;
        return ok || r.status() <= 0 ? "_OTHER" : Integer.toString(r.status());
    }

    private static boolean attemptFailed(AuditAttempt a) {
        return a.error() != null || a.status() < 200 || a.status() >= 300;
    }

    private static List<String> guardrails(List<GuardrailTrigger> triggers) {
        List<String> out = new ArrayList<>(triggers.size());
        for (GuardrailTrigger t : triggers) {
            out.add(t.guardrail() + "/" + t.rule() + ":" + t.action() + "@" + t.stage());
        }
        return out;
    }

    private static String operation(AuditRecord r) {
        return r.operation() == null || r.operation().isEmpty() ? "chat" : r.operation();
    }

    private static String spanName(String operation, String model) {
        return model == null || model.isEmpty() ? operation : operation + " " + model;
    }

    private static long epochNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static long millisToNanos(double millis) {
        return millis > 0 && Double.isFinite(millis) ? Math.round(millis * 1_000_000.0) : 0;
    }

    /** Where a record's spans hang: a trace, and the caller's span when it sent a traceparent. */
    private record TraceIdentity(String traceId, String parentSpanId) {
    }
}
