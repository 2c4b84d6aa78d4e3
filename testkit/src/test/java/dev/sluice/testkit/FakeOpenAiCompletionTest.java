package dev.sluice.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Non-streaming chat completions, models and request recording, over real HTTP. */
class FakeOpenAiCompletionTest {

    private static FakeOpenAi upstream;
    private static SseClient client;

    @BeforeAll
    static void start() {
        upstream = FakeOpenAi.start();
        client = new SseClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        upstream.close();
    }

    @BeforeEach
    void resetFake() {
        upstream.reset();
    }

    @Test
    void answersWithAChatCompletionShapedLikeOpenAis() {
        HttpResult result = client.postJson(upstream.baseUrl() + "/chat/completions",
                TestRequests.chat("gpt-4o-mini"), TestRequests.AUTH);

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.header("content-type")).hasValue("application/json");
        assertThat(result.header("x-request-id")).hasValueSatisfying(id -> assertThat(id).matches("req_[0-9a-f]{32}"));
        assertThat(result.header("openai-processing-ms")).isPresent();
        assertThat(result.header("x-ratelimit-remaining-requests")).isPresent();

        JsonNode body = result.json();
        assertThat(fieldNames(body)).containsExactly("id", "object", "created", "model", "choices", "usage",
                "service_tier", "system_fingerprint");
        assertThat(body.get("id").asText()).matches("chatcmpl-[A-Za-z0-9]{29}");
        assertThat(body.get("object").asText()).isEqualTo("chat.completion");
        assertThat(body.get("created").isIntegralNumber()).isTrue();
        assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.get("system_fingerprint").asText()).startsWith("fp_");

        assertThat(body.get("choices")).hasSize(1);
        JsonNode choice = body.get("choices").get(0);
        assertThat(choice.get("index").asInt()).isZero();
        assertThat(choice.get("logprobs").isNull()).isTrue();
        assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
        JsonNode message = choice.get("message");
        assertThat(message.get("role").asText()).isEqualTo("assistant");
        assertThat(message.get("content").asText()).isEqualTo(FakeOpenAi.DEFAULT_REPLY);
        assertThat(message.has("refusal")).isTrue();
        assertThat(message.get("refusal").isNull()).isTrue();

        JsonNode usage = body.get("usage");
        assertThat(usage.get("prompt_tokens").asInt()).isEqualTo(7); // "Be brief." + "Say hello to the test"
        assertThat(usage.get("completion_tokens").asInt()).isEqualTo(5);
        assertThat(usage.get("total_tokens").asInt()).isEqualTo(12);
        assertThat(usage.get("prompt_tokens_details").get("cached_tokens").asInt()).isZero();
        assertThat(usage.get("completion_tokens_details").get("reasoning_tokens").asInt()).isZero();
    }

    @Test
    void repliesWithConfiguredTextAndUsage() {
        upstream.reply("Custom answer").usage(11, 3);

        JsonNode body = client.postJson(upstream.baseUrl() + "/chat/completions",
                TestRequests.chat("gpt-4o"), Map.of()).json();

        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Custom answer");
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(11);
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(3);
        assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(14);
    }

    @Test
    void answersWithAToolCall() {
        upstream.toolCall("get_weather", "{\"city\":\"Oslo\"}");

        JsonNode body = client.postJson(upstream.baseUrl() + "/chat/completions",
                TestRequests.chat("gpt-4o"), Map.of()).json();

        JsonNode choice = body.at("/choices/0");
        assertThat(choice.get("finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(choice.at("/message/content").isNull()).isTrue();
        JsonNode call = choice.at("/message/tool_calls/0");
        assertThat(call.get("id").asText()).matches("call_[A-Za-z0-9]{24}");
        assertThat(call.get("type").asText()).isEqualTo("function");
        assertThat(call.at("/function/name").asText()).isEqualTo("get_weather");
        assertThat(call.at("/function/arguments").asText()).isEqualTo("{\"city\":\"Oslo\"}");
    }

    @Test
    void recordsWhatItReceived() {
        client.postJson(upstream.baseUrl() + "/chat/completions", TestRequests.chat("gpt-4o"),
                Map.of("Authorization", "Bearer sk-abc", "X-Custom-Header", "yes"));

        assertThat(upstream.requestCount()).isEqualTo(1);
        RecordedRequest request = upstream.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.headers()).containsKeys("authorization", "x-custom-header", "content-type");
        assertThat(request.header("Authorization")).hasValue("Bearer sk-abc");
        assertThat(request.body().at("/messages/1/content").asText()).isEqualTo("Say hello to the test");
        assertThat(request.model()).isEqualTo("gpt-4o");
        assertThat(request.isStreaming()).isFalse();
        assertThat(request.rawBody()).isEqualTo(TestRequests.chat("gpt-4o"));
        assertThat(upstream.requests("/v1/chat/completions")).hasSize(1);
    }

    @Test
    void waitsForTheConfiguredLatency() {
        upstream.latency(Duration.ofMillis(300));
        long start = System.nanoTime();

        client.postJson(upstream.baseUrl() + "/chat/completions", TestRequests.chat("gpt-4o"), Map.of());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void listsModels() {
        upstream.models("gpt-4o", "o3-mini");

        HttpResult result = client.get(upstream.baseUrl() + "/models", Map.of());

        assertThat(result.status()).isEqualTo(200);
        JsonNode body = result.json();
        assertThat(body.get("object").asText()).isEqualTo("list");
        assertThat(body.get("data")).hasSize(2);
        JsonNode model = body.at("/data/1");
        assertThat(fieldNames(model)).containsExactly("id", "object", "created", "owned_by");
        assertThat(model.get("id").asText()).isEqualTo("o3-mini");
        assertThat(model.get("object").asText()).isEqualTo("model");
    }

    @Test
    void rejectsUnknownPathsLikeOpenAi() {
        HttpResult result = client.get(upstream.baseUrl() + "/engines", Map.of());

        assertThat(result.status()).isEqualTo(404);
        assertThat(result.json().at("/error/message").asText()).isEqualTo("Invalid URL (GET /v1/engines)");
        assertThat(result.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void rejectsInvalidBodiesLikeOpenAi() {
        HttpResult garbage = client.postJson(upstream.baseUrl() + "/chat/completions", "{not json", Map.of());
        HttpResult noModel = client.postJson(upstream.baseUrl() + "/chat/completions", "{\"messages\":[]}", Map.of());
        HttpResult noMessages = client.postJson(upstream.baseUrl() + "/chat/completions", "{\"model\":\"m\"}", Map.of());

        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().at("/error/message").asText()).startsWith("We could not parse the JSON body");
        assertThat(noModel.status()).isEqualTo(400);
        assertThat(noModel.json().at("/error/message").asText()).isEqualTo("you must provide a model parameter");
        assertThat(noMessages.status()).isEqualTo(400);
        assertThat(noMessages.json().at("/error/param").asText()).isEqualTo("messages");
        assertThat(noMessages.json().at("/error/code").asText()).isEqualTo("missing_required_parameter");
        assertThat(upstream.lastRequest().rawBody()).isEqualTo("{\"model\":\"m\"}");
    }

    static java.util.List<String> fieldNames(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
