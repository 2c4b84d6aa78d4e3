package dev.sluice.kernel.audit;

import dev.sluice.spi.Attempt;
import dev.sluice.spi.Caller;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.Operation;
import dev.sluice.spi.Result;
import dev.sluice.spi.audit.AuditAttempt;
import dev.sluice.spi.audit.AuditRecord;
import dev.sluice.spi.audit.GuardrailTrigger;
import dev.sluice.spi.json.Canonical;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.Usage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Builds the audit record of a request that has ended. */
final class AuditRecords {

    private AuditRecords() {
    }

    /**
     * @param prompts whether to hash (and keep) the prompt as the route's mode says; without a
     *     sink nothing reads it, and hashing a long prompt is not free
     */
    static AuditRecord of(RequestEnd end, AuditConfig config, long endNanos, boolean prompts) {
        AuditRecord.Builder b = AuditRecord.builder(end.requestId(), end.receivedAt())
                .operation(end.operation() == Operation.EMBEDDINGS ? "embeddings" : "chat")
                .inbound(end.inbound().name().toLowerCase(Locale.ROOT))
                .modelRequested(end.modelRequested().orElse(null))
                .traceparent(end.traceparent().orElse(null));
        double latency = millis(endNanos - end.startNanos());
        b.latencyMs(latency).gatewayOverheadMs(latency);
        Optional<GatewayException> error = end.error();
        b.status(error.map(GatewayException::status).orElse(200));
        error.ifPresent(e -> b.error(e.getMessage()).errorType(errorType(e)));
        end.exchange().ifPresent(exchange -> fromExchange(b, exchange, end, config, endNanos, prompts));
        return b.build();
    }

    private static void fromExchange(AuditRecord.Builder b, Exchange exchange, RequestEnd end, AuditConfig config,
            long endNanos, boolean prompts) {
        Caller caller = exchange.caller();
        b.userId(caller.user().orElse(null)).team(caller.team().orElse(null))
                .project(caller.project().orElse(null)).sessionId(caller.session().orElse(null))
                .keyId(caller.keyId().orElse(null)).tags(caller.tags());
        b.route(exchange.routeName().orElse(null)).routingStrategy(exchange.strategy().orElse(null));
        List<Attempt> attempts = exchange.attempts();
        b.attempts(attempts.stream().map(a -> new AuditAttempt(a.provider(), a.model(), a.status(),
                a.error().orElse(null), a.latencyMillis())).toList());
        b.failoverAttempted(attempts.size() > 1);
        Optional<String> provider = exchange.servedBy().map(t -> t.provider())
                .or(() -> attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.getLast().provider()));
        b.provider(provider.orElse(null));
        b.modelServed(exchange.responseModel().or(() -> end.result().flatMap(AuditRecords::responseModel))
                .or(() -> exchange.servedBy().map(t -> t.model())).orElse(null));
        exchange.usage().ifPresent(u -> tokens(b, u));
        exchange.cost().ifPresent(b::costUsd);
        exchange.costSaved().ifPresent(b::costSavedUsd);
        double latency = millis(endNanos - exchange.startNanos());
        b.latencyMs(latency).gatewayOverheadMs(Math.max(0, round(latency - millis(exchange.upstreamNanos()))));
        if (exchange.firstTokenNanos() != 0) {
            b.timeToFirstTokenMs(millis(exchange.firstTokenNanos() - exchange.startNanos()));
        }
        boolean stream = exchange.request() instanceof ChatRequest chat && chat.isStream();
        b.stream(stream);
        if (exchange.request() instanceof ChatRequest chat) {
            b.temperature(chat.temperature())
                    .maxTokens(chat.maxCompletionTokens() != null ? chat.maxCompletionTokens() : chat.maxTokens());
        }
        String finish = exchange.finishReason().or(() -> end.result().flatMap(AuditRecords::finishReason))
                .orElse(null);
        b.finishReason(finish);
        if (end.error().isEmpty()) {
            exchange.streamError().ifPresent(e -> b.error(e.getMessage()).errorType(errorType(e)));
            if (exchange.streamError().isEmpty() && exchange.clientGone()) {
                b.error("the client closed the connection before the stream ended").errorType("client_disconnected");
            }
        }
        String cache = exchange.cacheStatus();
        b.cacheStatus(cache).cacheHit("hit".equals(cache));
        exchange.cacheSimilarity().ifPresent(b::cacheSimilarity);
        List<GuardrailTrigger> triggers = exchange.guardrailTriggers();
        Map<String, Integer> pii = exchange.piiCounts();
        b.guardrailsTriggered(triggers).piiTypes(pii).piiDetected(!pii.isEmpty());
        if (prompts) {
            prompt(b, exchange, config);
        }
    }

    private static void prompt(AuditRecord.Builder b, Exchange exchange, AuditConfig config) {
        PromptMode mode = config.promptsOf(exchange.routeName());
        if (mode == PromptMode.NONE) {
            return;
        }
        String prompt = CanonicalPrompt.of(exchange.request());
        b.promptHash(Canonical.sha256(prompt));
        switch (mode) {
            case FULL -> b.prompt(prompt);
            case ENCRYPTED -> b.promptEncrypted(config.key()
                    .orElseThrow(() -> new IllegalStateException("no prompt key configured")).encrypt(prompt,
                            exchange.id()));
            default -> {
            }
        }
    }

    private static void tokens(AuditRecord.Builder b, Usage usage) {
        int total = usage.totalTokens() > 0 ? usage.totalTokens() : usage.promptTokens() + usage.completionTokens();
        b.promptTokens(usage.promptTokens()).completionTokens(usage.completionTokens()).totalTokens(total);
    }

    private static Optional<String> responseModel(Result result) {
        return result instanceof Result.Chat chat ? Optional.ofNullable(chat.response().model())
                : result instanceof Result.Embeddings e ? Optional.ofNullable(e.response().model()) : Optional.empty();
    }

    private static Optional<String> finishReason(Result result) {
        if (result instanceof Result.Chat chat) {
            ChatResponse response = chat.response();
            if (response.choices() != null && !response.choices().isEmpty()) {
                return Optional.ofNullable(response.choices().getFirst().finishReason());
            }
        }
        return Optional.empty();
    }

    /** The error's code when it has one ({@code budget_exceeded}, …), else its kind. */
    static String errorType(GatewayException e) {
        return e.code().orElse(e.type().name().toLowerCase(Locale.ROOT));
    }

    private static double millis(long nanos) {
        return round(nanos / 1e6);
    }

    private static double round(double millis) {
        return Math.round(millis * 1000) / 1000.0;
    }
}
