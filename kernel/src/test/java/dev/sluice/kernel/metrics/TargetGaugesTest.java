package dev.sluice.kernel.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.kernel.route.health.HealthTracker;
import dev.sluice.kernel.route.health.TargetStats;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Target health keeps its gauges, names and format, next to the Micrometer meters. */
class TargetGaugesTest {
    private final HealthTracker tracker = new HealthTracker(Clock.systemUTC());
    private final GatewayMetrics metrics = new GatewayMetrics(tracker);

    @Test
    void eachTrackedTargetIsAGaugeLabelledWithItsTarget() {
        TargetStats stats = tracker.register("openai/gpt-4o");
        stats.success(Duration.ofMillis(250).toNanos(), false, false);
        for (int i = 0; i < 10; i++) {
            stats.failure(false);
        }

        String text = metrics.scrape();

        assertThat(text).contains("# TYPE sluice_target_state gauge\n")
                .contains("sluice_target_state{target=\"openai/gpt-4o\"} 3\n")
                .contains("sluice_target_window_requests{target=\"openai/gpt-4o\"} 11\n")
                .contains("# TYPE sluice_target_error_rate gauge\n")
                .contains("sluice_target_latency_seconds{target=\"openai/gpt-4o\"} 0.25\n")
                .contains("# TYPE sluice_target_first_token_seconds gauge\n")
                .contains("# TYPE sluice_target_latency_p95_seconds gauge\n");
    }

    @Test
    void labelValuesAreEscaped() {
        assertThat(TargetGauges.escape("a\"b\\c\nd")).isEqualTo("a\\\"b\\\\c\\nd");
    }
}
