package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testkit.FakeOpenAi;
import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A failing target's breaker opens and the target stops receiving requests; after its cooldown
 * one probe goes through, and its outcome closes or reopens the breaker. {@code GET /admin/health}
 * shows each state.
 */
class CircuitBreakerTest {
    private static final String ASK = "{\"model\":\"main\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private FakeOpenAi primary;
    private FakeOpenAi backup;
    private RunningGateway gateway;
    private SseClient client;

    @BeforeEach
    void start() {
        primary = FakeOpenAi.start().reply("from the primary");
        backup = FakeOpenAi.start().reply("from the backup");
        client = new SseClient(Duration.ofSeconds(20));
    }

    private void startGateway(String cooldown) {
        gateway = RunningGateway.start("""
                providers:
                  - { name: primary, type: openai, base_url: "%s", api_key: sk-a }
                  - { name: backup,  type: openai, base_url: "%s", api_key: sk-b }
                models:
                  - name: main
                    targets:
                      - { provider: primary, model: gpt-4o }
                      - { provider: backup, model: gpt-4o-mini }
                routing:
                  health: { window: 60s, min_requests: 4, error_rate: 0.5, cooldown: %s }
                """.formatted(primary.baseUrl(), backup.baseUrl(), cooldown));
    }

    @AfterEach
    void stop() {
        client.close();
        if (gateway != null) {
            gateway.close();
        }
        primary.close();
        backup.close();
    }

    private HttpResult ask() {
        return client.postJson(gateway.url("/v1/chat/completions"), ASK, Map.of());
    }

    private JsonNode target(String provider) {
        HttpResult health = client.get(gateway.url("/admin/health"), Map.of());
        assertThat(health.status()).isEqualTo(200);
        for (JsonNode route : health.json().path("routes")) {
            for (JsonNode target : route.path("targets")) {
                if (target.path("provider").asText().equals(provider)) {
                    return target;
                }
            }
        }
        throw new AssertionError("no target " + provider + " in " + health.body());
    }

    private void openThePrimarysBreaker() {
        primary.failWith(500);
        for (int i = 0; i < 4; i++) {
            HttpResult result = ask();
            assertThat(result.header("x-sluice-provider")).contains("backup");
            assertThat(result.header("x-sluice-attempts")).contains("2");
        }
        assertThat(primary.requestCount()).isEqualTo(4);
    }

    private void awaitHalfOpen() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!target("primary").path("state").asText().equals("HALF_OPEN")) {
            assertThat(System.nanoTime()).as("the breaker half-opens after its cooldown").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void anOpenBreakerKeepsRequestsAwayFromTheFailingTarget() {
        startGateway("60s");
        openThePrimarysBreaker();

        for (int i = 0; i < 5; i++) {
            HttpResult result = ask();
            assertThat(result.status()).isEqualTo(200);
            assertThat(result.header("x-sluice-provider")).contains("backup");
            assertThat(result.header("x-sluice-attempts")).as("an open target is not an attempt").contains("1");
        }
        assertThat(primary.requestCount()).as("the failing target got no more requests").isEqualTo(4);
        JsonNode health = target("primary");
        assertThat(health.path("state").asText()).isEqualTo("OPEN");
        assertThat(health.path("requests").asInt()).isEqualTo(4);
        assertThat(health.path("error_rate").asDouble()).isEqualTo(1.0);
        assertThat(health.has("opened_at")).isTrue();
        assertThat(health.has("next_probe_at")).isTrue();
        assertThat(target("backup").path("state").asText()).isEqualTo("HEALTHY");
    }

    @Test
    void afterTheCooldownASuccessfulProbeClosesTheBreaker() throws InterruptedException {
        startGateway("1s");
        openThePrimarysBreaker();
        primary.stopFailing();
        awaitHalfOpen();

        HttpResult probe = ask();

        assertThat(probe.header("x-sluice-provider")).contains("primary");
        assertThat(primary.requestCount()).isEqualTo(5);
        assertThat(target("primary").path("state").asText()).isEqualTo("HEALTHY");
        assertThat(ask().header("x-sluice-provider")).contains("primary");
    }

    @Test
    void afterTheCooldownAFailedProbeOpensTheBreakerAgain() throws InterruptedException {
        startGateway("1s");
        openThePrimarysBreaker();
        Instant firstOpened = Instant.parse(target("primary").path("opened_at").asText());
        awaitHalfOpen();

        HttpResult probe = ask();

        assertThat(probe.header("x-sluice-provider")).contains("backup");
        assertThat(probe.header("x-sluice-attempts")).contains("2");
        assertThat(primary.requestCount()).isEqualTo(5);
        JsonNode health = target("primary");
        assertThat(health.path("reason").asText()).isEqualTo("the probe failed");
        assertThat(Instant.parse(health.path("opened_at").asText())).as("a new cooldown started").isAfter(firstOpened);
    }
}
