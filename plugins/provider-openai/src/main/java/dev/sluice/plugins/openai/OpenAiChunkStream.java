package dev.sluice.plugins.openai;

import dev.sluice.spi.provider.UpstreamErrors;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.http.SseEvent;
import dev.sluice.spi.http.SseReader;
import dev.sluice.spi.http.UpstreamResponse;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatChunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * An OpenAI stream read event by event as the bytes arrive: each {@code data:} JSON is one
 * {@link ChatChunk}; {@code data: [DONE]} (or the end of the body) ends it. The way OpenAI's own
 * SDK reads it, an event carrying an {@code error} object, or named {@code error}, is a failure.
 */
final class OpenAiChunkStream implements ChunkStream {
    private static final String DONE = "[DONE]";

    private final UpstreamResponse response;
    private final SseReader reader;
    private final UpstreamErrors errors;
    private boolean finished;
    private ChatChunk lastChunk;
    private String lastData;
    // Written by whoever closes (possibly another thread aborting the request), read by next().
    private volatile boolean closed;

    OpenAiChunkStream(UpstreamResponse response, UpstreamErrors errors) {
        this.response = response;
        this.reader = new SseReader(response.body());
        this.errors = errors;
    }

    @Override
    public Optional<ChatChunk> next() {
        while (!finished && !closed) {
            Optional<SseEvent> event = nextEvent();
            if (event.isEmpty()) {
                finish();
                return Optional.empty();
            }
            if (event.get().data().strip().equals(DONE)) {
                finished = true;
                if (!closed) {
                    closed = true;
                    // The body ends right after [DONE]: read that end so the connection is kept.
                    response.closeWhenDrained();
                }
                return Optional.empty();
            }
            if (event.get().data().isBlank()) {
                continue;
            }
            return Optional.of(chunkOf(event.get()));
        }
        return Optional.empty();
    }

    @Override
    public Optional<byte[]> jsonOf(ChatChunk chunk) {
        return chunk == lastChunk && chunk != null ? Optional.of(lastData.getBytes(StandardCharsets.UTF_8))
                : Optional.empty();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            response.close();
        }
    }

    private Optional<SseEvent> nextEvent() {
        try {
            return reader.next();
        } catch (UncheckedIOException e) {
            if (closed) {
                // Closing from another thread breaks the read: that is the end the closer asked for.
                return Optional.empty();
            }
            throw fail(errors.brokeMidStream(response.status(), e.getCause() == null ? e : e.getCause()));
        }
    }

    private ChatChunk chunkOf(SseEvent event) {
        ChatChunk chunk;
        try {
            chunk = Json.read(event.data(), ChatChunk.class);
        } catch (IOException e) {
            throw fail(errors.unreadable(response.status(), e));
        }
        // An error event has no chunk fields, so its "error" lands among the unknown fields.
        JsonNode error = chunk.extra().get("error");
        if ((error != null && !error.isNull()) || event.event().equals("error")) {
            throw fail(errors.failedMidStream(response.status(), error == null ? Json.mapper().missingNode() : error));
        }
        lastChunk = chunk;
        lastData = event.data();
        return chunk;
    }

    private UpstreamException fail(UpstreamException e) {
        finish();
        return e;
    }

    /** Ends the stream and returns the connection at once rather than when the caller closes. */
    private void finish() {
        finished = true;
        close();
    }
}
