package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import dev.sluice.testkit.FakeOpenAi;
import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import dev.sluice.testkit.SseEvent;
import dev.sluice.testkit.SseStream;
import dev.sluice.testkit.replay.Replay;
import dev.sluice.testkit.replay.ReplayUpstream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One client API, any provider: answers that Anthropic and Gemini upstreams give (replayed from
 * their published wire formats over real HTTP) reach the official OpenAI SDK in OpenAI's shape,
 * tool calls and streams included; the Anthropic endpoint passes an Anthropic upstream through;
 * a tool conversation survives failover to another provider; provider errors keep their status
 * and {@code Retry-After}.
 */
class CrossProviderTest {
    private static final String ANTHROPIC_KEY = "sk-ant-upstream-secret-0123456789";
    private static final String GEMINI_KEY = "AIzaGeminiUpstreamSecret0123456789";
    private static FakeOpenAi openaiUpstream;
    private static ReplayUpstream anthropicUpstream;
    private static ReplayUpstream geminiUpstream;
    private static RunningGateway gateway;
    private static OpenAIClient openai;
    private static SseClient client;

    @BeforeAll
    static void start() {
        openaiUpstream = FakeOpenAi.start();
        anthropicUpstream = ReplayUpstream.start();
        geminiUpstream = ReplayUpstream.start();
        gateway = RunningGateway.start("""
                providers:
                  - { name: openai, type: openai, base_url: "%s", api_key: sk-openai-upstream }
                  - { name: anthropic, type: anthropic, base_url: "%s", api_key: "%s" }
                  - { name: gemini, type: gemini, base_url: "%s/v1beta", api_key: "%s" }
                models:
                  - { name: claude, targets: [{ provider: anthropic, model: claude-sonnet-4-5 }] }
                  - { name: flash, targets: [{ provider: gemini, model: gemini-2.5-flash }] }
                  - name: agent
                    targets: [{ provider: openai, model: gpt-4o }, { provider: anthropic, model: claude-sonnet-4-5 }]
                  - name: agent-gemini
                    targets: [{ provider: openai, model: gpt-4o }, { provider: gemini, model: gemini-2.5-flash }]
                """.formatted(openaiUpstream.baseUrl(), anthropicUpstream.baseUrl(), ANTHROPIC_KEY,
                geminiUpstream.baseUrl(), GEMINI_KEY));
        openai = OpenAIOkHttpClient.builder().baseUrl(gateway.baseUrl()).apiKey("sk-client").maxRetries(0).build();
        client = new SseClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        openai.close();
        gateway.close();
        geminiUpstream.close();
        anthropicUpstream.close();
        openaiUpstream.close();
    }

    @BeforeEach
    void reset() {
        openaiUpstream.reset();
    }

    private static ChatCompletionCreateParams ask(String model, String text) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(text).build();
    }

    private static ChatCompletion streamed(ChatCompletionCreateParams params) {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.chatCompletion();
    }

    // ---- the OpenAI SDK, answered by Anthropic and Gemini --------------------------------------

    @Test
    void theOpenAiSdkGetsAnAnthropicAnswerInOpenAisShape() {
        anthropicUpstream.enqueue(Replay.resource("upstream/anthropic/message-text.json"));

        ChatCompletion completion = openai.chat().completions().create(ask("claude", "Hello?"));

        assertThat(completion.choices().get(0).message().content()).contains("Hello from Anthropic.");
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(12);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(6);
        assertThat(completion.model()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(anthropicUpstream.lastRequest().path()).isEqualTo("/v1/messages");
        assertThat(anthropicUpstream.lastRequest().header("x-api-key")).contains(ANTHROPIC_KEY);
    }

    @Test
    void theOpenAiSdkStreamsAnAnthropicToolCall() {
        anthropicUpstream.enqueue(Replay.resource("upstream/anthropic/stream-tool-use.sse"));

        ChatCompletion completion = streamed(ask("claude", "Weather in Paris?"));

        ChatCompletionMessageToolCall call = completion.choices().get(0).message().toolCalls().orElseThrow().get(0);
        assertThat(call.asFunction().id()).isEqualTo("toolu_01T1x1fJ34qAmk2tNTrN7Up6");
        assertThat(call.asFunction().function().name()).isEqualTo("get_weather");
        assertThat(call.asFunction().function().arguments()).isEqualTo("{\"city\": \"Paris\"}");
        assertThat(completion.choices().get(0).message().content()).contains("Let me look that up.");
        assertThat(completion.choices().get(0).finishReason())
                .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    }

    @Test
    void theOpenAiSdkGetsAGeminiFunctionCallAsAToolCall() {
        geminiUpstream.enqueue(Replay.resource("upstream/gemini/generate-function-call.json"));

        ChatCompletion completion = openai.chat().completions().create(ask("flash", "Weather in Paris tomorrow?"));

        ChatCompletionMessageToolCall call = completion.choices().get(0).message().toolCalls().orElseThrow().get(0);
        assertThat(call.asFunction().function().name()).isEqualTo("get_weather");
        assertThat(Json.tree(call.asFunction().function().arguments()))
                .isEqualTo(Json.tree("{\"city\":\"Paris\",\"day\":\"tomorrow\"}"));
        assertThat(completion.choices().get(0).finishReason())
                .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        assertThat(completion.usage().orElseThrow().totalTokens()).isEqualTo(114);
        assertThat(geminiUpstream.lastRequest().path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(geminiUpstream.lastRequest().header("x-goog-api-key")).contains(GEMINI_KEY);
    }

    @Test
    void theOpenAiSdkStreamsAGeminiAnswer() {
        geminiUpstream.enqueue(Replay.resource("upstream/gemini/stream-text.sse"));

        ChatCompletion completion = streamed(ask("flash", "Hello?"));

        assertThat(completion.choices().get(0).message().content()).contains("Hello from Gemini!");
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(geminiUpstream.lastRequest().path())
                .isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent");
        assertThat(geminiUpstream.lastRequest().queryParam("alt")).contains("sse");
    }

    @Test
    void theOpenAiSdkStreamsAGeminiFunctionCall() {
        geminiUpstream.enqueue(Replay.resource("upstream/gemini/stream-function-call.sse"));

        ChatCompletion completion = streamed(ask("flash", "Weather?"));

        ChatCompletionMessageToolCall call = completion.choices().get(0).message().toolCalls().orElseThrow().get(0);
        assertThat(call.asFunction().function().name()).isEqualTo("get_weather");
        assertThat(Json.tree(call.asFunction().function().arguments())).isEqualTo(Json.tree("{\"city\":\"Paris\"}"));
        assertThat(completion.choices().get(0).finishReason())
                .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    }

    // ---- the Anthropic endpoint, passed through to Anthropic ----------------------------------

    @Test
    void theAnthropicEndpointPassesAnAnthropicAnswerThrough() {
        Replay answer = Replay.resource("upstream/anthropic/message-text.json");
        anthropicUpstream.enqueue(answer);
        String body = """
                {"model":"claude","max_tokens":100,"top_k":5,"thinking":{"type":"disabled"},
                 "system":[{"type":"text","text":"Long context","cache_control":{"type":"ephemeral"}}],
                 "messages":[{"role":"user","content":"Hello?"}]}""";

        HttpResult result = client.postJson(gateway.url("/v1/messages"), body, Map.of("x-api-key", "sk-client"));

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).isEqualTo(answer.body());
        JsonNode sent = anthropicUpstream.lastRequest().body();
        assertThat(sent.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(sent.path("top_k").asInt()).isEqualTo(5);
        assertThat(sent.path("system").get(0).path("cache_control").path("type").asText()).isEqualTo("ephemeral");
        assertThat(anthropicUpstream.lastRequest().header("x-api-key")).contains(ANTHROPIC_KEY);
    }

    @Test
    void theAnthropicEndpointPassesAnAnthropicStreamThrough() {
        Replay stream = Replay.resource("upstream/anthropic/stream-tool-use.sse");
        anthropicUpstream.enqueue(stream);
        String body = """
                {"model":"claude","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"Weather?"}]}""";

        List<SseEvent> events;
        try (SseStream sse = client.postStream(gateway.url("/v1/messages"), body, Map.of("x-api-key", "sk-client"))) {
            events = sse.readToEnd(Duration.ofSeconds(10));
        }

        List<String> expected = Replay.sse(stream.body()).frames().stream()
                .map(frame -> new String(frame).lines().findFirst().orElseThrow().substring("event: ".length()))
                .toList();
        assertThat(events.stream().map(SseEvent::event).toList()).isEqualTo(expected);
        assertThat(events.get(events.size() - 1).json().path("type").asText()).isEqualTo("message_stop");
        assertThat(anthropicUpstream.lastRequest().body().path("stream").asBoolean()).isTrue();
    }

    // ---- tool conversations across providers ---------------------------------------------------

    private static final String TOOL_CONVERSATION = """
            {"model":"%s","messages":[
              {"role":"system","content":"You are a weather assistant."},
              {"role":"user","content":"Weather in Paris?"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_Xa81kq","type":"function",
                "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
              {"role":"tool","tool_call_id":"call_Xa81kq","content":"{\\"temperature_c\\":18,\\"sky\\":\\"sunny\\"}"},
              {"role":"user","content":"And tomorrow?"}],
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather in a city",
               "parameters":{"type":"object","properties":{"city":{"type":"string"},"day":{"type":"string"}},"required":["city"]}}}]}""";

    @Test
    void aToolConversationContinuesOnAnthropicAfterFailover() {
        openaiUpstream.failWith(503);
        anthropicUpstream.enqueue(Replay.resource("upstream/anthropic/message-tool-use.json"));

        HttpResult result = client.postJson(gateway.url("/v1/chat/completions"), TOOL_CONVERSATION.formatted("agent"),
                Map.of());

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.header("x-sluice-provider")).contains("anthropic");
        JsonNode message = result.json().path("choices").get(0).path("message");
        assertThat(message.path("tool_calls").get(0).path("id").asText()).isEqualTo("toolu_01A09q90qw90lq917835lq9");
        assertThat(Json.tree(message.path("tool_calls").get(0).path("function").path("arguments").asText()))
                .isEqualTo(Json.tree("{\"city\":\"Paris\",\"day\":\"tomorrow\"}"));
        assertThat(result.json().path("choices").get(0).path("finish_reason").asText()).isEqualTo("tool_calls");
        JsonNode sent = anthropicUpstream.lastRequest().body();
        assertThat(sent.path("system").toString()).contains("You are a weather assistant.");
        JsonNode toolUse = sent.path("messages").get(1).path("content").get(0);
        assertThat(toolUse.path("type").asText()).isEqualTo("tool_use");
        assertThat(toolUse.path("id").asText()).isEqualTo("call_Xa81kq");
        assertThat(toolUse.path("input").path("city").asText()).isEqualTo("Paris");
        JsonNode toolResult = sent.path("messages").get(2).path("content").get(0);
        assertThat(toolResult.path("type").asText()).isEqualTo("tool_result");
        assertThat(toolResult.path("tool_use_id").asText()).isEqualTo("call_Xa81kq");
        assertThat(toolResult.toString()).contains("temperature_c");
        assertThat(sent.path("tools").get(0).path("input_schema").path("required").get(0).asText()).isEqualTo("city");
    }

    @Test
    void aToolConversationContinuesOnGeminiAfterFailover() {
        openaiUpstream.failWith(503);
        geminiUpstream.enqueue(Replay.resource("upstream/gemini/generate-text.json"));

        HttpResult result = client.postJson(gateway.url("/v1/chat/completions"),
                TOOL_CONVERSATION.formatted("agent-gemini"), Map.of());

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.json().path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("Hello from Gemini.");
        JsonNode contents = geminiUpstream.lastRequest().body().path("contents");
        JsonNode call = contents.get(1).path("parts").get(0).path("functionCall");
        assertThat(contents.get(1).path("role").asText()).isEqualTo("model");
        assertThat(call.path("name").asText()).isEqualTo("get_weather");
        assertThat(call.path("args").path("city").asText()).isEqualTo("Paris");
        JsonNode response = contents.get(2).path("parts").get(0).path("functionResponse");
        assertThat(response.path("name").asText()).isEqualTo("get_weather");
        assertThat(response.path("response").toString()).contains("temperature_c");
        assertThat(geminiUpstream.lastRequest().body().path("systemInstruction").toString())
                .contains("You are a weather assistant.");
    }

    // ---- provider errors -------------------------------------------------------------------------

    @Test
    void anAnthropicOverloadBecomesAnOpenAiServerErrorQuotingIt() {
        anthropicUpstream.enqueue(Replay.resource("upstream/anthropic/error-overloaded.json").withStatus(529));

        HttpResult result = client.postJson(gateway.url("/v1/chat/completions"),
                "{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", Map.of());

        assertThat(result.status()).isEqualTo(502);
        assertThat(result.json().path("error").path("message").asText()).contains("529").contains("Overloaded");
        assertThat(result.body()).doesNotContain(ANTHROPIC_KEY);
    }

    @Test
    void anAnthropicRateLimitKeepsItsRetryAfterOnTheAnthropicEndpoint() {
        anthropicUpstream.enqueue(Replay.resource("upstream/anthropic/error-rate-limit.json").withStatus(429)
                .withHeader("retry-after", "17"));

        HttpResult result = client.postJson(gateway.url("/v1/messages"),
                "{\"model\":\"claude\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                Map.of("x-api-key", "sk-client"));

        assertThat(result.status()).isEqualTo(429);
        assertThat(result.header("retry-after")).contains("17");
        assertThat(result.json().path("type").asText()).isEqualTo("error");
        assertThat(result.json().path("error").path("type").asText()).isEqualTo("rate_limit_error");
    }

    @Test
    void aGeminiQuotaErrorBecomesA429WithTheRetryDelay() {
        geminiUpstream.enqueue(Replay.resource("upstream/gemini/error-429.json").withStatus(429));

        HttpResult result = client.postJson(gateway.url("/v1/chat/completions"),
                "{\"model\":\"flash\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", Map.of());

        assertThat(result.status()).isEqualTo(429);
        assertThat(result.header("retry-after")).contains("9");
        assertThat(result.json().path("error").path("type").asText()).isEqualTo("rate_limit_error");
        assertThat(result.body()).doesNotContain(GEMINI_KEY);
    }

    /** JSON comparison that ignores formatting. */
    private static final class Json {
        static JsonNode tree(String json) {
            try {
                return dev.sluice.spi.json.Json.mapper().readTree(json);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
