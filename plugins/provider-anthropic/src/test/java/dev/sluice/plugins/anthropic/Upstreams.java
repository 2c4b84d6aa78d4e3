package dev.sluice.plugins.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.Provider;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.testkit.client.TestGatewayContext;
import dev.sluice.testkit.replay.ReplayUpstream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Providers made by the adapter and pointed at a replay upstream, as the kernel would make them. */
final class Upstreams {
    static final String KEY = "sk-ant-api03-test-7f3a9c1e5b2d4f6a8c0e";

    private Upstreams() {
    }

    /** A provider for the upstream with the test key and the given further settings (JSON members). */
    static Provider provider(ReplayUpstream upstream, String moreSettings) {
        String settings = "{\"base_url\": \"" + upstream.baseUrl() + "\", \"api_key\": \"" + KEY + "\""
                + (moreSettings.isEmpty() ? "" : ", " + moreSettings) + "}";
        return new AnthropicAdapter().create("anthropic", Fixtures.settings(settings),
                new TestGatewayContext(Fixtures.CLOCK, Map.of()));
    }

    static Provider provider(ReplayUpstream upstream) {
        return provider(upstream, "");
    }

    /** Every chunk of a stream, as written JSON, reading it to its end and closing it. */
    static List<JsonNode> drain(ChunkStream stream) {
        try (stream) {
            List<JsonNode> chunks = new ArrayList<>();
            for (Optional<ChatChunk> chunk = stream.next(); chunk.isPresent(); chunk = stream.next()) {
                chunks.add(Fixtures.written(chunk.get()));
            }
            return chunks;
        }
    }
}
