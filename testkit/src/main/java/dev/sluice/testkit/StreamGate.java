package dev.sluice.testkit;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A gate that parks the fake's streaming responses right after their first content chunk
 * (the role chunk and the first content or tool-call delta have both been written and
 * flushed) until the test calls {@link #release()}.
 *
 * <p>It exists to prove streaming is really streaming: while the upstream is provably not
 * finished, a client of the gateway must already have received the first chunk. Every
 * stream that starts while the gate is closed waits at it; once released, the gate stays
 * open. A stream never waits longer than {@link #MAX_HOLD}, so a test that forgets to
 * release cannot hang the server forever.
 *
 * <p>Thread-safe.
 */
public final class StreamGate {

    /** Upper bound on how long a stream stays parked, as a safety net for forgotten gates. */
    public static final Duration MAX_HOLD = Duration.ofSeconds(60);

    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch firstHeld = new CountDownLatch(1);
    private final AtomicInteger waiting = new AtomicInteger();

    StreamGate() {
    }

    /** Opens the gate: every parked stream continues, and later streams pass without stopping. */
    public void release() {
        released.countDown();
    }

    /** Whether {@link #release()} has been called (or the fake was reset or closed). */
    public boolean isReleased() {
        return released.getCount() == 0;
    }

    /**
     * Waits until at least one stream has flushed its first chunk and is parked at the gate.
     *
     * @return true if a stream reached the gate within the timeout
     */
    public boolean awaitHeld(Duration timeout) throws InterruptedException {
        return firstHeld.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Number of streams parked at the gate right now. */
    public int heldStreams() {
        return waiting.get();
    }

    /** Called by the server thread of a stream: parks until released (or {@link #MAX_HOLD}). */
    void pass() throws InterruptedException {
        if (isReleased()) {
            return;
        }
        waiting.incrementAndGet();
        firstHeld.countDown();
        try {
            released.await(MAX_HOLD.toNanos(), TimeUnit.NANOSECONDS);
        } finally {
            waiting.decrementAndGet();
        }
    }
}
