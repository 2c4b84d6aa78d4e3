package dev.sluice.plugins.cache.exact;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Instant;

/**
 * Caffeine's time source read from the gateway's clock: nanoseconds since the store opened. A
 * test that moves the gateway's clock moves expiry with it. Counting from the opening keeps the
 * values small, far from overflow whatever the TTLs.
 */
final class ClockTicker implements Ticker {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Clock clock;
    private final Instant origin;

    ClockTicker(Clock clock) {
        this.clock = clock;
        this.origin = clock.instant();
    }

    @Override
    public long read() {
        Instant now = clock.instant();
        return (now.getEpochSecond() - origin.getEpochSecond()) * NANOS_PER_SECOND
                + (now.getNano() - origin.getNano());
    }
}
