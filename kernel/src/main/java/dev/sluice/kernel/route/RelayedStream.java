package dev.sluice.kernel.route;

import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.NativeEvents;
import dev.sluice.spi.model.ChatChunk;
import java.time.Duration;
import java.util.Optional;

/**
 * The stream the router hands back once an attempt's first chunk arrived: it replays that chunk,
 * then pulls the rest, counting the time spent waiting for the upstream, watching for stalls, and
 * telling the target's health when the stream breaks after it started. Past the first chunk there
 * is no switch to another target: a failure is thrown, and the inbound API ends the stream with an
 * error event in the client's format.
 */
final class RelayedStream implements ChunkStream {
    private final ChunkStream inner;
    private final Exchange exchange;
    private final Candidate candidate;
    private final StallWatch watch;
    private final Duration stallLimit;
    private Optional<ChatChunk> first;

    RelayedStream(Optional<ChatChunk> first, ChunkStream inner, Exchange exchange, Candidate candidate,
            StallWatch watch, Duration stallLimit) {
        this.first = first;
        this.inner = inner;
        this.exchange = exchange;
        this.candidate = candidate;
        this.watch = watch;
        this.stallLimit = stallLimit;
    }

    /** A relayed stream; it keeps handing out the upstream's own events when it has them. */
    static RelayedStream of(Optional<ChatChunk> first, ChunkStream inner, Exchange exchange, Candidate candidate,
            StallWatch watch, Duration stallLimit) {
        return new RelayedStream(first, inner, exchange, candidate, watch, stallLimit);
    }

    /** The chunks pass unchanged, so the upstream's own events stand for them too. */
    @Override
    public Optional<NativeEvents> nativeEvents() {
        return inner.nativeEvents();
    }

    @Override
    public Optional<ChatChunk> next() {
        if (first != null) {
            Optional<ChatChunk> out = first;
            first = null;
            return out;
        }
        long start = System.nanoTime();
        Optional<ChatChunk> chunk;
        try {
            if (watch != null) {
                watch.waiting();
            }
            chunk = inner.next();
        } catch (GatewayException e) {
            candidate.brokeAfterStart();
            throw stalled() ? TimeoutErrors.stalled(candidate.target(), stallLimit) : e;
        } finally {
            if (watch != null) {
                watch.received();
            }
            exchange.addUpstreamNanos(System.nanoTime() - start);
        }
        if (stalled()) {
            candidate.brokeAfterStart();
            throw TimeoutErrors.stalled(candidate.target(), stallLimit);
        }
        if (chunk.isEmpty() && watch != null) {
            watch.stop();
        }
        return chunk;
    }

    @Override
    public Optional<byte[]> jsonOf(ChatChunk chunk) {
        return inner.jsonOf(chunk);
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.stop();
        }
        inner.close();
    }

    private boolean stalled() {
        return watch != null && watch.stalled();
    }
}
