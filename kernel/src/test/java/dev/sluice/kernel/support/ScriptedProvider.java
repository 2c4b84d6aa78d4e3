package dev.sluice.kernel.support;

import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.Provider;
import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.Choice;
import dev.sluice.spi.model.ChunkChoice;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.Usage;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider whose behaviour a test sets and changes: answer after a delay, fail with a status,
 * hang until interrupted, or stream chunks with a stall before or after the first one. Blocking
 * waits end on interrupt or on {@link ChunkStream#close()}, as a socket read does. Thread-safe.
 */
public final class ScriptedProvider implements Provider {
    /** What the next calls do. */
    public enum Mode { ANSWER, FAIL, HANG, STALL_BEFORE_FIRST_CHUNK, STALL_AFTER_FIRST_CHUNK }

    private final String name;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger interrupted = new AtomicInteger();
    private final AtomicInteger closedStreams = new AtomicInteger();
    private volatile Mode mode = Mode.ANSWER;
    private volatile Duration delay = Duration.ZERO;
    private volatile int status;
    private volatile Duration retryAfter;
    private volatile int failuresLeft = Integer.MAX_VALUE;

    public ScriptedProvider(String name) {
        this.name = name;
    }

    public ScriptedProvider answer(Duration after) {
        mode = Mode.ANSWER;
        delay = after;
        return this;
    }

    public ScriptedProvider fail(int httpStatus, Duration retryAfterValue, int times) {
        mode = Mode.FAIL;
        status = httpStatus;
        retryAfter = retryAfterValue;
        failuresLeft = times;
        return this;
    }

    public ScriptedProvider mode(Mode value) {
        mode = value;
        return this;
    }

    public int calls() {
        return calls.get();
    }

    /** Calls whose blocking wait ended because their thread was interrupted. */
    public int interruptedCalls() {
        return interrupted.get();
    }

    /** Streams closed while they were waiting for a chunk. */
    public int closedStreams() {
        return closedStreams.get();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ChatResponse chat(ChatRequest request, Exchange exchange) {
        calls.incrementAndGet();
        before();
        return new ChatResponse("chatcmpl-" + name, ChatResponse.OBJECT, 1, request.model(),
                List.of(new Choice(0, Message.of("assistant", "from " + name), "stop", null, Map.of())),
                Usage.of(1, 1), null, Map.of());
    }

    @Override
    public ChunkStream stream(ChatRequest request, Exchange exchange) {
        calls.incrementAndGet();
        Mode now = mode;
        if (now != Mode.STALL_BEFORE_FIRST_CHUNK && now != Mode.STALL_AFTER_FIRST_CHUNK) {
            before();
        }
        return new Stream(request.model(), now);
    }

    private void before() {
        Mode now = mode;
        if (now == Mode.FAIL) {
            synchronized (this) {
                if (failuresLeft > 0) {
                    failuresLeft--;
                    throw new UpstreamException(status, UpstreamException.isRetryableStatus(status),
                            "provider '" + name + "' answered HTTP " + status, retryAfter, null);
                }
            }
            return;
        }
        if (now == Mode.HANG) {
            block(new CountDownLatch(1), Duration.ofMinutes(5));
        } else if (!delay.isZero()) {
            block(new CountDownLatch(1), delay);
        }
    }

    /** Waits like a socket read: an interrupt ends it with the exception a closed-by-interrupt socket throws. */
    private void block(CountDownLatch latch, Duration max) {
        try {
            latch.await(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted.incrementAndGet();
            throw UpstreamException.unreachable(name, new UncheckedIOException(new SocketException("Closed by interrupt")));
        }
    }

    private final class Stream implements ChunkStream {
        private final String model;
        private final Mode mode;
        private final CountDownLatch closed = new CountDownLatch(1);
        private int sent;

        Stream(String model, Mode mode) {
            this.model = model;
            this.mode = mode;
        }

        @Override
        public Optional<ChatChunk> next() {
            boolean stall = (mode == Mode.STALL_BEFORE_FIRST_CHUNK && sent == 0)
                    || (mode == Mode.STALL_AFTER_FIRST_CHUNK && sent == 1);
            if (stall) {
                try {
                    if (closed.await(5, TimeUnit.MINUTES)) {
                        closedStreams.incrementAndGet();
                        return Optional.empty(); // as a stream closed by another thread ends
                    }
                } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                    throw UpstreamException.unreachable(name, new SocketException("Closed by interrupt"));
                }
            }
            if (sent >= 2) {
                return Optional.empty();
            }
            sent++;
            return Optional.of(new ChatChunk("chatcmpl-" + name, ChatChunk.OBJECT, 1, model,
                    List.of(new ChunkChoice(0, Message.of("assistant", name + sent), null, null, Map.of())), null,
                    null, Map.of()));
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }
}
