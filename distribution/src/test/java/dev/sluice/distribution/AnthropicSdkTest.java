package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testkit.FakeOpenAi;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official Anthropic Java SDK, pointed at Sluice by its base URL alone, talking to a model
 * that an OpenAI upstream serves: requests are translated to Chat Completions and answers back
 * into Messages, streams and tool use included.
 */
class AnthropicSdkTest {
    private static final String UPSTREAM_KEY = "sk-upstream-openai-0123456789abcdef";
    private static FakeOpenAi upstream;
    private static RunningGateway gateway;
    private static AnthropicClient anthropic;

    @BeforeAll
    static void start() {
        upstream = FakeOpenAi.start();
        gateway = RunningGateway.start("""
                providers:
                  - { name: openai, type: openai, base_url: "%s", api_key: "%s" }
                models:
                  - { name: claude-sonnet-4-5, targets: [{ provider: openai, model: gpt-4o }] }
                """.formatted(upstream.baseUrl(), UPSTREAM_KEY));
        anthropic = AnthropicOkHttpClient.builder().baseUrl(gateway.url("")).apiKey("sk-ant-client-key")
                .maxRetries(0).timeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        anthropic.close();
        gateway.close();
        upstream.close();
    }

    @BeforeEach
    void resetUpstream() {
        upstream.reset();
    }

    private static MessageCreateParams.Builder ask(String text) {
        return MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(512).addUserMessage(text);
    }

    private static MessageCreateParams withWeatherTool(String text) {
        return ask(text).addTool(Tool.builder().name("get_weather").description("Current weather in a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(java.util.List.of("city")))
                        .build())
                .build()).build();
    }

    @Test
    void theSdkGetsAMessageFromAnOpenAiUpstream() {
        upstream.reply("Paris is the capital of France.").usage(21, 7);

        Message message = anthropic.messages().create(ask("What is the capital of France?").build());

        assertThat(message.content()).hasSize(1);
        assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo("Paris is the capital of France.");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isEqualTo(21);
        assertThat(message.usage().outputTokens()).isEqualTo(7);
        assertThat(message.id()).startsWith("msg_");
    }

    @Test
    void theUpstreamReceivesAChatCompletionsRequestWithItsOwnKey() {
        anthropic.messages().create(ask("hello").system("Be brief.").stopSequences(java.util.List.of("END")).build());

        JsonNode sent = upstream.lastRequest().body();
        assertThat(upstream.lastRequest().path()).isEqualTo("/v1/chat/completions");
        assertThat(upstream.lastRequest().header("authorization")).contains("Bearer " + UPSTREAM_KEY);
        assertThat(upstream.lastRequest().header("x-api-key")).isEmpty();
        assertThat(sent.path("model").asText()).isEqualTo("gpt-4o");
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(512);
        assertThat(sent.path("stop").get(0).asText()).isEqualTo("END");
        assertThat(sent.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(sent.path("messages").get(0).path("content").asText()).isEqualTo("Be brief.");
        assertThat(sent.path("messages").get(1).path("content").asText()).isEqualTo("hello");
    }

    @Test
    void theSdkStreamsAMessageFromAnOpenAiUpstream() {
        upstream.reply("Streamed from a Chat Completions upstream").usage(12, 6);
        MessageAccumulator accumulator = MessageAccumulator.create();

        try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(ask("stream").build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        Message message = accumulator.message();
        assertThat(message.content().get(0).text().orElseThrow().text())
                .isEqualTo("Streamed from a Chat Completions upstream");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isEqualTo(12);
        assertThat(message.usage().outputTokens()).isEqualTo(6);
    }

    @Test
    void toolCallsOfAnOpenAiUpstreamBecomeToolUseBlocks() {
        upstream.toolCall("get_weather", "{\"city\":\"Paris\"}");

        Message message = anthropic.messages().create(withWeatherTool("Weather in Paris?"));

        ToolUseBlock toolUse = message.content().stream().flatMap(block -> block.toolUse().stream()).findFirst()
                .orElseThrow();
        assertThat(toolUse.name()).isEqualTo("get_weather");
        assertThat(toolUse._input().convert(Map.class)).isEqualTo(Map.of("city", "Paris"));
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
        JsonNode tool = upstream.lastRequest().body().path("tools").get(0);
        assertThat(tool.path("type").asText()).isEqualTo("function");
        assertThat(tool.path("function").path("name").asText()).isEqualTo("get_weather");
        assertThat(tool.path("function").path("parameters").path("properties").path("city").path("type").asText())
                .isEqualTo("string");
    }

    @Test
    void streamedToolCallsAccumulateIntoAToolUseBlock() {
        upstream.toolCall("get_weather", "{\"city\":\"Paris\"}");
        MessageAccumulator accumulator = MessageAccumulator.create();

        try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(
                withWeatherTool("Weather in Paris?"))) {
            stream.stream().forEach(accumulator::accumulate);
        }

        Message message = accumulator.message();
        ToolUseBlock toolUse = message.content().stream().map(ContentBlock::toolUse)
                .flatMap(java.util.Optional::stream).findFirst().orElseThrow();
        assertThat(toolUse.name()).isEqualTo("get_weather");
        assertThat(toolUse._input().convert(Map.class)).isEqualTo(Map.of("city", "Paris"));
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    }

    @Test
    void anUnknownModelIsNotFoundForTheSdk() {
        assertThatThrownBy(() -> anthropic.messages().create(MessageCreateParams.builder().model("nope")
                .maxTokens(10).addUserMessage("x").build()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void anUpstreamRateLimitReachesTheSdkWithItsRetryAfter() {
        upstream.failWith(429, Duration.ofSeconds(7));

        assertThatThrownBy(() -> anthropic.messages().create(ask("x").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.headers().values("retry-after")).containsExactly("7");
                    assertThat(e.getMessage()).doesNotContain(UPSTREAM_KEY);
                });
    }
}
