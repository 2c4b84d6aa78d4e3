package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import dev.sluice.testkit.replay.Replay;
import dev.sluice.testkit.replay.ReplayUpstream;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every provider's own rate-limit error body, replayed over real HTTP, reaches clients of both
 * inbound APIs as their API's rate-limit error with the upstream's {@code Retry-After}; other
 * errors keep their status; and any provider answers the Anthropic endpoint.
 */
class ProviderErrorsTest {
    private static final String SECRET = "sk-upstream-secret-for-every-provider-0123";
    private static ReplayUpstream upstream;
    private static RunningGateway gateway;
    private static SseClient client;

    @BeforeAll
    static void start() {
        upstream = ReplayUpstream.start();
        String url = upstream.baseUrl();
        gateway = RunningGateway.start("""
                providers:
                  - { name: openai, type: openai, base_url: "%1$s/v1", api_key: "%2$s" }
                  - { name: azure, type: azure-openai, endpoint: "%1$s", api_key: "%2$s" }
                  - { name: anthropic, type: anthropic, base_url: "%1$s", api_key: "%2$s" }
                  - { name: gemini, type: gemini, base_url: "%1$s/v1beta", api_key: "%2$s" }
                  - { name: cohere, type: cohere, base_url: "%1$s", api_key: "%2$s" }
                models:
                  - { name: openai, targets: [{ provider: openai, model: gpt-4o }] }
                  - { name: azure, targets: [{ provider: azure, model: gpt-4o }] }
                  - { name: anthropic, targets: [{ provider: anthropic, model: claude-sonnet-4-5 }] }
                  - { name: gemini, targets: [{ provider: gemini, model: gemini-2.5-flash }] }
                  - { name: cohere, targets: [{ provider: cohere, model: command-a-03-2025 }] }
                """.formatted(url, SECRET));
        client = new SseClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
        upstream.close();
    }

    private static Replay rateLimited(String provider) {
        String fixture = switch (provider) {
            case "anthropic" -> "upstream/anthropic/error-rate-limit.json";
            case "gemini" -> "upstream/gemini/error-429.json";
            default -> "upstream/" + provider + "/error-429.json";
        };
        return Replay.resource(fixture).withStatus(429).withHeader("retry-after", "4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "azure", "anthropic", "gemini", "cohere"})
    void aRateLimitIsAnOpenAiRateLimitErrorWithRetryAfter(String provider) {
        upstream.enqueue(rateLimited(provider));

        HttpResult result = client.postJson(gateway.url("/v1/chat/completions"),
                "{\"model\":\"" + provider + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", Map.of());

        assertThat(result.status()).isEqualTo(429);
        assertThat(result.header("retry-after")).contains("4");
        assertThat(result.json().path("error").path("type").asText()).isEqualTo("rate_limit_error");
        assertThat(result.json().path("error").path("message").asText()).contains("429");
        assertThat(result.body()).doesNotContain(SECRET);
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "azure", "anthropic", "gemini", "cohere"})
    void aRateLimitIsAnAnthropicRateLimitErrorOnTheMessagesApi(String provider) {
        upstream.enqueue(rateLimited(provider));

        HttpResult result = client.postJson(gateway.url("/v1/messages"),
                "{\"model\":\"" + provider + "\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                Map.of("x-api-key", "sk-client"));

        assertThat(result.status()).isEqualTo(429);
        assertThat(result.header("retry-after")).contains("4");
        assertThat(result.json().path("type").asText()).isEqualTo("error");
        assertThat(result.json().path("error").path("type").asText()).isEqualTo("rate_limit_error");
        assertThat(result.body()).doesNotContain(SECRET);
    }

    @Test
    void anAnthropicInvalidRequestKeepsItsStatusAndMessage() {
        upstream.enqueue(Replay.resource("upstream/anthropic/400-invalid-request.json").withStatus(400));

        HttpResult result = client.postJson(gateway.url("/v1/chat/completions"),
                "{\"model\":\"anthropic\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", Map.of());

        assertThat(result.status()).isEqualTo(400);
        assertThat(result.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void aCohereAnswerReachesAnAnthropicClient() {
        upstream.enqueue(Replay.resource("upstream/cohere/chat-text.json"));

        HttpResult result = client.postJson(gateway.url("/v1/messages"),
                "{\"model\":\"cohere\",\"max_tokens\":500,\"messages\":[{\"role\":\"user\",\"content\":\"What are LLMs?\"}]}",
                Map.of("x-api-key", "sk-client"));

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.json().path("content").get(0).path("text").asText()).startsWith("LLMs stand for");
        assertThat(result.json().path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(result.json().path("usage").path("input_tokens").asInt()).isEqualTo(71);
        assertThat(upstream.lastRequest().path()).isEqualTo("/v2/chat");
    }

    @Test
    void anAzureAnswerReachesAnAnthropicClient() {
        upstream.enqueue(Replay.resource("upstream/azure/chat-completion.json"));

        HttpResult result = client.postJson(gateway.url("/v1/messages"),
                "{\"model\":\"azure\",\"max_tokens\":500,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                Map.of("x-api-key", "sk-client"));

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.json().path("type").asText()).isEqualTo("message");
        assertThat(upstream.lastRequest().path()).isEqualTo("/openai/deployments/gpt-4o/chat/completions");
        assertThat(upstream.lastRequest().queryParam("api-version")).contains("2024-10-21");
        assertThat(upstream.lastRequest().header("api-key")).contains(SECRET);
    }
}
