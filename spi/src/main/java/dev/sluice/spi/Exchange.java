package dev.sluice.spi;

import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.EmbeddingRequest;
import dev.sluice.spi.model.ModelRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import dev.sluice.spi.model.Usage;

/**
 * One request's journey through the gateway: the request (which steps may replace), who sent it,
 * attributes steps share, what the router did, and when things happened.
 *
 * <p>An exchange belongs to one request and is used by the request's own thread; steps that
 * hand work to other threads must not let it escape. Attributes are in a concurrent map so that
 * a stream wrapper may still read them after the response has started.
 */
public final class Exchange {
    private final String id;
    private final Operation operation;
    private final InboundApi inbound;
    private final Instant receivedAt;
    private final long startNanos;
    private final Function<String, Optional<String>> requestHeaders;
    private final Map<AttributeKey<?>, Object> attributes = new ConcurrentHashMap<>();
    private final Map<String, String> responseHeaders = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
    private volatile ModelRequest request;
    private volatile Caller caller;
    private volatile String routeName;
    private volatile String strategy;
    private volatile Target servedBy;
    private volatile String cacheStatus = "bypass";
    private volatile long upstreamNanos;
    private volatile long firstTokenNanos;
    private volatile Usage usage;
    private volatile java.math.BigDecimal cost;
    private volatile Object answer;
    private volatile GatewayException streamError;
    private volatile String finishReason;
    private volatile String responseModel;
    private volatile boolean clientGone;
    private volatile Double cacheSimilarity;
    private volatile java.math.BigDecimal costSaved;
    private final List<dev.sluice.spi.audit.GuardrailTrigger> guardrailTriggers =
            Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> piiCounts = new ConcurrentHashMap<>();
    private volatile byte[] answerJson;

    /**
     * @param id the request id sent back as {@code x-sluice-request-id}
     * @param operation chat or embeddings
     * @param inbound the API dialect the client spoke
     * @param request the parsed request
     * @param caller who sent it
     * @param requestHeaders looks a request header up by lower-case name
     * @param receivedAt when the request arrived
     * @param startNanos {@link System#nanoTime()} when the request arrived
     */
    public Exchange(String id, Operation operation, InboundApi inbound, ModelRequest request, Caller caller,
            Function<String, Optional<String>> requestHeaders, Instant receivedAt, long startNanos) {
        this.id = Objects.requireNonNull(id);
        this.operation = Objects.requireNonNull(operation);
        this.inbound = Objects.requireNonNull(inbound);
        this.request = Objects.requireNonNull(request);
        this.caller = Objects.requireNonNull(caller);
        this.requestHeaders = Objects.requireNonNull(requestHeaders);
        this.receivedAt = receivedAt;
        this.startNanos = startNanos;
    }

    /** The request id. */
    public String id() {
        return id;
    }

    /** Chat or embeddings. */
    public Operation operation() {
        return operation;
    }

    /** The API dialect the client spoke. */
    public InboundApi inbound() {
        return inbound;
    }

    /** When the request arrived. */
    public Instant receivedAt() {
        return receivedAt;
    }

    /** {@link System#nanoTime()} when the request arrived. */
    public long startNanos() {
        return startNanos;
    }

    /** A request header by lower-case name. */
    public Optional<String> requestHeader(String name) {
        return requestHeaders.apply(name);
    }

    /** The current request; steps before the router may have replaced the original. */
    public ModelRequest request() {
        return request;
    }

    /** The current request as a chat request; only for {@link Operation#CHAT}. */
    public ChatRequest chatRequest() {
        if (request instanceof ChatRequest chat) {
            return chat;
        }
        throw new IllegalStateException("exchange " + id + " is not a chat request");
    }

    /** The current request as an embeddings request; only for {@link Operation#EMBEDDINGS}. */
    public EmbeddingRequest embeddingRequest() {
        if (request instanceof EmbeddingRequest embedding) {
            return embedding;
        }
        throw new IllegalStateException("exchange " + id + " is not an embeddings request");
    }

    /** Replaces the request (e.g. a capped {@code max_tokens}, a redacted prompt). */
    public void request(ModelRequest newRequest) {
        if (newRequest.getClass() != request.getClass()) {
            throw new IllegalArgumentException("a " + request.getClass().getSimpleName() + " cannot become a "
                    + newRequest.getClass().getSimpleName());
        }
        this.request = newRequest;
    }

    /** Who sent the request. */
    public Caller caller() {
        return caller;
    }

    /** Replaces the caller (authentication fills in the key's team, project, user). */
    public void caller(Caller newCaller) {
        this.caller = Objects.requireNonNull(newCaller);
    }

    /** An attribute another step set. */
    public <T> Optional<T> attribute(AttributeKey<T> key) {
        return Optional.ofNullable(key.type().cast(attributes.get(key)));
    }

    /** Sets an attribute for later steps. */
    public <T> void attribute(AttributeKey<T> key, T value) {
        attributes.put(key, key.type().cast(Objects.requireNonNull(value)));
    }

    /** Adds a header to the response (before the response starts). */
    public void responseHeader(String name, String value) {
        responseHeaders.put(name, value);
    }

    /** The extra response headers steps have added, in order. */
    public Map<String, String> responseHeaders() {
        synchronized (responseHeaders) {
            return Map.copyOf(responseHeaders);
        }
    }

    /** The model route that served the request, once resolved. */
    public Optional<String> routeName() {
        return Optional.ofNullable(routeName);
    }

    /** The routing strategy used, once resolved. */
    public Optional<String> strategy() {
        return Optional.ofNullable(strategy);
    }

    /** Records the resolved route; called by the router. */
    public void route(String name, String strategyName) {
        this.routeName = name;
        this.strategy = strategyName;
    }

    /** The target that produced the answer, once one has. */
    public Optional<Target> servedBy() {
        return Optional.ofNullable(servedBy);
    }

    /** Records the target that produced the answer; called by the router. */
    public void servedBy(Target target) {
        this.servedBy = target;
    }

    /** Every target tried so far, in order. */
    public List<Attempt> attempts() {
        synchronized (attempts) {
            return List.copyOf(attempts);
        }
    }

    /** Records one try; called by the router. */
    public void addAttempt(Attempt attempt) {
        attempts.add(attempt);
    }

    /** {@code hit}, {@code miss} or {@code bypass} (the default). */
    public String cacheStatus() {
        return cacheStatus;
    }

    /** Records the cache outcome; called by cache steps. */
    public void cacheStatus(String status) {
        this.cacheStatus = Objects.requireNonNull(status);
    }

    /** Nanoseconds spent waiting for upstreams so far. */
    public long upstreamNanos() {
        return upstreamNanos;
    }

    /** Adds time spent waiting for an upstream. */
    public void addUpstreamNanos(long nanos) {
        this.upstreamNanos += nanos;
    }

    /** {@link System#nanoTime()} when the first streamed chunk was written, or 0. */
    public long firstTokenNanos() {
        return firstTokenNanos;
    }

    /** Records when the first streamed chunk was written. */
    public void markFirstToken(long nanos) {
        if (firstTokenNanos == 0) {
            this.firstTokenNanos = nanos;
        }
    }

    /** The token usage of the answer, once known (for streams: at the end). */
    public Optional<Usage> usage() {
        return Optional.ofNullable(usage);
    }

    /** The answer's cost in US dollars, once known and priced (for streams: at the end). */
    public Optional<java.math.BigDecimal> cost() {
        return Optional.ofNullable(cost);
    }

    /** Records the answer's cost in US dollars. */
    public void cost(java.math.BigDecimal value) {
        this.cost = value;
    }

    /** Records the answer's token usage. */
    public void usage(Usage value) {
        this.usage = value;
    }

    /**
     * Remembers the JSON a complete answer ({@code ChatResponse}, {@code EmbeddingResponse}) was
     * parsed from. Providers call it after parsing; the gateway then sends those bytes instead of
     * writing the answer out again, unless a step replaced the answer.
     */
    public void answerJson(Object parsed, byte[] json) {
        this.answerJson = json;
        this.answer = parsed;
    }

    /** The JSON {@code parsed} was read from, when it is (by identity) the answer a provider recorded. */
    public Optional<byte[]> answerJson(Object parsed) {
        Object recorded = answer;
        return recorded != null && recorded == parsed ? Optional.ofNullable(answerJson) : Optional.empty();
    }

    /**
     * Records that a stream failed after its first byte (the client got a 200 and then an error
     * event); the audit record and metrics report it as an error.
     */
    public void streamError(GatewayException error) {
        this.streamError = error;
    }

    /** The error that ended a stream after it started, if one did. */
    public Optional<GatewayException> streamError() {
        return Optional.ofNullable(streamError);
    }

    /** Records why the answer ended ({@code stop}, {@code length}, {@code tool_calls}, …). */
    public void finishReason(String reason) {
        this.finishReason = reason;
    }

    /** Why the answer ended, once known. */
    public Optional<String> finishReason() {
        return Optional.ofNullable(finishReason);
    }

    /** Records the similarity of a semantic cache hit and the cost the hit saved. */
    public void cacheHit(Double similarity, java.math.BigDecimal saved) {
        this.cacheSimilarity = similarity;
        this.costSaved = saved;
    }

    /** The similarity of a semantic cache hit. */
    public Optional<Double> cacheSimilarity() {
        return Optional.ofNullable(cacheSimilarity);
    }

    /** What a cache hit saved, in US dollars. */
    public Optional<java.math.BigDecimal> costSaved() {
        return Optional.ofNullable(costSaved);
    }

    /** Records a guardrail that fired, for audit and metrics. */
    public void guardrailTriggered(dev.sluice.spi.audit.GuardrailTrigger trigger) {
        guardrailTriggers.add(trigger);
    }

    /** The guardrails that fired so far, in order. */
    public List<dev.sluice.spi.audit.GuardrailTrigger> guardrailTriggers() {
        synchronized (guardrailTriggers) {
            return List.copyOf(guardrailTriggers);
        }
    }

    /** Counts personal data of one kind found in the prompt or the answer (never the values). */
    public void piiFound(String type, int count) {
        piiCounts.merge(type, count, Integer::sum);
    }

    /** How many of each kind of personal data were found. */
    public Map<String, Integer> piiCounts() {
        return Map.copyOf(piiCounts);
    }

    /** Records the model the upstream says answered (e.g. a dated snapshot of the one asked for). */
    public void responseModel(String model) {
        this.responseModel = model;
    }

    /** The model the upstream says answered, once known. */
    public Optional<String> responseModel() {
        return Optional.ofNullable(responseModel);
    }

    /** Records that the client closed the connection before the stream ended. */
    public void markClientGone() {
        this.clientGone = true;
    }

    /** Whether the client closed the connection before the stream ended. */
    public boolean clientGone() {
        return clientGone;
    }
}
