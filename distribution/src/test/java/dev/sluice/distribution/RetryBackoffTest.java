package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.FakeOpenAi;
import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries of the same target wait out its {@code Retry-After}, or skip it when it asks too much. */
class RetryBackoffTest {
    private static final String ASK = "{\"model\":\"solo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private FakeOpenAi upstream;
    private RunningGateway gateway;
    private SseClient client;

    @BeforeEach
    void start() {
        upstream = FakeOpenAi.start().reply("second time lucky");
        gateway = RunningGateway.start("""
                providers:
                  - { name: only, type: openai, base_url: "%s", api_key: sk-only }
                models:
                  - name: solo
                    targets: [{ provider: only, model: gpt-4o }]
                    failover: { max_attempts: 3, retries: 2, backoff: { initial: 50ms, max: 3s } }
                """.formatted(upstream.baseUrl()));
        client = new SseClient(Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() {
        client.close();
        gateway.close();
        upstream.close();
    }

    @Test
    void aRetryOfTheSameTargetComesNoSoonerThanItsRetryAfter() {
        upstream.failNext(1, 429, Duration.ofMillis(1_500));

        HttpResult result = client.postJson(gateway.url("/v1/chat/completions"), ASK, Map.of());

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.json().path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("second time lucky");
        assertThat(result.header("x-sluice-attempts")).contains("2");
        List<Long> arrivals = upstream.arrivalNanos();
        assertThat(arrivals).hasSize(2);
        assertThat(Duration.ofNanos(arrivals.get(1) - arrivals.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(1_500));
    }

    @Test
    void retriesStopAtMaxAttempts() {
        upstream.failWith(503);

        HttpResult result = client.postJson(gateway.url("/v1/chat/completions"), ASK, Map.of());

        assertThat(result.status()).isEqualTo(502);
        assertThat(result.header("x-sluice-attempts")).contains("3");
        assertThat(upstream.requestCount()).isEqualTo(3);
    }

    @Test
    void aRetryAfterLongerThanTheBackoffMaximumIsNotWaitedForAndTheClientGetsIt() {
        upstream.failNext(1, 429, Duration.ofSeconds(20));

        HttpResult result = client.postJson(gateway.url("/v1/chat/completions"), ASK, Map.of());

        assertThat(result.status()).isEqualTo(429);
        assertThat(result.header("retry-after")).contains("20");
        assertThat(upstream.requestCount()).isEqualTo(1);
    }
}
