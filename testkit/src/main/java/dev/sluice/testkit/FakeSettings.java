package dev.sluice.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The fake's mutable behaviour knobs. Every method is synchronized: tests flip knobs from the
 * test thread while server threads read them, and {@link #planForInference()} must consume a
 * "fail next N" budget atomically so that N concurrent requests see exactly N failures.
 */
final class FakeSettings {

    static final String DEFAULT_REPLY = "Hello from the fake upstream.";
    static final List<String> DEFAULT_MODELS = List.of("gpt-4o", "gpt-4o-mini", "text-embedding-3-small");
    static final int DEFAULT_EMBEDDING_DIMENSIONS = 8;

    private String text;
    private int chunks;
    private Duration latency;
    private Duration chunkDelay;
    private ResponsePlan.Failure persistentFailure;
    private ResponsePlan.Failure nextFailure;
    private int nextFailureCount;
    private StreamGate gate;
    private ResponsePlan.ToolCall toolCall;
    private Integer promptTokens;
    private Integer completionTokens;
    private String requiredApiKey;
    private int embeddingDimensions;
    private List<String> models;
    private Duration firstChunkDelay;

    FakeSettings() {
        reset();
    }

    synchronized void reset() {
        text = DEFAULT_REPLY;
        chunks = 0;
        latency = Duration.ZERO;
        chunkDelay = Duration.ZERO;
        persistentFailure = null;
        nextFailure = null;
        nextFailureCount = 0;
        if (gate != null) {
            gate.release(); // never leave a server thread parked behind a forgotten gate
        }
        gate = null;
        toolCall = null;
        promptTokens = null;
        completionTokens = null;
        requiredApiKey = null;
        embeddingDimensions = DEFAULT_EMBEDDING_DIMENSIONS;
        models = DEFAULT_MODELS;
        firstChunkDelay = Duration.ZERO;
    }

    synchronized void reply(String value) {
        text = Objects.requireNonNull(value, "text");
        toolCall = null;
    }

    synchronized void chunks(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("chunks must be >= 0 (0 = one per word), got " + count);
        }
        chunks = count;
    }

    synchronized void latency(Duration value) {
        latency = nonNegative(value, "latency");
    }

    synchronized void chunkDelay(Duration value) {
        chunkDelay = nonNegative(value, "chunkDelay");
    }

    synchronized void firstChunkDelay(Duration value) {
        firstChunkDelay = nonNegative(value, "firstChunkDelay");
    }

    synchronized void failWith(int status, Duration retryAfter) {
        persistentFailure = failure(status, retryAfter);
    }

    synchronized void failNext(int count, int status, Duration retryAfter) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        nextFailure = failure(status, retryAfter);
        nextFailureCount = count;
    }

    synchronized void stopFailing() {
        persistentFailure = null;
        nextFailure = null;
        nextFailureCount = 0;
    }

    synchronized StreamGate newGate() {
        if (gate != null) {
            gate.release();
        }
        gate = new StreamGate();
        return gate;
    }

    synchronized void toolCall(String name, String argumentsJson) {
        toolCall = new ResponsePlan.ToolCall(Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(argumentsJson, "argumentsJson"));
    }

    synchronized void usage(int prompt, int completion) {
        if (prompt < 0 || completion < 0) {
            throw new IllegalArgumentException("token counts must be >= 0");
        }
        promptTokens = prompt;
        completionTokens = completion;
    }

    synchronized void requireApiKey(String key) {
        requiredApiKey = key;
    }

    synchronized void embeddingDimensions(int dimensions) {
        if (dimensions < 1) {
            throw new IllegalArgumentException("dimensions must be >= 1, got " + dimensions);
        }
        embeddingDimensions = dimensions;
    }

    synchronized void models(List<String> ids) {
        models = List.copyOf(ids);
    }

    /** Snapshot for chat or embeddings requests: consumes one "fail next" if any is pending. */
    synchronized ResponsePlan planForInference() {
        ResponsePlan.Failure failure = persistentFailure;
        if (nextFailureCount > 0) {
            nextFailureCount--;
            failure = nextFailure;
        }
        return snapshot(failure);
    }

    /** Snapshot for metadata requests ({@code /v1/models}): injected failures do not apply. */
    synchronized ResponsePlan planForMetadata() {
        return snapshot(null);
    }

    private ResponsePlan snapshot(ResponsePlan.Failure failure) {
        return new ResponsePlan(text, chunks, latency, chunkDelay, failure, gate, toolCall,
                promptTokens, completionTokens, requiredApiKey, embeddingDimensions, models, firstChunkDelay);
    }

    private static ResponsePlan.Failure failure(int status, Duration retryAfter) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("failure status must be 4xx or 5xx, got " + status);
        }
        return new ResponsePlan.Failure(status, retryAfter == null ? null : nonNegative(retryAfter, "retryAfter"));
    }

    private static Duration nonNegative(Duration value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, got " + value);
        }
        return value;
    }
}
