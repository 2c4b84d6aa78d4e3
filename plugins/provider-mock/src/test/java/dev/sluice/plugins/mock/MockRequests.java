package dev.sluice.plugins.mock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.Caller;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.InboundApi;
import dev.sluice.spi.Operation;
import dev.sluice.spi.Provider;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.ModelRequest;
import dev.sluice.spi.model.StreamOptions;
import dev.sluice.spi.model.Tool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Requests, settings and exchanges for the mock's tests. */
final class MockRequests {

    private MockRequests() {
    }

    static Settings settings(String json) {
        try {
            return Settings.of(Json.tree(json.getBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Provider mock(String settings) {
        return new MockAdapter().create("mock", settings(settings), new FixedContext());
    }

    static Provider mock() {
        return mock("{}");
    }

    static ChatRequest chat(Message... messages) {
        return ChatRequest.of("mock-echo", List.of(messages));
    }

    static ChatRequest user(String text) {
        return chat(Message.of("user", text));
    }

    /** The request as a streamed one, with or without {@code include_usage}. */
    static ChatRequest streamed(ChatRequest r, boolean includeUsage) {
        return new ChatRequest(r.model(), r.messages(), r.tools(), null, null, null, Boolean.TRUE,
                includeUsage ? new StreamOptions(Boolean.TRUE, Map.of()) : null, null, null, null, null, null,
                null, null, null, null, null, Map.of());
    }

    /** The request offering one function tool. */
    static ChatRequest withTool(ChatRequest r, String name) {
        JsonNode parameters = Json.mapper().createObjectNode().put("type", "object");
        return new ChatRequest(r.model(), r.messages(), List.of(Tool.function(name, "test tool", parameters)), null,
                null, null, r.stream(), r.streamOptions(), null, null, null, null, null, null, null, null, null,
                null, Map.of());
    }

    static Exchange exchange(ModelRequest request) {
        Operation operation = request instanceof ChatRequest ? Operation.CHAT : Operation.EMBEDDINGS;
        return new Exchange("req-1", operation, InboundApi.OPENAI, request, Caller.ANONYMOUS,
                name -> Optional.empty(), FixedContext.NOW, 0);
    }
}
