package dev.sluice.plugins.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChunkChoice;
import dev.sluice.spi.model.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Azure's stream, chunk by chunk, in the shape OpenAI clients expect. Azure opens a stream with a
 * chunk that carries only {@code prompt_filter_results} (no choices, and empty {@code id},
 * {@code object} and {@code model}), and with the asynchronous content filter it sends annotation
 * chunks whose choices have {@code content_filter_results} but no {@code delta}, again without an
 * id. Clients that take the id and model from the first chunk would record empty ones, and
 * clients that read {@code choices[0].delta} would fail, so:
 * <ul>
 *   <li>a chunk with neither choices nor usage is held back, and its fields (the prompt filter
 *       results) are handed on with the next chunk, where clients that know them still find them;
 *   <li>a chunk without an id takes the stream's id, object, created and model;
 *   <li>a choice without a delta gets an empty one.
 * </ul>
 * Everything else, {@code content_filter_results} on choices included, is kept. A chunk that needs
 * none of this is handed on as the very same object, so its upstream bytes can be relayed.
 * One shaper serves one stream.
 */
final class AzureChunkShaper {
    private Map<String, JsonNode> held = Map.of();
    private ChatChunk identity;
    private boolean finished;

    /** The chunk to hand on for one upstream chunk; empty when it is held back. */
    Optional<ChatChunk> shape(ChatChunk chunk) {
        if (chunk.choices().isEmpty() && chunk.usage() == null) {
            hold(chunk.extra());
            return Optional.empty();
        }
        boolean anonymous = chunk.id() == null || chunk.id().isEmpty();
        if (!anonymous && identity == null) {
            identity = chunk;
        }
        boolean deltaMissing = false;
        for (ChunkChoice choice : chunk.choices()) {
            deltaMissing |= choice.delta() == null;
            finished |= choice.finishReason() != null;
        }
        boolean borrowsIdentity = anonymous && identity != null;
        if (!borrowsIdentity && !deltaMissing && held.isEmpty()) {
            return Optional.of(chunk);
        }
        ChatChunk from = borrowsIdentity ? identity : chunk;
        Map<String, JsonNode> extra = new LinkedHashMap<>(held);
        extra.putAll(chunk.extra());
        held = Map.of();
        return Optional.of(new ChatChunk(from.id(), borrowsIdentity ? ChatChunk.OBJECT : chunk.object(),
                from.created(), from.model(), deltaMissing ? withDeltas(chunk.choices()) : chunk.choices(),
                chunk.usage(), borrowsIdentity ? identity.systemFingerprint() : chunk.systemFingerprint(), extra));
    }

    /** Whether a choice has finished, so that the stream may end without {@code [DONE]}. */
    boolean finished() {
        return finished;
    }

    private void hold(Map<String, JsonNode> fields) {
        Map<String, JsonNode> merged = new LinkedHashMap<>(held);
        merged.putAll(fields);
        held = merged;
    }

    private static List<ChunkChoice> withDeltas(List<ChunkChoice> choices) {
        List<ChunkChoice> out = new ArrayList<>(choices.size());
        for (ChunkChoice c : choices) {
            out.add(c.delta() != null ? c : new ChunkChoice(c.index(), new Message(null, null, null, null, null, null,
                    Map.of()), c.finishReason(), c.logprobs(), c.extra()));
        }
        return out;
    }
}
