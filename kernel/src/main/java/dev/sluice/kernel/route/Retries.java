package dev.sluice.kernel.route;

import dev.sluice.kernel.config.GatewayConfig.Backoff;
import dev.sluice.spi.TargetHealth.State;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Chooses a retry, up to {@code failover.retries} per request, once every target of a request was tried: the retryable target tried least
 * often (first in order among equals), after a wait of exponential backoff with full jitter that
 * is never shorter than what the target's {@code Retry-After} still asks. A target is not retried
 * when its breaker is open, when its {@code Retry-After} asks for more than {@code backoff.max},
 * or when the wait would end past the request's time budget.
 */
final class Retries {
    private final Backoff backoff;
    private final int allowed;
    private int count;

    /**
     * @param backoff the waits
     * @param allowed how many retries one request may make
     */
    Retries(Backoff backoff, int allowed) {
        this.backoff = backoff;
        this.allowed = allowed;
    }

    /**
     * A retry to make.
     *
     * @param candidate the target to try again
     * @param waitNanos how long to wait first
     */
    record Retry(Candidate candidate, long waitNanos) {
    }

    /** The next retry, or empty when no target may be retried. Counts the retry. */
    Optional<Retry> pick(List<Candidate> candidates, long now, long budgetEnd) {
        if (count >= allowed) {
            return Optional.empty();
        }
        Candidate best = null;
        long bestWait = 0;
        long jitter = jitter(count + 1);
        for (Candidate c : candidates) {
            if (c.tries() == 0 || !c.retryable() || c.state() == State.OPEN
                    || c.retryAfterNanos() > backoff.max().toNanos()) {
                continue;
            }
            long wait = Math.max(jitter, c.retryAfterLeftNanos(now));
            if (budgetEnd != Long.MAX_VALUE && now + wait >= budgetEnd) {
                continue;
            }
            if (best == null || c.tries() < best.tries()) {
                best = c;
                bestWait = wait;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        count++;
        return Optional.of(new Retry(best, bestWait));
    }

    /** Full jitter: uniformly random between zero and {@code min(max, initial * 2^(retry-1))}. */
    long jitter(int retry) {
        long initial = backoff.initial().toNanos();
        long max = backoff.max().toNanos();
        int shift = Math.min(retry - 1, 40);
        long cap = initial > (max >> shift) ? max : Math.min(max, initial << shift);
        return cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap + 1);
    }
}
