package dev.sluice.kernel.route.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.kernel.config.GatewayConfig.HealthConfig;
import dev.sluice.spi.TargetHealth;
import dev.sluice.spi.TargetHealth.State;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The breaker and window of one target, on a clock the test moves. */
class TargetStatsTest {
    private static final long MS = 1_000_000L;
    private static final HealthConfig CONFIG = new HealthConfig(Duration.ofSeconds(60), 10, 0.5,
            Duration.ofSeconds(30), Optional.empty());

    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final HealthTracker tracker = new HealthTracker(Clock.systemUTC(), now::get);

    private TargetStats stats(HealthConfig config) {
        tracker.configure(config);
        return tracker.register("p/m");
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    private static void fail(TargetStats s, int times) {
        for (int i = 0; i < times; i++) {
            s.failure(false);
        }
    }

    private static void succeed(TargetStats s, int times, long latencyNanos) {
        for (int i = 0; i < times; i++) {
            s.success(latencyNanos, false, false);
        }
    }

    @Test
    void breakerOpensWhenTheErrorRateReachesTheThresholdOverEnoughRequests() {
        TargetStats s = stats(CONFIG);
        succeed(s, 5, 10 * MS);
        fail(s, 4);
        assertThat(s.state()).isNotEqualTo(State.OPEN);

        fail(s, 1);

        assertThat(s.state()).isEqualTo(State.OPEN);
        assertThat(s.breaker().reason()).contains("50% of 10 attempts failed");
    }

    @Test
    void breakerStaysClosedWithFewerThanMinRequestsEvenWhenAllFail() {
        TargetStats s = stats(CONFIG);

        fail(s, 9);

        assertThat(s.state()).isNotEqualTo(State.OPEN);
    }

    @Test
    void halfTheErrorRateThresholdMarksTheTargetDegraded() {
        TargetStats s = stats(CONFIG);
        succeed(s, 7, 10 * MS);
        fail(s, 3);

        assertThat(s.state()).isEqualTo(State.DEGRADED);
    }

    @Test
    void openBreakerHalfOpensAfterItsCooldownAndLetsOneProbeThrough() {
        TargetStats s = stats(CONFIG);
        fail(s, 10);
        assertThat(s.tryProbe()).as("no probe while cooling down").isFalse();
        advance(Duration.ofSeconds(29));
        assertThat(s.state()).isEqualTo(State.OPEN);
        assertThat(s.cooldownLeftNanos()).isEqualTo(Duration.ofSeconds(1).toNanos());

        advance(Duration.ofSeconds(1));

        assertThat(s.state()).isEqualTo(State.HALF_OPEN);
        assertThat(s.tryProbe()).isTrue();
        assertThat(s.tryProbe()).as("a second probe while the first runs").isFalse();
    }

    @Test
    void aSuccessfulProbeClosesTheBreakerAndStartsAFreshWindow() {
        TargetStats s = stats(CONFIG);
        fail(s, 10);
        advance(Duration.ofSeconds(30));
        assertThat(s.tryProbe()).isTrue();

        s.success(20 * MS, false, true);

        assertThat(s.state()).isEqualTo(State.HEALTHY);
        assertThat(s.totals().requests()).isEqualTo(1);
        assertThat(s.totals().errors()).isZero();
        assertThat(s.tryProbe()).as("a closed breaker has no probe to take").isFalse();
    }

    @Test
    void aFailedProbeOpensTheBreakerForAnotherCooldown() {
        TargetStats s = stats(CONFIG);
        fail(s, 10);
        advance(Duration.ofSeconds(30));
        assertThat(s.tryProbe()).isTrue();

        s.failure(true);

        assertThat(s.state()).isEqualTo(State.OPEN);
        assertThat(s.breaker().reason()).isEqualTo("the probe failed");
        advance(Duration.ofSeconds(29));
        assertThat(s.state()).isEqualTo(State.OPEN);
        advance(Duration.ofSeconds(1));
        assertThat(s.state()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void aLateSuccessOfAnAttemptStartedBeforeTheBreakerOpenedDoesNotCloseIt() {
        TargetStats s = stats(CONFIG);
        fail(s, 10);

        s.success(5 * MS, false, false);

        assertThat(s.state()).isEqualTo(State.OPEN);
    }

    @Test
    void attemptsOlderThanTheWindowNoLongerCount() {
        TargetStats s = stats(CONFIG);
        fail(s, 4);
        advance(Duration.ofSeconds(61));
        succeed(s, 6, 10 * MS);

        fail(s, 4);

        assertThat(s.totals().requests()).isEqualTo(10);
        assertThat(s.state()).as("4 of 10 in the window").isEqualTo(State.DEGRADED);
    }

    @Test
    void aP95AtTheLatencyThresholdOpensTheBreakerAndHalfOfItDegrades() {
        TargetStats s = stats(new HealthConfig(Duration.ofSeconds(60), 10, 0.5, Duration.ofSeconds(30),
                Optional.of(Duration.ofSeconds(2))));
        succeed(s, 10, 1_200 * MS);
        advance(Duration.ofSeconds(1));
        assertThat(s.state()).isEqualTo(State.DEGRADED);

        succeed(s, 10, 5_000 * MS);

        assertThat(s.state()).isEqualTo(State.OPEN);
        assertThat(s.breaker().reason()).contains("latency threshold");
    }

    @Test
    void aStreamThatBreaksAfterItStartedTurnsItsSuccessIntoAnError() {
        TargetStats s = stats(CONFIG);
        s.success(50 * MS, true, false);

        s.brokeAfterStart();

        assertThat(s.totals().requests()).isEqualTo(1);
        assertThat(s.totals().errors()).isEqualTo(1);
    }

    @Test
    void completeAnswersAndFirstChunksKeepSeparateTypicalLatencies() {
        TargetStats s = stats(CONFIG);
        s.success(1_000 * MS, false, false);
        s.success(100 * MS, true, false);
        s.success(200 * MS, true, false);

        TargetHealth h = tracker.health("p/m");

        assertThat(h.latency()).isEqualTo(Duration.ofMillis(1_000));
        assertThat(h.firstToken()).isEqualTo(Duration.ofMillis(120));
        assertThat(h.typical(true)).isEqualTo(Duration.ofMillis(120));
        assertThat(h.typical(false)).isEqualTo(Duration.ofMillis(1_000));
    }

    @Test
    void theP95IsEstimatedWithinItsBucket() {
        TargetStats s = stats(CONFIG);
        succeed(s, 95, 100 * MS);
        succeed(s, 5, 4_000 * MS);

        Duration p95 = s.p95().orElseThrow();

        assertThat(p95).isBetween(Duration.ofMillis(70), Duration.ofMillis(100));
    }

    @Test
    void anUntrackedTargetIsUnknown() {
        assertThat(tracker.health("other/x")).isEqualTo(TargetHealth.UNKNOWN);
    }

    @Test
    void aReportOfAnOpenBreakerNamesWhenItOpenedAndWhenItProbes() {
        TargetStats s = stats(CONFIG);
        fail(s, 10);
        advance(Duration.ofSeconds(10));

        HealthTracker.HealthReport report = tracker.report(s);

        assertThat(report.health().state()).isEqualTo(State.OPEN);
        assertThat(Duration.between(report.openedAt().orElseThrow(), report.nextProbeAt().orElseThrow()))
                .isBetween(Duration.ofSeconds(29), Duration.ofSeconds(31));
    }

    @Test
    void retainForgetsTargetsNoRouteUses() {
        stats(CONFIG);
        tracker.register("q/m");

        tracker.retain(java.util.List.of("q/m"));

        assertThat(tracker.find("p/m")).isEmpty();
        assertThat(tracker.find("q/m")).isPresent();
    }
}
