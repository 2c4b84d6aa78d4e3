package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.FakeOpenAi;
import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} shows each target's health as Prometheus gauges, breaker state included. */
class MetricsTest {
    private static final String ASK = "{\"model\":\"main\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private FakeOpenAi primary;
    private FakeOpenAi backup;
    private RunningGateway gateway;
    private SseClient client;

    @BeforeEach
    void start() {
        primary = FakeOpenAi.start();
        backup = FakeOpenAi.start();
        gateway = RunningGateway.start("""
                providers:
                  - { name: primary, type: openai, base_url: "%s", api_key: sk-metrics-secret-a }
                  - { name: backup,  type: openai, base_url: "%s", api_key: sk-metrics-secret-b }
                models:
                  - name: main
                    targets: [{ provider: primary, model: gpt-4o }, { provider: backup, model: gpt-4o-mini }]
                routing:
                  health: { window: 60s, min_requests: 4, error_rate: 0.5, cooldown: 10m }
                """.formatted(primary.baseUrl(), backup.baseUrl()));
        client = new SseClient();
    }

    @AfterEach
    void stop() {
        client.close();
        gateway.close();
        primary.close();
        backup.close();
    }

    /** The metrics once they show {@code line}: window figures refresh a few times a second. */
    private String metricsShowing(String line) throws InterruptedException {
        String text = metrics();
        for (int i = 0; i < 50 && !text.contains(line); i++) {
            Thread.sleep(100);
            text = metrics();
        }
        return text;
    }

    private String metrics() {
        HttpResult result = client.get(gateway.url("/metrics"), Map.of());
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.header("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        return result.body();
    }

    @Test
    void healthyTargetsAreGaugesInPrometheusFormat() throws InterruptedException {
        client.postJson(gateway.url("/v1/chat/completions"), ASK, Map.of());

        String text = metricsShowing("sluice_target_window_requests{target=\"primary/gpt-4o\"} 1");

        assertThat(text).contains("# TYPE sluice_target_state gauge")
                .contains("sluice_target_state{target=\"primary/gpt-4o\"} 0")
                .contains("sluice_target_window_requests{target=\"primary/gpt-4o\"} 1")
                .contains("sluice_target_error_rate{target=\"primary/gpt-4o\"} 0")
                .containsPattern("sluice_target_latency_seconds\\{target=\"primary/gpt-4o\"} [0-9.e-]+")
                .doesNotContain("sk-metrics-secret");
    }

    @Test
    void anOpenBreakerShowsAsState3() throws InterruptedException {
        primary.failWith(500);
        for (int i = 0; i < 4; i++) {
            assertThat(client.postJson(gateway.url("/v1/chat/completions"), ASK, Map.of()).status()).isEqualTo(200);
        }

        String text = metricsShowing("sluice_target_error_rate{target=\"primary/gpt-4o\"} 1");

        assertThat(text).contains("sluice_target_state{target=\"primary/gpt-4o\"} 3")
                .contains("sluice_target_error_rate{target=\"primary/gpt-4o\"} 1")
                .contains("sluice_target_state{target=\"backup/gpt-4o-mini\"} 0");
    }
}
