package dev.sluice.spi.audit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the gateway records about one request, success or not: one record per request, written
 * after the answer (or the error, or the end of the stream) has gone to the client. Absent values
 * are {@code null}. No field ever holds a secret; {@link #prompt()} is set only in the
 * {@code full} prompt mode and {@link #promptEncrypted()} only in the {@code encrypted} mode.
 *
 * <p>The JSON form (snake_case names, in this order) is written by {@link AuditJson}; sinks that
 * chain records use {@link AuditChain}.
 *
 * @param requestId the id sent back as {@code x-sluice-request-id}
 * @param timestamp when the request arrived
 * @param userId the caller's user ({@code user} field, {@code x-sluice-user} or the key's user)
 * @param team the caller's team
 * @param project the caller's project
 * @param sessionId the caller's session ({@code x-sluice-session})
 * @param keyId the virtual key's id (never the key)
 * @param tags tags from the key, the client and policies
 * @param operation {@code chat} or {@code embeddings}
 * @param inbound the API the client spoke: {@code openai} or {@code anthropic}
 * @param route the model route that served the request
 * @param modelRequested the model the client asked for
 * @param modelServed the model the upstream reported (or was asked for)
 * @param provider the provider that answered (or was tried last)
 * @param promptTokens input tokens, when known
 * @param completionTokens output tokens, when known
 * @param totalTokens input plus output tokens, when known
 * @param promptHash SHA-256 (hex) of the canonical prompt, unless prompts are not logged
 * @param prompt the canonical prompt, in the {@code full} mode only
 * @param promptEncrypted the canonical prompt under AES-GCM, in the {@code encrypted} mode only
 * @param latencyMs arrival to last byte, in milliseconds
 * @param gatewayOverheadMs the part of {@code latencyMs} not spent waiting for upstreams
 * @param timeToFirstTokenMs arrival to the first streamed chunk, for streams
 * @param status the HTTP status the client got (200 for a stream that failed after it started)
 * @param error what went wrong, or {@code null}; never a secret
 * @param errorType the error's kind ({@code rate_limit_exceeded}, {@code budget_exceeded}, …)
 * @param costUsd what the answer cost, when priced
 * @param costSavedUsd what a cache hit saved, when known
 * @param guardrailsTriggered the guardrails that fired
 * @param piiDetected whether personal data was found in the prompt or the answer
 * @param piiTypes how many of each kind of personal data were found (never the values)
 * @param routingStrategy the route's strategy
 * @param attempts every target tried, in order
 * @param failoverAttempted whether more than one target was tried
 * @param cacheHit whether a cache answered
 * @param cacheStatus {@code hit}, {@code miss} or {@code bypass}
 * @param cacheSimilarity the similarity of a semantic cache hit
 * @param stream whether the client asked for a stream
 * @param finishReason why the answer ended ({@code stop}, {@code length}, …)
 * @param temperature the request's temperature, when set
 * @param maxTokens the request's output token cap, when set
 * @param traceparent the W3C {@code traceparent} header the client sent, when it did
 */
public record AuditRecord(String requestId, Instant timestamp, String userId, String team, String project,
        String sessionId, String keyId, List<String> tags, String operation, String inbound, String route,
        String modelRequested, String modelServed, String provider, Integer promptTokens, Integer completionTokens,
        Integer totalTokens, String promptHash, String prompt, String promptEncrypted, double latencyMs,
        double gatewayOverheadMs, Double timeToFirstTokenMs, int status, String error, String errorType,
        BigDecimal costUsd, BigDecimal costSavedUsd, List<GuardrailTrigger> guardrailsTriggered, boolean piiDetected,
        Map<String, Integer> piiTypes, String routingStrategy, List<AuditAttempt> attempts,
        boolean failoverAttempted, boolean cacheHit, String cacheStatus, Double cacheSimilarity, boolean stream,
        String finishReason, Double temperature, Integer maxTokens, String traceparent) {

    public AuditRecord {
        Objects.requireNonNull(requestId);
        Objects.requireNonNull(timestamp);
        tags = tags == null ? List.of() : List.copyOf(tags);
        guardrailsTriggered = guardrailsTriggered == null ? List.of() : List.copyOf(guardrailsTriggered);
        piiTypes = piiTypes == null ? Map.of() : Map.copyOf(piiTypes);
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    /** Whether the request ended well: a 2xx status and no error (a stream can fail after its 200). */
    public boolean succeeded() {
        return status >= 200 && status < 300 && error == null;
    }

    /** A builder, for the kernel and for tests. */
    public static Builder builder(String requestId, Instant timestamp) {
        return new Builder(requestId, timestamp);
    }

    /** A builder holding this record's values. */
    public Builder toBuilder() {
        Builder b = new Builder(requestId, timestamp);
        b.userId = userId;
        b.team = team;
        b.project = project;
        b.sessionId = sessionId;
        b.keyId = keyId;
        b.tags = tags;
        b.operation = operation;
        b.inbound = inbound;
        b.route = route;
        b.modelRequested = modelRequested;
        b.modelServed = modelServed;
        b.provider = provider;
        b.promptTokens = promptTokens;
        b.completionTokens = completionTokens;
        b.totalTokens = totalTokens;
        b.promptHash = promptHash;
        b.prompt = prompt;
        b.promptEncrypted = promptEncrypted;
        b.latencyMs = latencyMs;
        b.gatewayOverheadMs = gatewayOverheadMs;
        b.timeToFirstTokenMs = timeToFirstTokenMs;
        b.status = status;
        b.error = error;
        b.errorType = errorType;
        b.costUsd = costUsd;
        b.costSavedUsd = costSavedUsd;
        b.guardrailsTriggered = guardrailsTriggered;
        b.piiDetected = piiDetected;
        b.piiTypes = piiTypes;
        b.routingStrategy = routingStrategy;
        b.attempts = attempts;
        b.failoverAttempted = failoverAttempted;
        b.cacheHit = cacheHit;
        b.cacheStatus = cacheStatus;
        b.cacheSimilarity = cacheSimilarity;
        b.stream = stream;
        b.finishReason = finishReason;
        b.temperature = temperature;
        b.maxTokens = maxTokens;
        b.traceparent = traceparent;
        return b;
    }

    /** Builds an {@link AuditRecord}; every field but the id and time is optional. */
    public static final class Builder {
        private final String requestId;
        private final Instant timestamp;
        private String userId;
        private String team;
        private String project;
        private String sessionId;
        private String keyId;
        private List<String> tags = List.of();
        private String operation = "chat";
        private String inbound = "openai";
        private String route;
        private String modelRequested;
        private String modelServed;
        private String provider;
        private Integer promptTokens;
        private Integer completionTokens;
        private Integer totalTokens;
        private String promptHash;
        private String prompt;
        private String promptEncrypted;
        private double latencyMs;
        private double gatewayOverheadMs;
        private Double timeToFirstTokenMs;
        private int status = 200;
        private String error;
        private String errorType;
        private BigDecimal costUsd;
        private BigDecimal costSavedUsd;
        private List<GuardrailTrigger> guardrailsTriggered = List.of();
        private boolean piiDetected;
        private Map<String, Integer> piiTypes = Map.of();
        private String routingStrategy;
        private List<AuditAttempt> attempts = List.of();
        private boolean failoverAttempted;
        private boolean cacheHit;
        private String cacheStatus;
        private Double cacheSimilarity;
        private boolean stream;
        private String finishReason;
        private Double temperature;
        private Integer maxTokens;
        private String traceparent;

        private Builder(String requestId, Instant timestamp) {
            this.requestId = requestId;
            this.timestamp = timestamp;
        }

        public Builder userId(String v) { this.userId = v; return this; }
        public Builder team(String v) { this.team = v; return this; }
        public Builder project(String v) { this.project = v; return this; }
        public Builder sessionId(String v) { this.sessionId = v; return this; }
        public Builder keyId(String v) { this.keyId = v; return this; }
        public Builder tags(List<String> v) { this.tags = v; return this; }
        public Builder operation(String v) { this.operation = v; return this; }
        public Builder inbound(String v) { this.inbound = v; return this; }
        public Builder route(String v) { this.route = v; return this; }
        public Builder modelRequested(String v) { this.modelRequested = v; return this; }
        public Builder modelServed(String v) { this.modelServed = v; return this; }
        public Builder provider(String v) { this.provider = v; return this; }
        public Builder promptTokens(Integer v) { this.promptTokens = v; return this; }
        public Builder completionTokens(Integer v) { this.completionTokens = v; return this; }
        public Builder totalTokens(Integer v) { this.totalTokens = v; return this; }
        public Builder promptHash(String v) { this.promptHash = v; return this; }
        public Builder prompt(String v) { this.prompt = v; return this; }
        public Builder promptEncrypted(String v) { this.promptEncrypted = v; return this; }
        public Builder latencyMs(double v) { this.latencyMs = v; return this; }
        public Builder gatewayOverheadMs(double v) { this.gatewayOverheadMs = v; return this; }
        public Builder timeToFirstTokenMs(Double v) { this.timeToFirstTokenMs = v; return this; }
        public Builder status(int v) { this.status = v; return this; }
        public Builder error(String v) { this.error = v; return this; }
        public Builder errorType(String v) { this.errorType = v; return this; }
        public Builder costUsd(BigDecimal v) { this.costUsd = v; return this; }
        public Builder costSavedUsd(BigDecimal v) { this.costSavedUsd = v; return this; }
        public Builder guardrailsTriggered(List<GuardrailTrigger> v) { this.guardrailsTriggered = v; return this; }
        public Builder piiDetected(boolean v) { this.piiDetected = v; return this; }
        public Builder piiTypes(Map<String, Integer> v) { this.piiTypes = v; return this; }
        public Builder routingStrategy(String v) { this.routingStrategy = v; return this; }
        public Builder attempts(List<AuditAttempt> v) { this.attempts = v; return this; }
        public Builder failoverAttempted(boolean v) { this.failoverAttempted = v; return this; }
        public Builder cacheHit(boolean v) { this.cacheHit = v; return this; }
        public Builder cacheStatus(String v) { this.cacheStatus = v; return this; }
        public Builder cacheSimilarity(Double v) { this.cacheSimilarity = v; return this; }
        public Builder stream(boolean v) { this.stream = v; return this; }
        public Builder finishReason(String v) { this.finishReason = v; return this; }
        public Builder temperature(Double v) { this.temperature = v; return this; }
        public Builder maxTokens(Integer v) { this.maxTokens = v; return this; }
        public Builder traceparent(String v) { this.traceparent = v; return this; }

        /** The record. */
        public AuditRecord build() {
            return new AuditRecord(requestId, timestamp, userId, team, project, sessionId, keyId, tags, operation,
                    inbound, route, modelRequested, modelServed, provider, promptTokens, completionTokens,
                    totalTokens, promptHash, prompt, promptEncrypted, latencyMs, gatewayOverheadMs,
                    timeToFirstTokenMs, status, error, errorType, costUsd, costSavedUsd, guardrailsTriggered,
                    piiDetected, piiTypes, routingStrategy, attempts, failoverAttempted, cacheHit, cacheStatus,
                    cacheSimilarity, stream, finishReason, temperature, maxTokens, traceparent);
        }
    }
}
