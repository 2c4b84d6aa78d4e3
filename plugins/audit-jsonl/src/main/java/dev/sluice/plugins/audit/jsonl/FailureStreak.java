package dev.sluice.plugins.audit.jsonl;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Failed disk operations of the writer in a row: each one is counted, the first of a streak is
 * logged (a full disk would otherwise log hundreds of times a minute), the end of a streak is
 * logged, and the wait before the next try doubles from 10 ms up to 2 s.
 */
final class FailureStreak {
    private static final Logger LOG = Logger.getLogger(FailureStreak.class.getName());
    static final long FIRST_BACKOFF_MILLIS = 10;
    static final long MAX_BACKOFF_MILLIS = 2_000;

    private final String folder;
    private final AtomicLong failed = new AtomicLong();
    private long streak;
    private long backoff = FIRST_BACKOFF_MILLIS;

    FailureStreak(String folder) {
        this.folder = folder;
    }

    /** Counts a failure and tells how long to wait before trying again, in milliseconds. */
    long failed(String what, Exception e) {
        failed.incrementAndGet();
        if (streak++ == 0) {
            LOG.warning(() -> "audit folder " + folder + ": cannot " + what + " (" + e
                    + "); the records stay queued and are tried again until it works");
        }
        long wait = backoff;
        backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        return wait;
    }

    /** Ends a streak, if there was one. */
    void succeeded() {
        if (streak > 0) {
            long attempts = streak;
            LOG.info(() -> "audit folder " + folder + ": writing again after " + attempts + " failed attempts");
            streak = 0;
            backoff = FIRST_BACKOFF_MILLIS;
        }
    }

    /** Failed attempts since the log opened. */
    long count() {
        return failed.get();
    }
}
