package dev.sluice.plugins.audit.otlp;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how long to retry an export the collector asked to be retried (429, 502, 503,
 * 504) or that found no collector: exponential backoff with random jitter, as the OTLP
 * specification asks, and the collector's {@code Retry-After} when it names one.
 *
 * @param maxAttempts tries per batch, the first included; the batch is dropped after the last
 * @param initialBackoff the wait before the first retry; it doubles with each retry
 * @param maxBackoff the longest wait between two tries that the sink chooses itself
 */
record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** The longest {@code Retry-After} honoured: a throttling collector cannot park the exporter longer. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(1);

    static final RetryPolicy DEFAULTS = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(5));

    /**
     * The wait before the next try.
     *
     * @param failedAttempts how many tries failed so far (1 after the first)
     * @param retryAfter what the collector asked for, if anything
     */
    Duration delay(int failedAttempts, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get();
            return asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked;
        }
        long cap = Math.max(1, maxBackoff.toNanos());
        long ceiling = Math.min(cap, Math.max(1, initialBackoff.toNanos()));
        for (int i = 1; i < failedAttempts && ceiling < cap; i++) {
            ceiling = ceiling > cap / 2 ? cap : ceiling * 2;
        }
        // Jitter in [ceiling/2, ceiling]: clients that failed together do not retry together.
        long jittered = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        return Duration.ofNanos(jittered);
    }
}
