package dev.sluice.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One server-sent event as a client received it.
 *
 * @param event the {@code event:} field, or null when the event had none (OpenAI never sends one)
 * @param data the {@code data:} lines joined with {@code \n}, exactly as sent (one leading space
 *     after the colon removed, per the SSE spec)
 * @param id the {@code id:} field, or null
 * @param raw the event's exact text on the wire, from its first line through the blank line
 *     that ended it, for byte-exact framing assertions
 * @param receivedAtNanos {@link System#nanoTime()} when the event's terminating blank line arrived
 */
public record SseEvent(String event, String data, String id, String raw, long receivedAtNanos) {

    /** Whether this is OpenAI's end-of-stream marker, {@code data: [DONE]}. */
    public boolean isDone() {
        return "[DONE]".equals(data);
    }

    /**
     * The data parsed as JSON.
     *
     * @throws UncheckedIOException if it is not JSON (e.g. {@code [DONE]})
     */
    public JsonNode json() {
        try {
            return OpenAiJson.MAPPER.readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException("SSE data is not JSON: " + data, e);
        }
    }
}
