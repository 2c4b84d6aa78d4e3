package dev.sluice.kernel.js;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChunkChoice;
import dev.sluice.spi.model.Usage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Passes a stream through unchanged and, when it ends normally, hands a summary of it to
 * {@code onResponse}: {@code { stream: true, id, model, usage, finish_reasons }}. Chunks are not
 * kept.
 */
final class ObservedStream implements ChunkStream {
    private final ChunkStream inner;
    private final Consumer<JsonNode> atEnd;
    private final List<String> finishReasons = new ArrayList<>(1);
    private String id;
    private String model;
    private Usage usage;
    private boolean ended;

    ObservedStream(ChunkStream inner, Consumer<JsonNode> atEnd) {
        this.inner = inner;
        this.atEnd = atEnd;
    }

    @Override
    public Optional<ChatChunk> next() {
        Optional<ChatChunk> chunk = inner.next();
        if (chunk.isPresent()) {
            look(chunk.get());
        } else if (!ended) {
            ended = true;
            atEnd.accept(summary());
        }
        return chunk;
    }

    private void look(ChatChunk chunk) {
        id = chunk.id() != null ? chunk.id() : id;
        model = chunk.model() != null ? chunk.model() : model;
        usage = chunk.usage() != null ? chunk.usage() : usage;
        if (chunk.choices() != null) {
            for (ChunkChoice choice : chunk.choices()) {
                if (choice.finishReason() != null) {
                    finishReasons.add(choice.finishReason());
                }
            }
        }
    }

    private JsonNode summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("stream", true);
        summary.put("id", id);
        summary.put("model", model);
        summary.put("usage", usage);
        summary.put("finish_reasons", finishReasons);
        return Json.mapper().valueToTree(summary);
    }

    @Override
    public Optional<byte[]> jsonOf(ChatChunk chunk) {
        return inner.jsonOf(chunk);
    }

    @Override
    public void close() {
        inner.close();
    }
}
