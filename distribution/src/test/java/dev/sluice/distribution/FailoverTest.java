package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.FakeOpenAi;
import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import dev.sluice.testkit.SseEvent;
import dev.sluice.testkit.SseStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fallback strategy moves to the next target on connection failures, 5xx and 429. */
class FailoverTest {
    private static final String SECRET_A = "sk-primary-secret-aaaaaaaaaaaaaaaa";
    private static final String SECRET_B = "sk-backup-secret-bbbbbbbbbbbbbbbbb";
    private static final String ASK = "{\"model\":\"main\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private FakeOpenAi backup;
    private SseClient client;

    @BeforeEach
    void start() {
        backup = FakeOpenAi.start().reply("from the backup");
        client = new SseClient();
    }

    @AfterEach
    void stop() {
        client.close();
        backup.close();
    }

    private RunningGateway gateway(String primaryUrl, String backupUrl) {
        return RunningGateway.start("""
                providers:
                  - { name: primary, type: openai, base_url: "%s", api_key: "%s", connect_timeout: 2s }
                  - { name: backup,  type: openai, base_url: "%s", api_key: "%s", connect_timeout: 2s }
                models:
                  - name: main
                    strategy: fallback
                    targets:
                      - { provider: primary, model: gpt-4o }
                      - { provider: backup, model: gpt-4o-mini, weight: 0 }
                """.formatted(primaryUrl, SECRET_A, backupUrl, SECRET_B));
    }

    @Test
    void aPrimaryThatIsDownFailsOverToTheBackup() {
        try (RunningGateway gateway = gateway(FakeOpenAi.unreachableUrl(), backup.baseUrl())) {
            HttpResult result = client.postJson(gateway.url("/v1/chat/completions"), ASK, Map.of());

            assertThat(result.status()).isEqualTo(200);
            assertThat(result.json().path("choices").get(0).path("message").path("content").asText())
                    .isEqualTo("from the backup");
            assertThat(result.header("x-sluice-provider")).contains("backup");
            assertThat(result.header("x-sluice-attempts")).contains("2");
        }
    }

    @Test
    void aPrimaryAnswering500FailsOverToTheBackup() {
        try (FakeOpenAi primary = FakeOpenAi.start().failWith(500);
                RunningGateway gateway = gateway(primary.baseUrl(), backup.baseUrl())) {
            HttpResult result = client.postJson(gateway.url("/v1/chat/completions"), ASK, Map.of());

            assertThat(result.status()).isEqualTo(200);
            assertThat(primary.requestCount()).isEqualTo(1);
            assertThat(backup.lastRequest().model()).isEqualTo("gpt-4o-mini");
        }
    }

    @Test
    void aRateLimitedPrimaryFailsOverForStreamsToo() {
        try (FakeOpenAi primary = FakeOpenAi.start().failWith(429, Duration.ofSeconds(7));
                RunningGateway gateway = gateway(primary.baseUrl(), backup.baseUrl())) {
            String ask = ASK.replace("{\"model\"", "{\"stream\":true,\"model\"");
            try (SseStream stream = client.postStream(gateway.url("/v1/chat/completions"), ask, Map.of())) {
                List<SseEvent> events = stream.readToEnd(Duration.ofSeconds(10));

                assertThat(stream.status()).isEqualTo(200);
                assertThat(stream.header("x-sluice-provider")).contains("backup");
                assertThat(events).last().matches(SseEvent::isDone);
            }
        }
    }

    @Test
    void whenEveryTargetIsDownTheClientGets502NamingNoSecret() {
        try (FakeOpenAi primary = FakeOpenAi.start().failWith(503);
                RunningGateway gateway = gateway(primary.baseUrl(), FakeOpenAi.unreachableUrl())) {
            HttpResult result = client.postJson(gateway.url("/v1/chat/completions"), ASK, Map.of());

            assertThat(result.status()).isEqualTo(502);
            String message = result.json().path("error").path("message").asText();
            assertThat(message).contains("primary/gpt-4o").contains("503").contains("backup/gpt-4o-mini");
            assertThat(result.body()).doesNotContain(SECRET_A).doesNotContain(SECRET_B)
                    .doesNotContain(SECRET_A.substring(3, 20)).doesNotContain(SECRET_B.substring(3, 20));
            assertThat(result.json().path("error").path("type").asText()).isEqualTo("server_error");
            assertThat(result.header("x-sluice-attempts")).contains("2");
            assertThat(result.header("x-sluice-route")).contains("main");
        }
    }

    @Test
    void aClientErrorFromTheUpstreamIsNotRetriedElsewhere() {
        try (FakeOpenAi primary = FakeOpenAi.start().failWith(400);
                RunningGateway gateway = gateway(primary.baseUrl(), backup.baseUrl())) {
            HttpResult result = client.postJson(gateway.url("/v1/chat/completions"), ASK, Map.of());

            assertThat(result.status()).isEqualTo(400);
            assertThat(backup.requestCount()).isZero();
        }
    }

    @Test
    void whenEveryTargetIsRateLimitedTheClientGets429WithTheSoonestRetryAfter() {
        try (FakeOpenAi primary = FakeOpenAi.start().failWith(429, Duration.ofSeconds(30));
                RunningGateway gateway = gateway(primary.baseUrl(), backup.baseUrl())) {
            backup.failWith(429, Duration.ofSeconds(4));
            HttpResult result = client.postJson(gateway.url("/v1/chat/completions"), ASK, Map.of());

            assertThat(result.status()).isEqualTo(429);
            assertThat(result.header("retry-after")).contains("4");
            assertThat(result.json().path("error").path("type").asText()).isEqualTo("rate_limit_error");
        }
    }
}
