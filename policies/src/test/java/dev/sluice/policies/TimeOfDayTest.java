package dev.sluice.policies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.kernel.js.PolicyProbe;
import dev.sluice.kernel.js.PolicyTester;
import dev.sluice.spi.TargetHealth;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeOfDayTest {
    private static final PolicyTester POLICY = Examples.policy("time-of-day.js");
    private static final List<String> TARGETS = List.of("openai/gpt-4o", "openai/gpt-4o-mini", "mock/small");
    // Monday 2 March 2026.
    private static final Instant MONDAY_10_UTC = Instant.parse("2026-03-02T10:00:00Z");

    private static PolicyProbe at(Instant time) {
        return Examples.chat("hello").withTargets(TARGETS).at(time)
                .withHealth("openai/gpt-4o", healthy(900))
                .withHealth("openai/gpt-4o-mini", healthy(300))
                .withHealth("mock/small", healthy(50));
    }

    private static TargetHealth healthy(long latencyMs) {
        return new TargetHealth(TargetHealth.State.HEALTHY, 20, 0, Duration.ofMillis(latencyMs), Duration.ZERO,
                Duration.ofMillis(latencyMs * 2));
    }

    @Test
    void inBusinessHoursTheFastestTargetGoesFirst() {
        assertThat(POLICY.route(at(MONDAY_10_UTC)).order())
                .containsExactly("mock/small", "openai/gpt-4o-mini", "openai/gpt-4o");
    }

    @Test
    void atNightOnlyTheCheapTargetsServe() {
        assertThat(POLICY.route(at(Instant.parse("2026-03-02T23:30:00Z"))).order())
                .containsExactlyInAnyOrder("openai/gpt-4o-mini", "mock/small");
    }

    @Test
    void theWeekendIsOutsideBusinessHours() {
        assertThat(POLICY.route(at(Instant.parse("2026-03-07T10:00:00Z"))).order())
                .doesNotContain("openai/gpt-4o");
    }

    @Test
    void businessHoursFollowTheConfiguredZone() {
        // 10:00 UTC is 19:00 in Tokyo: closed there.
        assertThat(POLICY.route(at(MONDAY_10_UTC).inZone(ZoneId.of("Asia/Tokyo"))).order())
                .doesNotContain("openai/gpt-4o");
    }
}
