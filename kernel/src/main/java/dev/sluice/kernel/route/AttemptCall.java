package dev.sluice.kernel.route;

import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.Provider;
import dev.sluice.spi.Result;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.EmbeddingRequest;
import dev.sluice.spi.model.ModelRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One attempt of one target: the provider call up to a complete answer, or up to a stream's first
 * chunk. It runs either on the request's own thread, or, when it may have to be abandoned (a
 * deadline or hedging applies), on a virtual thread of its own that the request thread can
 * interrupt: interrupting a virtual thread blocked on a socket closes the socket, so the upstream
 * connection is dropped rather than returned to the pool. An answer that arrives after the
 * attempt was abandoned is released (a stream is closed).
 *
 * <p>The provider gets the request's exchange on the attempt's thread. The request thread waits
 * while it runs, and takes the result through a queue, which orders their memory effects. A
 * hedged or abandoned attempt may still write the exchange concurrently; what providers write
 * there (the answer's JSON, its native form) is matched to the answer by identity, so a loser's
 * writes never stand for the winner's answer.
 */
final class AttemptCall {
    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int ABANDONED = 2;

    private final Candidate candidate;
    private final boolean probe;
    private final long startNanos;
    private final long deadlineNanos;
    private final AtomicInteger phase = new AtomicInteger(RUNNING);
    private volatile Thread thread;
    private volatile long endNanos;
    private volatile Result result;
    private volatile Throwable failure;

    /**
     * @param candidate the target
     * @param probe whether the attempt holds the target's breaker probe
     * @param startNanos when it starts
     * @param deadlineNanos when it is abandoned ({@link Long#MAX_VALUE} for never)
     */
    AttemptCall(Candidate candidate, boolean probe, long startNanos, long deadlineNanos) {
        this.candidate = candidate;
        this.probe = probe;
        this.startNanos = startNanos;
        this.deadlineNanos = deadlineNanos;
    }

    Candidate candidate() {
        return candidate;
    }

    boolean probe() {
        return probe;
    }

    long startNanos() {
        return startNanos;
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    /** When the call returned; meaningful once it has. */
    long endNanos() {
        return endNanos;
    }

    /** The answer, when the call succeeded. */
    Result result() {
        return result;
    }

    /** Why the call failed, or null when it succeeded. */
    Throwable failure() {
        return failure;
    }

    /** Runs the call on the current thread. */
    void runHere(Provider provider, ModelRequest request, Exchange exchange, Optional<Duration> stall) {
        call(provider, request, exchange, stall);
        phase.set(DONE);
    }

    /** Runs the call on a virtual thread of its own; the attempt is put in {@code done} when it returns. */
    void runApart(Provider provider, ModelRequest request, Exchange exchange, Optional<Duration> stall,
            BlockingQueue<AttemptCall> done) {
        Thread t = Thread.ofVirtual().name("sluice-attempt").unstarted(() -> {
            call(provider, request, exchange, stall);
            if (phase.compareAndSet(RUNNING, DONE)) {
                done.add(this);
            } else {
                release();
            }
        });
        thread = t;
        t.start();
    }

    /**
     * Gives up on the attempt: interrupts its call if it still runs, or releases its answer if it
     * came too late to be used. Idempotent.
     */
    void abandon() {
        if (phase.compareAndSet(RUNNING, ABANDONED)) {
            Thread t = thread;
            if (t != null) {
                t.interrupt();
            }
        } else if (phase.compareAndSet(DONE, ABANDONED)) {
            release();
        }
    }

    private void call(Provider provider, ModelRequest request, Exchange exchange, Optional<Duration> stall) {
        try {
            result = invoke(provider, request, exchange, stall);
        } catch (Throwable t) {
            failure = t;
        }
        endNanos = System.nanoTime();
    }

    private void release() {
        if (result instanceof Result.Stream stream) {
            stream.chunks().close();
        }
    }

    private Result invoke(Provider provider, ModelRequest request, Exchange exchange, Optional<Duration> stall) {
        if (request instanceof EmbeddingRequest embeddings) {
            return new Result.Embeddings(provider.embed(embeddings, exchange));
        }
        ChatRequest chat = (ChatRequest) request;
        if (!chat.isStream()) {
            return new Result.Chat(provider.chat(chat, exchange));
        }
        ChunkStream stream = provider.stream(chat, exchange);
        StallWatch watch = stall.map(limit -> StallWatch.start(stream, limit)).orElse(null);
        try {
            if (watch != null) {
                watch.waiting();
            }
            Optional<ChatChunk> first = stream.next();
            if (watch != null) {
                watch.received();
                if (watch.stalled()) {
                    throw TimeoutErrors.stalled(candidate.target(), stall.get());
                }
            }
            return new Result.Stream(RelayedStream.of(first, stream, exchange, candidate, watch,
                    stall.orElse(Duration.ZERO)));
        } catch (RuntimeException e) {
            if (watch != null) {
                watch.stop();
            }
            stream.close();
            if (watch != null && watch.stalled()) {
                throw TimeoutErrors.stalled(candidate.target(), stall.get());
            }
            throw e;
        }
    }
}
