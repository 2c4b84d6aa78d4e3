package dev.sluice.plugins.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.http.SseEvent;
import dev.sluice.spi.http.UpstreamResponse;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.provider.SseChunkStream;
import dev.sluice.spi.provider.UpstreamErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * An Azure OpenAI stream read event by event as the bytes arrive: each {@code data:} JSON is one
 * OpenAI chunk, shaped by {@link AzureChunkShaper}; {@code data: [DONE]} ends it. An event
 * carrying an {@code error} object, or named {@code error}, is a failure. A chunk handed on
 * unchanged keeps the exact bytes it was read from (see {@link #jsonOf}).
 */
final class AzureChunkStream extends SseChunkStream {
    private static final String DONE = "[DONE]";

    private final AzureChunkShaper shaper = new AzureChunkShaper();
    private ChatChunk rawChunk;
    private String rawData;

    AzureChunkStream(UpstreamResponse response, UpstreamErrors errors) {
        super(response, errors);
    }

    @Override
    protected boolean onEvent(SseEvent event, Emitter out) {
        String data = event.data();
        if (data.isBlank()) {
            return true;
        }
        if (data.strip().equals(DONE)) {
            return false;
        }
        ChatChunk chunk;
        try {
            chunk = Json.read(data, ChatChunk.class);
        } catch (IOException e) {
            throw errors().unreadable(status(), e);
        }
        // An error event has no chunk fields, so its "error" lands among the unknown fields.
        JsonNode error = chunk.extra().get("error");
        if ((error != null && !error.isNull()) || event.event().equals("error")) {
            throw errors().failedMidStream(status(), error == null ? Json.mapper().missingNode() : error);
        }
        shaper.shape(chunk).ifPresent(shaped -> {
            if (shaped == chunk) {
                rawChunk = chunk;
                rawData = data;
            }
            out.emit(shaped);
        });
        return true;
    }

    /** A body that ends after the last choice finished has only lost its {@code [DONE]}. */
    @Override
    protected void onEndOfBody(Emitter out) {
        if (!shaper.finished()) {
            super.onEndOfBody(out);
        }
    }

    @Override
    public Optional<byte[]> jsonOf(ChatChunk chunk) {
        return chunk != null && chunk == rawChunk ? Optional.of(rawData.getBytes(StandardCharsets.UTF_8))
                : Optional.empty();
    }
}
