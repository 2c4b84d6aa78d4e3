package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testkit.FakeOpenAi;
import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import dev.sluice.testkit.SseEvent;
import dev.sluice.testkit.SseStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/messages} over raw HTTP, served by an OpenAI upstream: the exact event
 * sequence of a stream, how a tool conversation is translated, and Anthropic's error shapes.
 */
class AnthropicInboundTest {
    private static final Map<String, String> ANTHROPIC = Map.of("x-api-key", "sk-ant-client",
            "anthropic-version", "2023-06-01");
    private static FakeOpenAi upstream;
    private static RunningGateway gateway;
    private static SseClient client;

    @BeforeAll
    static void start() {
        upstream = FakeOpenAi.start();
        gateway = RunningGateway.start("""
                providers:
                  - { name: openai, type: openai, base_url: "%s", api_key: sk-upstream }
                models:
                  - { name: claude-haiku-4-5, targets: [{ provider: openai, model: gpt-4o-mini }] }
                """.formatted(upstream.baseUrl()));
        client = new SseClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
        upstream.close();
    }

    @BeforeEach
    void resetUpstream() {
        upstream.reset();
    }

    private static String ask(String extra) {
        return """
                {"model":"claude-haiku-4-5","max_tokens":256,%s
                 "messages":[{"role":"user","content":"Say hi"}]}""".formatted(extra);
    }

    private HttpResult post(String body, Map<String, String> headers) {
        return client.postJson(gateway.url("/v1/messages"), body, headers);
    }

    @Test
    void aStreamFollowsAnthropicsEventSequence() {
        upstream.reply("Hi there friend").usage(9, 3);

        List<SseEvent> events;
        try (SseStream stream = client.postStream(gateway.url("/v1/messages"), ask("\"stream\":true,"), ANTHROPIC)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
            events = stream.readToEnd(Duration.ofSeconds(10));
        }

        List<String> names = events.stream().map(SseEvent::event).toList();
        assertThat(names.get(0)).isEqualTo("message_start");
        assertThat(names.get(1)).isEqualTo("content_block_start");
        assertThat(names.subList(2, names.size() - 3)).containsOnly("content_block_delta");
        assertThat(names.subList(names.size() - 3, names.size()))
                .containsExactly("content_block_stop", "message_delta", "message_stop");
        events.forEach(e -> assertThat(e.json().path("type").asText()).isEqualTo(e.event()));
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e.event().equals("content_block_delta"))
                .forEach(e -> text.append(e.json().path("delta").path("text").asText()));
        assertThat(text.toString()).isEqualTo("Hi there friend");
        JsonNode delta = events.get(events.size() - 2).json();
        assertThat(delta.path("delta").path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(delta.path("usage").path("output_tokens").asInt()).isEqualTo(3);
        assertThat(delta.path("usage").path("input_tokens").asInt()).isEqualTo(9);
        assertThat(events.get(0).json().path("message").path("model").asText()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void aToolConversationBecomesToolMessagesUpstream() {
        String body = """
                {"model":"claude-haiku-4-5","max_tokens":256,
                 "system":[{"type":"text","text":"You know the weather."}],
                 "tools":[{"name":"get_weather","description":"Weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}],
                 "tool_choice":{"type":"any","disable_parallel_tool_use":true},
                 "messages":[
                  {"role":"user","content":[{"type":"text","text":"Weather in Paris?"},
                    {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}]},
                  {"role":"assistant","content":[{"type":"text","text":"Let me check."},
                    {"type":"tool_use","id":"toolu_01A","name":"get_weather","input":{"city":"Paris"}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01A","content":"18°C, sunny"},
                    {"type":"text","text":"And tomorrow?"}]}]}""";

        HttpResult result = post(body, ANTHROPIC);

        assertThat(result.status()).isEqualTo(200);
        JsonNode sent = upstream.lastRequest().body();
        JsonNode messages = sent.path("messages");
        assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
        assertThat(messages.get(1).path("content").get(1).path("image_url").path("url").asText())
                .isEqualTo("data:image/png;base64,iVBORw0KGgo=");
        JsonNode call = messages.get(2).path("tool_calls").get(0);
        assertThat(messages.get(2).path("content").asText()).isEqualTo("Let me check.");
        assertThat(call.path("id").asText()).isEqualTo("toolu_01A");
        assertThat(call.path("function").path("arguments").asText()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(messages.get(3).path("role").asText()).isEqualTo("tool");
        assertThat(messages.get(3).path("tool_call_id").asText()).isEqualTo("toolu_01A");
        assertThat(messages.get(3).path("content").asText()).isEqualTo("18°C, sunny");
        assertThat(messages.get(4).path("content").asText()).isEqualTo("And tomorrow?");
        assertThat(sent.path("tool_choice").asText()).isEqualTo("required");
        assertThat(sent.path("parallel_tool_calls").asBoolean(true)).isFalse();
    }

    @Test
    void aMissingMaxTokensIsAnAnthropicInvalidRequestError() {
        HttpResult result = post("{\"model\":\"claude-haiku-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                ANTHROPIC);

        assertThat(result.status()).isEqualTo(400);
        assertThat(result.json().path("type").asText()).isEqualTo("error");
        assertThat(result.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(result.json().path("error").path("message").asText()).isEqualTo("max_tokens: Field required");
        assertThat(result.header("request-id")).isPresent();
        assertThat(upstream.requestCount()).isZero();
    }

    @Test
    void aWrongRoleNamesTheField() {
        HttpResult result = post("""
                {"model":"claude-haiku-4-5","max_tokens":5,"messages":[{"role":"system","content":"x"}]}""", ANTHROPIC);

        assertThat(result.status()).isEqualTo(400);
        assertThat(result.json().path("error").path("message").asText())
                .isEqualTo("messages.0.role: Input should be 'user' or 'assistant'");
    }

    @Test
    void invalidJsonIsAnAnthropicError() {
        HttpResult result = post("{not json", ANTHROPIC);

        assertThat(result.status()).isEqualTo(400);
        assertThat(result.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void anUnknownModelIsANotFoundError() {
        HttpResult result = post("{\"model\":\"nope\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                ANTHROPIC);

        assertThat(result.status()).isEqualTo(404);
        assertThat(result.json().path("error").path("type").asText()).isEqualTo("not_found_error");
    }

    @Test
    void bearerAuthenticationOfNewerSdksIsAccepted() {
        HttpResult result = post(ask(""), Map.of("authorization", "Bearer sk-ant-client",
                "anthropic-version", "2026-10-21"));

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.json().path("type").asText()).isEqualTo("message");
        assertThat(upstream.lastRequest().header("authorization")).contains("Bearer sk-upstream");
    }

    @Test
    void anUpstreamFailureIsAnAnthropicApiError() {
        upstream.failWith(500);

        HttpResult result = post(ask(""), ANTHROPIC);

        assertThat(result.status()).isEqualTo(502);
        assertThat(result.json().path("error").path("type").asText()).isEqualTo("api_error");
    }

    @Test
    void theGatewayKeepsServingAfterBadInput() {
        post("[]", ANTHROPIC);
        post("{\"model\":5}", ANTHROPIC);

        assertThat(post(ask(""), ANTHROPIC).status()).isEqualTo(200);
    }
}
