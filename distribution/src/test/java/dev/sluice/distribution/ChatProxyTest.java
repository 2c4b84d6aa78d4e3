package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testkit.FakeOpenAi;
import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import dev.sluice.testkit.SseEvent;
import dev.sluice.testkit.SseStream;
import dev.sluice.testkit.StreamGate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Chat through the gateway's real plugins to a fake upstream speaking OpenAI's wire format. */
class ChatProxyTest {
    private static final String UPSTREAM_KEY = "sk-upstream-key-0123456789abcdef";
    private static FakeOpenAi upstream;
    private static RunningGateway gateway;
    private static SseClient client;

    @BeforeAll
    static void start() {
        upstream = FakeOpenAi.start();
        gateway = RunningGateway.start("""
                providers:
                  - { name: fake, type: openai, base_url: "%s", api_key: "%s", models: [gpt-4o] }
                models:
                  - name: smart
                    targets: [{ provider: fake, model: gpt-4o }]
                  - name: embed
                    targets: [{ provider: fake, model: text-embedding-3-small }]
                """.formatted(upstream.baseUrl(), UPSTREAM_KEY));
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

    private static String chat(boolean stream, String extra) {
        return """
                {"model":"smart","stream":%s,%s"messages":[{"role":"user","content":"Say hello"}]}"""
                .formatted(stream, extra);
    }

    @Test
    void nonStreamingChatReturnsTheUpstreamAnswerWithGatewayHeaders() {
        HttpResult result = client.postJson(gateway.url("/v1/chat/completions"), chat(false, ""), Map.of());

        assertThat(result.status()).isEqualTo(200);
        JsonNode body = result.json();
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("choices").get(0).path("message").path("content").asText())
                .isEqualTo(FakeOpenAi.DEFAULT_REPLY);
        assertThat(body.path("usage").path("total_tokens").asInt()).isPositive();
        assertThat(result.header("x-sluice-request-id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
        assertThat(result.header("x-sluice-provider")).contains("fake");
        assertThat(result.header("x-sluice-model")).contains("gpt-4o");
        assertThat(result.header("x-sluice-attempts")).contains("1");
        assertThat(result.header("x-sluice-cache")).contains("bypass");
    }

    @Test
    void theUpstreamGetsTheTargetModelAndTheProviderKeyNotTheClients() {
        client.postJson(gateway.url("/v1/chat/completions"), chat(false, "\"temperature\":0.3,\"metadata\":{\"a\":1},"),
                Map.of("Authorization", "Bearer client-key"));

        var received = upstream.lastRequest();
        assertThat(received.model()).isEqualTo("gpt-4o");
        assertThat(received.header("authorization")).contains("Bearer " + UPSTREAM_KEY);
        assertThat(received.body().path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(received.body().path("metadata").path("a").asInt()).as("unknown fields pass through").isEqualTo(1);
    }

    @Test
    void streamingRelaysOpenAiChunksAndEndsWithDone() {
        try (SseStream stream = client.postStream(gateway.url("/v1/chat/completions"), chat(true, ""), Map.of())) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
            List<SseEvent> events = stream.readToEnd(Duration.ofSeconds(10));

            assertThat(events.get(events.size() - 1).isDone()).isTrue();
            StringBuilder text = new StringBuilder();
            for (SseEvent e : events.subList(0, events.size() - 1)) {
                assertThat(e.json().path("object").asText()).isEqualTo("chat.completion.chunk");
                assertThat(e.json().path("usage").isObject()).as("no usage unless asked").isFalse();
                e.json().path("choices").forEach(c -> text.append(c.path("delta").path("content").asText("")));
            }
            assertThat(text.toString()).isEqualTo(FakeOpenAi.DEFAULT_REPLY);
            assertThat(stream.rawText()).contains("data: [DONE]\n\n");
        }
    }

    @Test
    void streamingWithIncludeUsageEndsWithTheUsageChunk() {
        String body = chat(true, "\"stream_options\":{\"include_usage\":true},");
        try (SseStream stream = client.postStream(gateway.url("/v1/chat/completions"), body, Map.of())) {
            List<SseEvent> events = stream.readToEnd(Duration.ofSeconds(10));

            JsonNode usageChunk = events.get(events.size() - 2).json();
            assertThat(usageChunk.path("choices").size()).isZero();
            assertThat(usageChunk.path("usage").path("total_tokens").asInt()).isPositive();
        }
    }

    @Test
    void theFirstChunkReachesTheClientBeforeTheUpstreamFinishes() throws Exception {
        StreamGate gate = upstream.holdStreamAfterFirstChunk();
        try (SseStream stream = client.postStream(gateway.url("/v1/chat/completions"), chat(true, ""), Map.of())) {
            SseEvent first = stream.next(Duration.ofSeconds(5));

            assertThat(first.json().path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(gate.isReleased()).as("the upstream is still holding the rest of its stream").isFalse();
            assertThat(upstream.completedStreams()).isZero();
            gate.release();
            assertThat(stream.readToEnd(Duration.ofSeconds(10))).last().matches(SseEvent::isDone);
        } finally {
            gate.release();
        }
    }

    @Test
    void embeddingsComeBackAsFloatsOrBase64AsAsked() {
        String floats = "{\"model\":\"embed\",\"input\":[\"a\",\"b\"]}";
        String base64 = "{\"model\":\"embed\",\"input\":\"a\",\"encoding_format\":\"base64\"}";

        JsonNode asFloats = client.postJson(gateway.url("/v1/embeddings"), floats, Map.of()).json();
        JsonNode asBase64 = client.postJson(gateway.url("/v1/embeddings"), base64, Map.of()).json();

        assertThat(asFloats.path("data").size()).isEqualTo(2);
        assertThat(asFloats.path("data").get(0).path("embedding").isArray()).isTrue();
        assertThat(asBase64.path("data").get(0).path("embedding").isTextual()).isTrue();
        assertThat(upstream.lastRequest().body().path("encoding_format").asText()).isEqualTo("base64");
    }

    @Test
    void modelsListsRoutesAndDirectProviderModels() {
        JsonNode models = client.get(gateway.url("/v1/models"), Map.of()).json();

        assertThat(models.path("object").asText()).isEqualTo("list");
        assertThat(models.path("data").findValuesAsText("id")).contains("smart", "embed", "fake/gpt-4o");
    }

    @Test
    void aProviderModelIsReachableDirectly() {
        String body = "{\"model\":\"fake/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        HttpResult result = client.postJson(gateway.url("/v1/chat/completions"), body, Map.of());

        assertThat(result.status()).isEqualTo(200);
        assertThat(upstream.lastRequest().model()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void healthAndReadinessAnswer() {
        assertThat(client.get(gateway.url("/health"), Map.of()).status()).isEqualTo(200);
        assertThat(client.get(gateway.url("/ready"), Map.of()).json().path("status").asText()).isEqualTo("ready");
    }
}
