package dev.sluice.testkit;

import java.time.Duration;
import java.util.List;

/**
 * An immutable snapshot of the fake's knobs, taken once when a request arrives, so that a
 * test changing a knob mid-request never leaves that request half old and half new.
 *
 * @param text answer text (ignored when {@code toolCall} is set)
 * @param chunks number of content chunks; 0 means one chunk per word
 * @param latency wait before answering at all
 * @param chunkDelay wait between two streamed chunks
 * @param failure the injected failure for this request, or null
 * @param gate a gate to hold the stream at after its first content chunk, or null
 * @param toolCall the tool call to answer with, or null to answer with text
 * @param promptTokens fixed prompt token count, or null to count words of the request
 * @param completionTokens fixed completion token count, or null to count words of the answer
 * @param requiredApiKey the bearer token requests must carry, or null to accept any
 * @param embeddingDimensions default embedding length when the request names no dimensions
 * @param models ids listed by {@code GET /v1/models}
 * @param firstChunkDelay wait, once a stream's headers are out, before its first chunk
 */
record ResponsePlan(
        String text,
        int chunks,
        Duration latency,
        Duration chunkDelay,
        Failure failure,
        StreamGate gate,
        ToolCall toolCall,
        Integer promptTokens,
        Integer completionTokens,
        String requiredApiKey,
        int embeddingDimensions,
        List<String> models,
        Duration firstChunkDelay) {

    /** An HTTP failure to answer with instead of a completion. */
    record Failure(int status, Duration retryAfter) {
    }

    /** A function call to answer with instead of text. */
    record ToolCall(String name, String argumentsJson) {
    }
}
