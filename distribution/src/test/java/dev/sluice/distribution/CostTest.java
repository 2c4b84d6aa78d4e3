package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.FakeOpenAi;
import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import dev.sluice.testkit.SseStream;
import dev.sluice.testkit.replay.Replay;
import dev.sluice.testkit.replay.ReplayUpstream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every complete answer names its cost in {@code x-sluice-cost-usd}, worked out from the bundled
 * price table and the usage each provider reported in its own shape (replayed over real HTTP),
 * cache reads and writes included. The figures in the comments are the hand-computed ones: input
 * x uncached prompt tokens + cached_input x cache reads + cache_write x cache writes + output x
 * completion tokens, per million.
 */
class CostTest {
    private static final String KEY = "sk-upstream-secret-for-cost-tests-0123";
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
                providers:
                  - { name: openai, type: openai, base_url: "%1$s", api_key: sk-openai }
                  - { name: recorded-openai, type: openai, base_url: "%2$s/v1", api_key: "%3$s" }
                  - { name: azure, type: azure-openai, endpoint: "%2$s", api_key: "%3$s" }
                  - { name: anthropic, type: anthropic, base_url: "%2$s", api_key: "%3$s" }
                  - { name: gemini, type: gemini, base_url: "%2$s/v1beta", api_key: "%3$s" }
                  - { name: cohere, type: cohere, base_url: "%2$s", api_key: "%3$s" }
                  - { name: deepseek, type: deepseek, base_url: "%2$s", api_key: "%3$s" }
                models:
                  - { name: mini, targets: [{ provider: openai, model: gpt-4o-mini }] }
                  - { name: embed, targets: [{ provider: recorded-openai, model: text-embedding-3-small }] }
                  - { name: azure, targets: [{ provider: azure, model: prod-chat }] }
                  - { name: claude, targets: [{ provider: anthropic, model: claude-sonnet-4-5 }] }
                  - { name: flash, targets: [{ provider: gemini, model: gemini-2.5-flash }] }
                  - { name: command, targets: [{ provider: cohere, model: command-a-03-2025 }] }
                  - { name: reasoner, targets: [{ provider: deepseek, model: deepseek-reasoner }] }
                  - { name: negotiated, targets: [{ provider: recorded-openai, model: gpt-4o }] }
                  - name: cheapest
                    strategy: cheapest
                    targets: [{ provider: recorded-openai, model: gpt-4o }, { provider: openai, model: gpt-4o-mini }]
                pricing:
                  models:
                    - { provider: recorded-openai, model: gpt-4o, input: 2.00, output: 8.00, cached_input: 1.00 }
                """.formatted(openai.baseUrl(), url, KEY));
        client = new SseClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
        upstream.close();
        openai.close();
    }

    @BeforeEach
    void reset() {
        openai.reset();
    }

    private static HttpResult chat(String model) {
        return client.postJson(gateway.url("/v1/chat/completions"),
                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello?\"}]}", Map.of());
    }

    @Test
    void openAiUsageIsPricedFromTheTable() {
        openai.usage(1200, 300);

        HttpResult result = chat("mini");

        // gpt-4o-mini: 1,200 x 0.15 + 300 x 0.60 = 360 per million
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.header("x-sluice-cost-usd")).contains("0.00036");
        assertThat(result.header("x-sluice-cost")).isEmpty();
    }

    @Test
    void embeddingsAreCostedByTheirInputTokens() {
        upstream.enqueue(Replay.json(200, """
                {"object": "list", "model": "text-embedding-3-small",
                 "data": [{"object": "embedding", "index": 0, "embedding": [0.6, 0.8]}],
                 "usage": {"prompt_tokens": 1000, "total_tokens": 1000}}
                """));

        HttpResult result = client.postJson(gateway.url("/v1/embeddings"),
                "{\"model\":\"embed\",\"input\":\"Hello?\"}", Map.of());

        // text-embedding-3-small: 1,000 x 0.02 = 20 per million
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.header("x-sluice-cost-usd")).contains("0.00002");
    }

    @Test
    void openAiCachedTokensAreCheaperAndConfiguredPricesWin() {
        upstream.enqueue(Replay.json(200, """
                {"id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "gpt-4o-2024-08-06",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hi."}, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 2000, "completion_tokens": 100, "total_tokens": 2100,
                           "prompt_tokens_details": {"cached_tokens": 1500}}}
                """));

        HttpResult result = chat("negotiated");

        // configured for recorded-openai: 500 x 2.00 + 1,500 x 1.00 + 100 x 8.00 = 3,300 per million
        assertThat(result.header("x-sluice-cost-usd")).contains("0.0033");
    }

    @Test
    void anAzureDeploymentIsPricedAsTheOpenAiModelAzureNames() {
        upstream.enqueue(Replay.json(200, Replay.text("upstream/azure/chat-completion.json")
                .replace("\"created\"", "\"model\": \"gpt-4o-2024-11-20\", \"created\"")));

        HttpResult result = chat("azure");

        // gpt-4o at OpenAI's list price: 33 x 2.50 + 557 x 10.00 = 5,652.5 per million
        assertThat(result.header("x-sluice-cost-usd")).contains("0.0056525");
    }

    @Test
    void anthropicUsageIsPricedFromTheTable() {
        upstream.enqueue(Replay.resource("upstream/anthropic/message-text.json"));

        HttpResult result = chat("claude");

        // claude-sonnet-4-5: 12 x 3.00 + 6 x 15.00 = 126 per million
        assertThat(result.header("x-sluice-cost-usd")).contains("0.000126");
    }

    @Test
    void anthropicCacheReadsAndWritesHaveTheirOwnPrices() {
        upstream.enqueue(Replay.json(200, Replay.text("upstream/anthropic/message-text.json").replace(
                "\"input_tokens\": 12, \"cache_creation_input_tokens\": 0, \"cache_read_input_tokens\": 0, "
                        + "\"output_tokens\": 6",
                "\"input_tokens\": 100, \"cache_creation_input_tokens\": 1000, \"cache_read_input_tokens\": 2000, "
                        + "\"output_tokens\": 50")));

        HttpResult result = chat("claude");

        // claude-sonnet-4-5: 100 x 3.00 + 2,000 x 0.30 + 1,000 x 3.75 + 50 x 15.00 = 5,400 per million
        assertThat(result.json().path("usage").path("prompt_tokens").asInt()).isEqualTo(3100);
        assertThat(result.header("x-sluice-cost-usd")).contains("0.0054");
    }

    @Test
    void anAnthropicClientGetsTheCostHeaderToo() {
        upstream.enqueue(Replay.resource("upstream/anthropic/message-text.json"));

        HttpResult result = client.postJson(gateway.url("/v1/messages"),
                "{\"model\":\"claude\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"Hello?\"}]}",
                Map.of());

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.header("x-sluice-cost-usd")).contains("0.000126");
    }

    @Test
    void geminiUsageIsPricedFromTheTable() {
        upstream.enqueue(Replay.resource("upstream/gemini/generate-text.json"));

        HttpResult result = chat("flash");

        // gemini-2.5-flash: 8 x 0.30 + 5 x 2.50 = 14.9 per million
        assertThat(result.header("x-sluice-cost-usd")).contains("0.0000149");
    }

    @Test
    void geminiCachedContentAndThoughtsArePriced() {
        upstream.enqueue(Replay.json(200, Replay.text("upstream/gemini/generate-text.json").replace(
                "\"usageMetadata\": {\"promptTokenCount\": 8, \"candidatesTokenCount\": 5, \"totalTokenCount\": 13}",
                "\"usageMetadata\": {\"promptTokenCount\": 10000, \"cachedContentTokenCount\": 8000,"
                        + " \"candidatesTokenCount\": 200, \"thoughtsTokenCount\": 300, \"totalTokenCount\": 10500}")));

        HttpResult result = chat("flash");

        // gemini-2.5-flash: 2,000 x 0.30 + 8,000 x 0.03 + (200 + 300) x 2.50 = 2,090 per million
        assertThat(result.header("x-sluice-cost-usd")).contains("0.00209");
    }

    @Test
    void cohereUsageIsPricedFromTheTable() {
        upstream.enqueue(Replay.resource("upstream/cohere/chat-text.json"));

        HttpResult result = chat("command");

        // command-a-03-2025, on the usage's tokens: 71 x 2.50 + 418 x 10.00 = 4,357.5 per million
        assertThat(result.header("x-sluice-cost-usd")).contains("0.0043575");
    }

    @Test
    void deepSeekCacheHitsAndReasoningArePriced() {
        upstream.enqueue(Replay.json(200, """
                {"id": "r-1", "object": "chat.completion", "created": 1, "model": "deepseek-reasoner",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "42",
                              "reasoning_content": "Let me think."}, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 1000, "completion_tokens": 500, "total_tokens": 1500,
                           "prompt_cache_hit_tokens": 600, "prompt_cache_miss_tokens": 400,
                           "completion_tokens_details": {"reasoning_tokens": 300}}}
                """));

        HttpResult result = chat("reasoner");

        // deepseek-reasoner: 400 x 0.28 + 600 x 0.028 + 500 x 0.42 = 338.8 per million
        assertThat(result.header("x-sluice-cost-usd")).contains("0.0003388");
    }

    @Test
    void anUnknownModelIsReportedAndNotCostedAtZero() {
        HttpResult result = chat("openai/gpt-9-ultra");

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.header("x-sluice-cost")).contains("unpriced");
        assertThat(result.header("x-sluice-cost-usd")).isEmpty();
    }

    @Test
    void theCheapestStrategyPricesTargetsWithoutAPriceFromTheTable() {
        openai.usage(10, 10);

        HttpResult result = chat("cheapest");

        // gpt-4o-mini (0.15 / 0.60) before the configured gpt-4o (2.00 / 8.00), though listed second
        assertThat(result.header("x-sluice-provider")).contains("openai");
        assertThat(result.header("x-sluice-attempts")).contains("1");
        // 10 x 0.15 + 10 x 0.60 = 7.5 per million
        assertThat(result.header("x-sluice-cost-usd")).contains("0.0000075");
    }

    @Test
    void aStreamSendsItsHeadersBeforeItsCostIsKnown() {
        try (SseStream stream = client.postStream(gateway.url("/v1/chat/completions"),
                "{\"model\":\"mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hello?\"}]}",
                Map.of())) {
            stream.readToEnd(Duration.ofSeconds(5));

            assertThat(stream.header("x-sluice-cost-usd")).isEmpty();
        }
    }
}
