package dev.sluice.plugins.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.Caller;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.InboundApi;
import dev.sluice.spi.Operation;
import dev.sluice.spi.Provider;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ModelRequest;
import dev.sluice.testkit.client.TestGatewayContext;
import dev.sluice.testkit.replay.Replay;
import dev.sluice.testkit.replay.ReplayUpstream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** The fixtures under {@code src/test/resources/cohere} (see the README there for their sources). */
final class Fixtures {
    static final Instant NOW = Instant.parse("2025-08-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String KEY = "co-test-5f1d7e9a3b2c4d6e8f0a";

    private Fixtures() {
    }

    /** A fixture as text. */
    static String text(String name) {
        return Replay.text("cohere/" + name);
    }

    /** A fixture as a JSON tree. */
    static JsonNode json(String name) {
        return tree(text(name));
    }

    /** A canonical chat request fixture. */
    static ChatRequest chatRequest(String name) {
        return read(text(name), ChatRequest.class);
    }

    /** JSON text as a tree. */
    static JsonNode tree(String json) {
        try {
            return Json.tree(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JSON text as a record. */
    static <T> T read(String json, Class<T> type) {
        try {
            return Json.read(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value as it is written on the wire, read back as a tree (so numbers compare as text). */
    static JsonNode wire(Object value) {
        try {
            return Json.tree(Json.bytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Provider settings from JSON text. */
    static Settings settings(String json) {
        return Settings.of(tree(json));
    }

    /** A provider made by the adapter for the upstream, with the test key and further settings (JSON members). */
    static Provider provider(ReplayUpstream upstream, String moreSettings) {
        String json = "{\"base_url\": \"" + upstream.baseUrl() + "\", \"api_key\": \"" + KEY + "\""
                + (moreSettings.isEmpty() ? "" : ", " + moreSettings) + "}";
        return new CohereAdapter().create("cohere", settings(json), new TestGatewayContext(CLOCK, Map.of()));
    }

    static Provider provider(ReplayUpstream upstream) {
        return provider(upstream, "");
    }

    /** An exchange for a request, as the kernel would pass it. */
    static Exchange exchange(ModelRequest request) {
        Operation operation = request instanceof ChatRequest ? Operation.CHAT : Operation.EMBEDDINGS;
        return new Exchange("req-1", operation, InboundApi.OPENAI, request, Caller.ANONYMOUS,
                header -> java.util.Optional.empty(), NOW, 0);
    }
}
