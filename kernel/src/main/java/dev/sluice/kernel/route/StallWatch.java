package dev.sluice.kernel.route;

import dev.sluice.spi.ChunkStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Watches one upstream stream for stalls: while its reader waits in {@code next()} for longer
 * than the limit, the stream is closed from the watchdog, which unblocks the read; the reader
 * then sees {@link #stalled()} and reports a timeout instead of an end. Time the reader spends
 * elsewhere (writing to a slow client) never counts as a stall.
 *
 * <p>All watches share one daemon thread that only compares timestamps; the close itself runs on
 * a virtual thread. Per chunk, the reader pays two volatile writes.
 */
final class StallWatch implements Runnable {
    private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

    private final ChunkStream stream;
    private final long limitNanos;
    private final ScheduledFuture<?> task;
    private volatile long waitingSince;
    private volatile boolean stalled;

    private StallWatch(ChunkStream stream, Duration limit) {
        this.stream = stream;
        this.limitNanos = limit.toNanos();
        long period = Math.clamp(limit.toMillis() / 4, 10, 1_000);
        this.task = WATCHDOG.scheduleAtFixedRate(this, period, period, TimeUnit.MILLISECONDS);
    }

    /** Starts watching; call {@link #stop()} when the stream is done. */
    static StallWatch start(ChunkStream stream, Duration limit) {
        return new StallWatch(stream, limit);
    }

    /** The reader is about to wait for the next chunk. */
    void waiting() {
        waitingSince = System.nanoTime();
    }

    /** The reader has its chunk (or an end). */
    void received() {
        waitingSince = 0;
    }

    /** Whether the watchdog closed the stream for stalling. */
    boolean stalled() {
        return stalled;
    }

    /** Stops watching; idempotent. */
    void stop() {
        task.cancel(false);
    }

    @Override
    public void run() {
        long since = waitingSince;
        if (since != 0 && !stalled && System.nanoTime() - since >= limitNanos) {
            stalled = true;
            task.cancel(false);
            Thread.ofVirtual().name("sluice-stall-close").start(stream::close);
        }
    }

    private static ScheduledThreadPoolExecutor watchdog() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "sluice-stall-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
