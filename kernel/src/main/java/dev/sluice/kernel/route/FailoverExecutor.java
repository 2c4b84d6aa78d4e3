package dev.sluice.kernel.route;

import dev.sluice.spi.Attempt;
import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.NativeEvents;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.Provider;
import dev.sluice.spi.Result;
import dev.sluice.spi.Target;
import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.EmbeddingRequest;
import dev.sluice.spi.model.ModelRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tries a route's targets in the order its strategy chose until one answers. A target fails over
 * on a connection failure or a configured status; a stream counts as answered only once its first
 * chunk has arrived, so a stream that breaks before any byte reaches the client still fails over.
 * Once bytes have reached the client there is no silent switch.
 */
final class FailoverExecutor {
    private static final Logger LOG = Logger.getLogger(FailoverExecutor.class.getName());

    private FailoverExecutor() {
    }

    static Result execute(Exchange exchange, CompiledRoute route, List<Target> order, Map<String, Provider> providers) {
        int limit = Math.min(order.size(), route.failover().maxAttempts());
        List<String> failures = new ArrayList<>();
        List<UpstreamException> errors = new ArrayList<>();
        for (int i = 0; i < limit; i++) {
            Target target = order.get(i);
            Provider provider = providers.get(target.provider());
            ModelRequest request = exchange.request().withModel(target.model());
            long start = System.nanoTime();
            try {
                Result result = invoke(provider, request, exchange);
                long nanos = System.nanoTime() - start;
                exchange.addUpstreamNanos(nanos);
                exchange.addAttempt(new Attempt(target.provider(), target.model(), 200, Optional.empty(),
                        nanos / 1_000_000));
                exchange.servedBy(target);
                return result;
            } catch (UpstreamException e) {
                long nanos = System.nanoTime() - start;
                exchange.addUpstreamNanos(nanos);
                exchange.addAttempt(new Attempt(target.provider(), target.model(), e.upstreamStatus(),
                        Optional.of(e.getMessage()), nanos / 1_000_000));
                // No answer at all, or an answer that broke before its first chunk (status 2xx), is a
                // failure of the target, not of the request: always worth the next target.
                boolean failOver = e.upstreamStatus() < 300 || route.failover().onStatus().contains(e.upstreamStatus());
                if (!failOver) {
                    throw UpstreamErrors.forClient(e);
                }
                LOG.log(Level.FINE, "request {0}: {1} failed, trying the next target: {2}",
                        new Object[] {exchange.id(), target.label(), e.getMessage()});
                failures.add(target.label() + ": " + e.getMessage());
                errors.add(e);
            }
        }
        if (errors.isEmpty()) {
            throw new GatewayException(ErrorType.UNAVAILABLE, "model '" + route.route().name()
                    + "' has no target to try").withCode("no_target");
        }
        String message = (limit == 1 ? "the only target" : "all " + limit + " targets tried")
                + " of model '" + route.route().name() + "' failed: " + String.join("; ", failures);
        throw exhausted(errors, message);
    }

    /**
     * The error once every target failed: 429 with the soonest {@code Retry-After} when every
     * target was rate-limited, 504 when every target timed out, else 502.
     */
    private static GatewayException exhausted(List<UpstreamException> errors, String message) {
        if (errors.stream().allMatch(e -> e.upstreamStatus() == 429)) {
            GatewayException limited = new GatewayException(ErrorType.RATE_LIMIT, message).withCode("rate_limit_exceeded");
            Optional<java.time.Duration> soonest = errors.stream().flatMap(e -> e.upstreamRetryAfter().stream())
                    .min(java.util.Comparator.naturalOrder());
            return soonest.map(limited::withRetryAfter).orElse(limited);
        }
        if (errors.stream().allMatch(e -> e.type() == ErrorType.TIMEOUT)) {
            return new GatewayException(ErrorType.TIMEOUT, message).withCode("upstream_timeout");
        }
        return new GatewayException(ErrorType.UPSTREAM, message).withCode("upstream_error");
    }

    private static Result invoke(Provider provider, ModelRequest request, Exchange exchange) {
        if (request instanceof EmbeddingRequest embeddings) {
            return new Result.Embeddings(provider.embed(embeddings, exchange));
        }
        ChatRequest chat = (ChatRequest) request;
        if (!chat.isStream()) {
            return new Result.Chat(provider.chat(chat, exchange));
        }
        ChunkStream stream = provider.stream(chat, exchange);
        try {
            Optional<ChatChunk> first = stream.next();
            return new Result.Stream(stream instanceof NativeEvents upstreamEvents
                    ? new NativeTimedStream(first, stream, exchange, upstreamEvents)
                    : new TimedStream(first, stream, exchange));
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /**
     * Replays the chunk read ahead to confirm the stream started, then the rest, counting the time
     * spent waiting for the upstream.
     */
    private static class TimedStream implements ChunkStream {
        private final ChunkStream inner;
        private final Exchange exchange;
        private Optional<ChatChunk> first;

        TimedStream(Optional<ChatChunk> first, ChunkStream inner, Exchange exchange) {
            this.first = first;
            this.inner = inner;
            this.exchange = exchange;
        }

        @Override
        public Optional<ChatChunk> next() {
            if (first != null) {
                Optional<ChatChunk> out = first;
                first = null;
                return out;
            }
            long start = System.nanoTime();
            try {
                return inner.next();
            } finally {
                exchange.addUpstreamNanos(System.nanoTime() - start);
            }
        }

        @Override
        public Optional<byte[]> jsonOf(ChatChunk chunk) {
            return inner.jsonOf(chunk);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    /** A timed stream that still hands out the upstream's own events (see {@link NativeEvents}). */
    private static final class NativeTimedStream extends TimedStream implements NativeEvents {
        private final NativeEvents upstreamEvents;

        NativeTimedStream(Optional<ChatChunk> first, ChunkStream inner, Exchange exchange,
                NativeEvents upstreamEvents) {
            super(first, inner, exchange);
            this.upstreamEvents = upstreamEvents;
        }

        @Override
        public dev.sluice.spi.InboundApi api() {
            return upstreamEvents.api();
        }

        @Override
        public byte[] drainNative() {
            return upstreamEvents.drainNative();
        }
    }
}
