package dev.sluice.kernel.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.kernel.route.health.TargetStats;
import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetHealth;
import dev.sluice.spi.config.Settings;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Extensions see the health the router records, through {@link GatewayContext#health(Target)}. */
class KernelContextTest {
    private final KernelContext context = new KernelContext(Clock.systemUTC(), name -> Optional.empty());
    private final Target target = new Target("openai", "gpt-4o", 1, Settings.empty("t"));

    @Test
    void aTargetWithoutTrafficIsUnknown() {
        assertThat(context.health(target)).isEqualTo(TargetHealth.UNKNOWN);
    }

    @Test
    void theHealthOfATrackedTargetReflectsItsAttempts() {
        TargetStats stats = context.routing().health().register("openai/gpt-4o");
        stats.success(Duration.ofMillis(300).toNanos(), false, false);
        stats.success(Duration.ofMillis(80).toNanos(), true, false);
        for (int i = 0; i < 10; i++) {
            stats.failure(false);
        }

        TargetHealth health = context.health(target);

        assertThat(health.state()).isEqualTo(TargetHealth.State.OPEN);
        assertThat(health.available()).isFalse();
        assertThat(health.requests()).isEqualTo(12);
        assertThat(health.errorRate()).isCloseTo(10 / 12.0, org.assertj.core.data.Offset.offset(0.001));
        assertThat(health.latency()).isEqualTo(Duration.ofMillis(300));
        assertThat(health.firstToken()).isEqualTo(Duration.ofMillis(80));
    }
}
