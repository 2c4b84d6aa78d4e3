package dev.sluice.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;

import static dev.sluice.testkit.FakeOpenAiCompletionTest.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Injected failures answer with OpenAI's real error shapes and headers. */
class FakeOpenAiFailureTest {

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

    @ParameterizedTest
    @CsvSource({
            "401, invalid_request_error, invalid_api_key",
            "403, request_forbidden, unsupported_country_region_territory",
            "404, invalid_request_error, model_not_found",
            "429, requests, rate_limit_exceeded",
            "500, server_error, ",
            "503, server_error, "})
    void answersWithOpenAisErrorShape(int status, String type, String code) {
        upstream.failWith(status);

        HttpResult result = chat();

        assertThat(result.status()).isEqualTo(status);
        assertThat(result.header("content-type")).hasValue("application/json");
        assertThat(result.header("x-request-id")).isPresent();
        JsonNode error = result.json().get("error");
        assertThat(fieldNames(result.json())).containsExactly("error");
        assertThat(fieldNames(error)).containsExactly("message", "type", "param", "code");
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("type").asText()).isEqualTo(type);
        assertThat(error.get("param").isNull()).isTrue();
        if (code == null) {
            assertThat(error.get("code").isNull()).isTrue();
        } else {
            assertThat(error.get("code").asText()).isEqualTo(code);
        }
        assertThat(result.header("retry-after")).isEmpty();
    }

    @Test
    void sendsRetryAfterWhenAsked() {
        upstream.failWith(429, Duration.ofMillis(1500));

        HttpResult result = chat();

        assertThat(result.status()).isEqualTo(429);
        assertThat(result.header("retry-after")).hasValue("2");
        assertThat(result.header("retry-after-ms")).hasValue("1500");
        assertThat(result.json().at("/error/message").asText()).contains("Please try again in 1.5s");
    }

    @Test
    void failsOnlyTheNextRequestsThenRecovers() {
        upstream.failNext(2, 503);

        assertThat(chat().status()).isEqualTo(503);
        assertThat(chat().status()).isEqualTo(503);
        assertThat(chat().status()).isEqualTo(200);
        assertThat(upstream.requestCount()).isEqualTo(3);
    }

    @Test
    void failsStreamingRequestsWithAJsonErrorNotAStream() {
        upstream.failWith(500);

        try (SseStream stream = client.postStream(upstream.baseUrl() + "/chat/completions",
                TestRequests.streamingChat("gpt-4o", true), Map.of())) {
            assertThat(stream.status()).isEqualTo(500);
            assertThat(stream.header("content-type")).hasValue("application/json");
            assertThat(stream.readToEnd(Duration.ofSeconds(5))).isEmpty();
            assertThat(stream.rawText()).contains("\"server_error\"");
        }
    }

    @Test
    void stopFailingRestoresNormalAnswers() {
        upstream.failWith(500).stopFailing();

        assertThat(chat().status()).isEqualTo(200);
    }

    @Test
    void doesNotFailModelListings() {
        upstream.failNext(1, 500);

        assertThat(client.get(upstream.baseUrl() + "/models", Map.of()).status()).isEqualTo(200);
        assertThat(chat().status()).isEqualTo(500);
    }

    @Test
    void checksTheApiKeyWhenOneIsRequired() {
        upstream.requireApiKey("sk-test-key");

        HttpResult missing = client.postJson(upstream.baseUrl() + "/chat/completions",
                TestRequests.chat("gpt-4o"), Map.of());
        HttpResult wrong = client.postJson(upstream.baseUrl() + "/chat/completions",
                TestRequests.chat("gpt-4o"), Map.of("Authorization", "Bearer sk-wrong-key-123456"));
        HttpResult right = client.postJson(upstream.baseUrl() + "/chat/completions",
                TestRequests.chat("gpt-4o"), TestRequests.AUTH);

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().at("/error/message").asText()).startsWith("You didn't provide an API key");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().at("/error/code").asText()).isEqualTo("invalid_api_key");
        assertThat(wrong.json().at("/error/message").asText()).doesNotContain("sk-wrong-key-123456");
        assertThat(right.status()).isEqualTo(200);
    }

    @Test
    void unreachableUrlRefusesConnections() {
        String url = FakeOpenAi.unreachableUrl();

        assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/v1");
        assertThatThrownBy(() -> client.postJson(url + "/chat/completions", TestRequests.chat("gpt-4o"), Map.of()))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(ConnectException.class);
    }

    private static HttpResult chat() {
        return client.postJson(upstream.baseUrl() + "/chat/completions", TestRequests.chat("gpt-4o"), Map.of());
    }
}
