package dev.sluice.kernel.audit;

import dev.sluice.spi.json.Canonical;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.EmbeddingRequest;
import dev.sluice.spi.model.ModelRequest;

/**
 * The canonical form of a prompt, the text that is hashed, kept or encrypted: the request's
 * {@code messages} (chat) or {@code input} (embeddings) as {@link Canonical} JSON, so that the
 * same prompt always gives the same hash whatever the client's key order or whitespace. It is the
 * prompt as it went upstream, after any policy or guardrail changed it.
 */
final class CanonicalPrompt {

    private CanonicalPrompt() {
    }

    /** The canonical JSON text of the request's prompt. */
    static String of(ModelRequest request) {
        return switch (request) {
            case ChatRequest chat -> Canonical.json(chat.messages());
            case EmbeddingRequest embedding -> Canonical.json(embedding.input());
            default -> "null";
        };
    }
}
