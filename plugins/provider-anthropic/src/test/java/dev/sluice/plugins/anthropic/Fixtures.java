package dev.sluice.plugins.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.Caller;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.InboundApi;
import dev.sluice.spi.Operation;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.testkit.replay.Replay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fixture files under {@code src/test/resources/anthropic} and the objects tests build from them. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final long CREATED = NOW.getEpochSecond();
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private Fixtures() {
    }

    /** A fixture's text. */
    static String text(String name) {
        return Replay.text("anthropic/" + name);
    }

    /** A fixture as a JSON tree. */
    static JsonNode json(String name) {
        return tree(text(name));
    }

    /** A fixture read as a canonical chat request. */
    static ChatRequest request(String name) {
        return parse(text(name));
    }

    /** JSON text read as a canonical chat request. */
    static ChatRequest parse(String json) {
        try {
            return Json.read(json, ChatRequest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each line of a JSON-lines fixture as a tree. */
    static List<JsonNode> lines(String name) {
        return text(name).lines().filter(line -> !line.isBlank()).map(Fixtures::tree).toList();
    }

    /**
     * A value as the JSON tree its serialised form parses to, so that numbers compare by value
     * with trees parsed from fixture files.
     */
    static JsonNode written(Object value) {
        return tree(Json.string(value));
    }

    static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Settings settings(String json) {
        return Settings.of(tree(json));
    }

    /** An exchange of a client that spoke {@code api}, with the given request headers. */
    static Exchange exchange(InboundApi api, ChatRequest request, Map<String, String> headers) {
        return new Exchange("req-1", Operation.CHAT, api, request, Caller.ANONYMOUS,
                name -> Optional.ofNullable(headers.get(name)), NOW, 0);
    }

    static Exchange exchange(ChatRequest request) {
        return exchange(InboundApi.OPENAI, request, Map.of());
    }
}
