package dev.sluice.plugins.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.Caller;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.InboundApi;
import dev.sluice.spi.Operation;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.EmbeddingRequest;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.ModelRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Requests as the router receives them. */
final class Exchanges {
    private Exchanges() {
    }

    /** A short chat request, not streamed. */
    static Exchange chat() {
        return chat("hi");
    }

    /** A chat request with one user message, not streamed, without {@code max_tokens}. */
    static Exchange chat(String prompt) {
        return of(Operation.CHAT, ChatRequest.of("chat", List.of(Message.of("user", prompt))));
    }

    /** A chat request with one user message and an output cap. */
    static Exchange chat(String prompt, int maxTokens) {
        ChatRequest request = ChatRequest.of("chat", List.of(Message.of("user", prompt)));
        return of(Operation.CHAT, request.withMaxTokens(maxTokens));
    }

    /** A streamed chat request. */
    static Exchange stream() {
        return of(Operation.CHAT, ChatRequest.of("chat", List.of(Message.of("user", "hi"))).withStream(true));
    }

    /** An embeddings request. */
    static Exchange embeddings(JsonNode input) {
        return of(Operation.EMBEDDINGS, new EmbeddingRequest("embed", input, null, null, null, Map.of()));
    }

    private static Exchange of(Operation operation, ModelRequest request) {
        return new Exchange("req-1", operation, InboundApi.OPENAI, request, Caller.ANONYMOUS,
                name -> Optional.empty(), Instant.EPOCH, 0);
    }
}
