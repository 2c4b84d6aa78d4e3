package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad requests get OpenAI-shaped errors with the right status, and the server keeps serving. */
class BadInputTest {
    private static RunningGateway gateway;
    private static SseClient client;

    @BeforeAll
    static void start() {
        gateway = RunningGateway.start("""
                server: { max_request_bytes: 4KB }
                providers: [{ name: mock, type: mock }]
                models:
                  - { name: mock-echo, targets: [{ provider: mock, model: mock-echo }] }
                """);
        client = new SseClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
    }

    @AfterEach
    void theServerStillServes() {
        HttpResult ok = post("{\"model\":\"mock-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"still here\"}]}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("choices").get(0).path("message").path("content").asText()).isEqualTo("still here");
    }

    private static HttpResult post(String body) {
        return client.postJson(gateway.url("/v1/chat/completions"), body, Map.of());
    }

    private static JsonNode error(HttpResult result) {
        assertThat(result.header("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode error = result.json().path("error");
        assertThat(error.has("message") && error.has("type") && error.has("param") && error.has("code"))
                .as("OpenAI error shape: %s", result.body()).isTrue();
        return error;
    }

    @Test
    void malformedJsonIs400() {
        HttpResult result = post("{\"model\": \"mock-echo\", \"messages\": [");

        assertThat(result.status()).isEqualTo(400);
        assertThat(error(result).path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error(result).path("message").asText()).contains("could not parse the JSON body");
    }

    @Test
    void missingMessagesIs400NamingTheParameter() {
        HttpResult result = post("{\"model\":\"mock-echo\"}");

        assertThat(result.status()).isEqualTo(400);
        assertThat(error(result).path("message").asText()).isEqualTo("Missing required parameter: 'messages'.");
        assertThat(error(result).path("param").asText()).isEqualTo("messages");
    }

    @Test
    void wrongTypesAre400NamingTheField() {
        HttpResult result = post("{\"model\":\"mock-echo\",\"messages\":[{\"role\":\"user\",\"content\":42}]}");

        assertThat(result.status()).isEqualTo(400);
        assertThat(error(result).path("param").asText()).isEqualTo("messages[0].content");
    }

    @Test
    void messagesThatAreNotAListAre400() {
        HttpResult result = post("{\"model\":\"mock-echo\",\"messages\":\"hello\"}");

        assertThat(result.status()).isEqualTo(400);
        assertThat(error(result).path("param").asText()).isEqualTo("messages");
    }

    @Test
    void aMissingModelIs400() {
        HttpResult result = post("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(result.status()).isEqualTo(400);
        assertThat(error(result).path("param").asText()).isEqualTo("model");
    }

    @Test
    void anUnknownModelIs404ModelNotFound() {
        HttpResult result = post("{\"model\":\"gpt-9\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(result.status()).isEqualTo(404);
        assertThat(error(result).path("code").asText()).isEqualTo("model_not_found");
        assertThat(error(result).path("message").asText()).contains("gpt-9");
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String big = "x".repeat(8 * 1024);
        HttpResult result = post("{\"model\":\"mock-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"" + big + "\"}]}");

        assertThat(result.status()).isEqualTo(413);
        assertThat(error(result).path("message").asText()).contains("4096 bytes");
    }

    @Test
    void aJsonArrayInsteadOfAnObjectIs400() {
        HttpResult result = post("[1,2,3]");

        assertThat(result.status()).isEqualTo(400);
        assertThat(error(result).path("message").asText()).contains("JSON object");
    }

    @Test
    void anUnknownPathIs404InOpenAiShape() {
        HttpResult result = client.postJson(gateway.url("/v1/chat/complete"), "{}", Map.of());

        assertThat(result.status()).isEqualTo(404);
        assertThat(error(result).path("code").asText()).isEqualTo("unknown_url");
    }

    @Test
    void embeddingsWithoutInputAre400() {
        HttpResult result = client.postJson(gateway.url("/v1/embeddings"), "{\"model\":\"mock-echo\"}", Map.of());

        assertThat(result.status()).isEqualTo(400);
        assertThat(error(result).path("param").asText()).isEqualTo("input");
    }
}
