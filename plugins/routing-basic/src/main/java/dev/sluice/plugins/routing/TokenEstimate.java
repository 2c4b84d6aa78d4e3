package dev.sluice.plugins.routing;

import dev.sluice.spi.cost.TokenCount;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.EmbeddingRequest;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.ModelRequest;

/**
 * A request's size in tokens as the {@code cheapest} strategy guesses it before sending: cheap,
 * not exact, and the same for every target, which is all a comparison needs.
 *
 * @param input the prompt: the text of the messages (or embedding inputs) at four characters a
 *     token, rounded up; token-id inputs count one each
 * @param output the request's output cap ({@code max_completion_tokens} or {@code max_tokens})
 *     times its {@code n}, or the given default when it sets no cap; 0 for embeddings
 */
record TokenEstimate(long input, long output) {
    /**
     * @param request the request as the router sees it
     * @param defaultOutput the output tokens to expect of a chat request that sets no cap
     */
    static TokenEstimate of(ModelRequest request, int defaultOutput) {
        return switch (request) {
            case ChatRequest chat -> new TokenEstimate(TokenCount.ofChars(chars(chat)),
                    (long) chat.effectiveMaxTokens().orElse(defaultOutput) * Math.max(1, chat.n() == null ? 1 : chat.n()));
            case EmbeddingRequest embedding ->
                    new TokenEstimate(TokenCount.ofEmbeddingInput(embedding.input()), 0);
        };
    }

    private static long chars(ChatRequest chat) {
        long chars = 0;
        for (Message message : chat.messagesOrEmpty()) {
            chars += message.text().length();
        }
        return chars;
    }

}
