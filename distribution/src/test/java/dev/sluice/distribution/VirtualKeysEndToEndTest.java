package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testkit.FakeOpenAi;
import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Virtual keys, rate limits and the spend API through the real gateway and its built-in plugins:
 * the admin API issues a key, the OpenAI and Anthropic APIs require it, the key's rate limit
 * answers 429 with OpenAI's headers, and spend is reported by the key's team.
 */
class VirtualKeysEndToEndTest {
    private static final String MASTER = "sluice-master-key-for-tests-0001";
    private static final String UPSTREAM_KEY = "sk-upstream-key-0123456789abcdef";
    private static FakeOpenAi upstream;
    private static RunningGateway gateway;
    private static SseClient client;
    private static Path keyFile;

    @BeforeAll
    static void start() throws IOException {
        upstream = FakeOpenAi.start().usage(12, 5);
        keyFile = Files.createTempDirectory("sluice-keys-").resolve("keys.json");
        gateway = RunningGateway.start("""
                providers:
                  - { name: fake, type: openai, base_url: "%s", api_key: "%s" }
                  - { name: mock, type: mock }
                models:
                  - name: smart
                    targets: [{ provider: fake, model: gpt-4o }]
                  - name: echo
                    targets: [{ provider: mock, model: mock-echo }]
                auth:
                  mode: required
                  master_key: ${SLUICE_MASTER_KEY}
                  key_file: %s
                """.formatted(upstream.baseUrl(), UPSTREAM_KEY, keyFile), RunningGateway.dist().resolve("plugins"),
                Map.of("SLUICE_MASTER_KEY", MASTER));
        client = new SseClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
        upstream.close();
    }

    private static JsonNode issue(String body) {
        HttpResult created = client.postJson(gateway.url("/admin/keys"), body, Map.of("Authorization", "Bearer " + MASTER));
        assertThat(created.status()).isEqualTo(201);
        return created.json();
    }

    private static String chat(String model) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}";
    }

    @Test
    void aKeyIssuedByTheAdminApiServesTheOpenAiApiAndTheUpstreamNeverSeesIt() {
        String key = issue("{\"name\":\"e2e\",\"team\":\"blue\"}").path("key").asText();

        HttpResult result = client.postJson(gateway.url("/v1/chat/completions"), chat("smart"),
                Map.of("Authorization", "Bearer " + key, "x-sluice-team", "red"));

        assertThat(result.status()).isEqualTo(200);
        assertThat(upstream.lastRequest().header("authorization")).contains("Bearer " + UPSTREAM_KEY);
        JsonNode spend = client.get(gateway.url("/admin/spend?group_by=team"),
                Map.of("Authorization", "Bearer " + MASTER)).json();
        assertThat(spend.path("data").findValuesAsText("team")).contains("blue").doesNotContain("red");
    }

    @Test
    void callsWithoutAValidKeyAreRefusedInEachApisShape() {
        HttpResult openai = client.postJson(gateway.url("/v1/chat/completions"), chat("echo"),
                Map.of("Authorization", "Bearer sk-sluice-unknown"));
        HttpResult anthropic = client.postJson(gateway.url("/v1/messages"),
                "{\"model\":\"echo\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                Map.of("x-api-key", "sk-sluice-unknown"));

        assertThat(openai.status()).isEqualTo(401);
        assertThat(openai.json().path("error").path("code").asText()).isEqualTo("invalid_api_key");
        assertThat(anthropic.status()).isEqualTo(401);
        assertThat(anthropic.json().path("error").path("type").asText()).isEqualTo("authentication_error");
    }

    @Test
    void aKeysRateLimitAnswers429WithRetryAfterAndOpenAiHeaders() {
        String key = issue("{\"rpm\":2}").path("key").asText();
        Map<String, String> auth = Map.of("Authorization", "Bearer " + key);

        HttpResult first = client.postJson(gateway.url("/v1/chat/completions"), chat("echo"), auth);
        client.postJson(gateway.url("/v1/chat/completions"), chat("echo"), auth);
        HttpResult third = client.postJson(gateway.url("/v1/chat/completions"), chat("echo"), auth);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("x-ratelimit-limit-requests")).contains("2");
        assertThat(first.header("x-ratelimit-remaining-requests")).contains("1");
        assertThat(first.header("x-ratelimit-reset-requests")).isPresent();
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.header("Retry-After")).isPresent();
        assertThat(third.json().path("error").path("code").asText()).isEqualTo("rate_limit_exceeded");
    }

    @Test
    void aRevokedKeyIsRefusedAndTheKeyFileHoldsNoKey() throws IOException {
        JsonNode created = issue("{}");
        String key = created.path("key").asText();
        client.postJson(gateway.url("/admin/keys/" + created.path("id").asText() + "/revoke"), "",
                Map.of("Authorization", "Bearer " + MASTER));

        HttpResult refused = client.postJson(gateway.url("/v1/chat/completions"), chat("echo"),
                Map.of("Authorization", "Bearer " + key));

        assertThat(refused.status()).isEqualTo(401);
        assertThat(Files.readString(keyFile)).doesNotContain(key).contains(created.path("id").asText());
    }
}
