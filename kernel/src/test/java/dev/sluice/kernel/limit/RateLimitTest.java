package dev.sluice.kernel.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.kernel.state.FixedPrices;
import dev.sluice.kernel.state.GovernedGateway;
import dev.sluice.kernel.state.MutableClock;
import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests and tokens per minute: 429 with Retry-After and OpenAI's headers, and recovery once the window moves on. */
class RateLimitTest {
    private static final String ASK = """
            {"model":"m","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""";

    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-10T12:00:00Z"));
    private final SseClient client = new SseClient();
    private GovernedGateway gateway;

    @AfterEach
    void stop() {
        client.close();
        gateway.close();
    }

    private void start(String limits) {
        gateway = GovernedGateway.start("""
                providers: [{ name: p, type: test-echo }]
                models:
                  - { name: m, strategy: in-order, targets: [{ provider: p, model: x }] }
                  - { name: n, strategy: in-order, targets: [{ provider: p, model: y }] }
                %s
                """.formatted(limits), home, new FixedPrices("p", BigDecimal.ONE, BigDecimal.ONE), clock);
    }

    private HttpResult ask(String team) {
        return client.postJson(gateway.url("/v1/chat/completions"), ASK, Map.of("x-sluice-team", team));
    }

    @Test
    void requestsPerMinuteAreLimitedWithRetryAfterAndRecover() {
        start("limits: [{ scope: team, rpm: 3 }]");

        HttpResult first = ask("blue");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("x-ratelimit-limit-requests")).contains("3");
        assertThat(first.header("x-ratelimit-remaining-requests")).contains("2");
        assertThat(first.header("x-ratelimit-reset-requests")).contains("1m0s");
        clock.advance(Duration.ofSeconds(20));
        ask("blue");
        ask("blue");

        HttpResult limited = ask("blue");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().path("error").path("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(limited.json().path("error").path("type").asText()).isEqualTo("rate_limit_error");
        // The oldest hit leaves the window 40 seconds from now.
        assertThat(limited.header("Retry-After")).contains("40");
        assertThat(limited.header("x-ratelimit-remaining-requests")).contains("0");
        assertThat(ask("red").status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(40));
        assertThat(ask("blue").status()).isEqualTo(200);
    }

    @Test
    void tokensPerMinuteCountTheActualUsage() {
        // A call is estimated at a quarter of its bytes plus max_tokens (over 20 tokens), then counted
        // as the 2 tokens it used: without the correction only one call would fit in 40.
        start("limits: [{ scope: model, id: m, tpm: 40 }]");

        int served = 0;
        HttpResult last = null;
        for (int i = 0; i < 30; i++) {
            last = ask("blue");
            if (last.status() != 200) {
                break;
            }
            served++;
        }
        assertThat(served).isGreaterThan(1);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.header("x-ratelimit-limit-tokens")).contains("40");
        assertThat(last.header("Retry-After")).isPresent();

        clock.advance(Duration.ofSeconds(61));
        assertThat(ask("blue").status()).isEqualTo(200);
    }

    @Test
    void aRefusedRequestIsNotCountedInTheOtherWindows() {
        start("""
                limits:
                  - { scope: team, rpm: 10 }
                  - { scope: model, id: m, rpm: 1 }
                """);
        ask("blue");
        for (int i = 0; i < 5; i++) {
            assertThat(ask("blue").status()).isEqualTo(429);
        }

        HttpResult other = client.postJson(gateway.url("/v1/chat/completions"), ASK.replace("\"m\"", "\"n\""),
                Map.of("x-sluice-team", "blue"));
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.header("x-ratelimit-remaining-requests")).contains("8");
    }
}
