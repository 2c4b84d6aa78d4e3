package dev.sluice.plugins.audit.otlp;

import java.time.Duration;
import java.util.Optional;

/** How one export request ended, sorted the way the OTLP specification says to act on it. */
sealed interface Delivery {

    /** 2xx: accepted; a partial success names how many spans the collector rejected anyway. */
    record Accepted(long rejectedSpans, String message) implements Delivery {
    }

    /** 429, 502, 503, 504 or no answer at all: try again, after {@code retryAfter} when the collector named one. */
    record Retryable(String reason, Optional<Duration> retryAfter) implements Delivery {
    }

    /** Any other status: the collector will not take this batch, so it is dropped and not retried. */
    record Rejected(int status, String message) implements Delivery {
    }
}
