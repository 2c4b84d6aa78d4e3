package dev.sluice.plugins.audit.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(5));

    @Test
    void backoffDoublesWithJitterUpToTheCap() {
        for (int i = 0; i < 100; i++) {
            assertThat(policy.delay(1, Optional.empty())).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
            assertThat(policy.delay(2, Optional.empty())).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
            assertThat(policy.delay(3, Optional.empty())).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
            assertThat(policy.delay(4, Optional.empty())).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(5));
            assertThat(policy.delay(60, Optional.empty())).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(5));
        }
    }

    @Test
    void retryAfterOfTheCollectorWins() {
        assertThat(policy.delay(1, Optional.of(Duration.ofSeconds(30)))).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delay(3, Optional.of(Duration.ZERO))).isEqualTo(Duration.ZERO);
    }

    @Test
    void retryAfterIsBoundedToAMinute() {
        assertThat(policy.delay(1, Optional.of(Duration.ofHours(2)))).isEqualTo(RetryPolicy.MAX_RETRY_AFTER);
    }
}
