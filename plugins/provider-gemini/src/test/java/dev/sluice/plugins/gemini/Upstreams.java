package dev.sluice.plugins.gemini;

import dev.sluice.spi.Caller;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.InboundApi;
import dev.sluice.spi.Operation;
import dev.sluice.spi.Provider;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.ModelRequest;
import dev.sluice.testkit.client.TestGatewayContext;
import dev.sluice.testkit.replay.ReplayUpstream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Providers made by the adapter, as the kernel makes them, pointed at a replay upstream. */
final class Upstreams {
    static final Instant NOW = Instant.parse("2025-08-01T12:00:00Z");
    static final String KEY = "AIzaSyD-test-9f8e7d6c5b4a3f2e1d0c";

    private Upstreams() {
    }

    /** A provider on the replay upstream's {@code /v1beta} with a test key and extra settings. */
    static Provider provider(ReplayUpstream upstream, String extraSettings) {
        String json = "{\"base_url\": \"" + upstream.baseUrl() + "/v1beta\", \"api_key\": \"" + KEY + "\""
                + (extraSettings.isEmpty() ? "" : ", " + extraSettings) + "}";
        TestGatewayContext context = new TestGatewayContext(Clock.fixed(NOW, ZoneOffset.UTC), Map.of());
        return new GeminiAdapter().create("gemini", Fixtures.settings(json), context);
    }

    static Provider provider(ReplayUpstream upstream) {
        return provider(upstream, "");
    }

    /** A one-message chat request. */
    static ChatRequest hello(String model) {
        return ChatRequest.of(model, List.of(Message.of("user", "Hello")));
    }

    /** An exchange for a request; providers only pass it along. */
    static Exchange exchange(ModelRequest request) {
        Operation operation = request instanceof ChatRequest ? Operation.CHAT : Operation.EMBEDDINGS;
        return new Exchange("req-1", operation, InboundApi.OPENAI, request, Caller.ANONYMOUS,
                name -> Optional.empty(), NOW, 0L);
    }
}
