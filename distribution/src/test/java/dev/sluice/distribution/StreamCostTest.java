package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testkit.FakeOpenAi;
import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import dev.sluice.testkit.SseStream;
import dev.sluice.testkit.replay.Replay;
import dev.sluice.testkit.replay.ReplayUpstream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A stream's headers leave before its cost is known, so its cost lands on the exchange as the
 * usage chunk passes through the relay, and from there in the spend ledger: seen here through
 * {@code GET /admin/spend}, one route per test. Figures are hand-computed from the bundled table.
 */
class StreamCostTest {
    private static final String MASTER_KEY = "sk-master-for-stream-cost-tests-0123456789";
    private static FakeOpenAi openai;
    private static ReplayUpstream upstream;
    private static RunningGateway gateway;
    private static SseClient client;

    @BeforeAll
    static void start() {
        openai = FakeOpenAi.start();
        upstream = ReplayUpstream.start();
        String url = upstream.baseUrl();
        gateway = RunningGateway.start("""
                auth: { master_key: "%4$s" }
                providers:
                  - { name: openai, type: openai, base_url: "%1$s", api_key: sk-openai }
                  - { name: recorded-openai, type: openai, base_url: "%2$s/v1", api_key: "%3$s" }
                  - { name: anthropic, type: anthropic, base_url: "%2$s", api_key: "%3$s" }
                  - { name: gemini, type: gemini, base_url: "%2$s/v1beta", api_key: "%3$s" }
                models:
                  - { name: mini-stream, targets: [{ provider: openai, model: gpt-4o-mini }] }
                  - { name: claude-stream, targets: [{ provider: anthropic, model: claude-sonnet-4-5 }] }
                  - { name: claude-messages-stream, targets: [{ provider: anthropic, model: claude-sonnet-4-5 }] }
                  - { name: flash-stream, targets: [{ provider: gemini, model: gemini-2.5-flash }] }
                  - { name: no-usage-stream, targets: [{ provider: recorded-openai, model: gpt-4o }] }
                """.formatted(openai.baseUrl(), url, "sk-upstream-stream-cost-0123", MASTER_KEY));
        client = new SseClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
        upstream.close();
        openai.close();
    }

    private static void stream(String path, String body) {
        try (SseStream stream = client.postStream(gateway.url(path), body, Map.of())) {
            stream.readToEnd(Duration.ofSeconds(5));
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("x-sluice-cost-usd")).isEmpty();
        }
    }

    private static void streamChat(String model) {
        stream("/v1/chat/completions", "{\"model\":\"" + model + "\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello?\"}]}");
    }

    /** The spend of one route, once the ledger has it (a stream is settled as it closes). */
    private static JsonNode spendOf(String model) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            HttpResult result = client.get(gateway.url("/admin/spend?group_by=model"),
                    Map.of("authorization", "Bearer " + MASTER_KEY));
            assertThat(result.status()).isEqualTo(200);
            Optional<JsonNode> row = Optional.empty();
            for (JsonNode item : result.json().path("data")) {
                if (model.equals(item.path("model").asText())) {
                    row = Optional.of(item);
                }
            }
            if (row.isPresent() || System.nanoTime() > deadline) {
                return row.orElseThrow(() -> new AssertionError("no spend recorded for " + model));
            }
            Thread.sleep(20);
        }
    }

    private static BigDecimal cost(JsonNode row) {
        return row.path("cost_usd").decimalValue();
    }

    @Test
    void anOpenAiStreamIsCostedFromItsUsageChunk() throws InterruptedException {
        openai.usage(1200, 300);

        streamChat("mini-stream");

        // gpt-4o-mini: 1,200 x 0.15 + 300 x 0.60 = 360 per million
        JsonNode spend = spendOf("mini-stream");
        assertThat(cost(spend)).isEqualByComparingTo("0.00036");
        assertThat(spend.path("unpriced_requests").asInt()).isZero();
    }

    @Test
    void anAnthropicStreamIsCostedFromItsMessageDeltaUsage() throws InterruptedException {
        upstream.enqueue(Replay.resource("upstream/anthropic/stream-text.sse"));

        streamChat("claude-stream");

        // claude-sonnet-4-5: 25 x 3.00 + 15 x 15.00 = 300 per million
        assertThat(cost(spendOf("claude-stream"))).isEqualByComparingTo("0.0003");
    }

    @Test
    void aStreamToAnAnthropicClientIsCostedAsItPassesThrough() throws InterruptedException {
        upstream.enqueue(Replay.resource("upstream/anthropic/stream-text.sse"));

        stream("/v1/messages", "{\"model\":\"claude-messages-stream\",\"max_tokens\":64,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello?\"}]}");

        assertThat(cost(spendOf("claude-messages-stream"))).isEqualByComparingTo("0.0003");
    }

    @Test
    void aGeminiStreamIsCostedFromItsLastUsageMetadata() throws InterruptedException {
        upstream.enqueue(Replay.resource("upstream/gemini/stream-text.sse"));

        streamChat("flash-stream");

        // gemini-2.5-flash: 7 x 0.30 + 4 x 2.50 = 12.1 per million
        assertThat(cost(spendOf("flash-stream"))).isEqualByComparingTo("0.0000121");
    }

    @Test
    void aStreamWithoutUsageIsCountedFromItsText() throws InterruptedException {
        upstream.enqueue(Replay.sse("""
                data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":"Hello there, "},"finish_reason":null}]}

                data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"friend!"},"finish_reason":"stop"}]}

                data: [DONE]

                """));

        streamChat("no-usage-stream");

        // "Hello?" is 2 tokens, "Hello there, friend!" 5 (four characters a token, rounded up);
        // gpt-4o: 2 x 2.50 + 5 x 10.00 = 55 per million
        JsonNode spend = spendOf("no-usage-stream");
        assertThat(spend.path("prompt_tokens").asInt()).isEqualTo(2);
        assertThat(spend.path("completion_tokens").asInt()).isEqualTo(5);
        assertThat(cost(spend)).isEqualByComparingTo("0.000055");
    }
}
