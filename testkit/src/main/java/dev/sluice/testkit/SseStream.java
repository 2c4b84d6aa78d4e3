package dev.sluice.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A streaming HTTP response read event by event while it arrives. A background virtual
 * thread reads the socket, so {@link #rawBytes()} and the arrival times of events reflect
 * the network, not the pace at which the test consumes them.
 *
 * <p>Consume events from one thread. {@link #next(Duration)} fails the test (with an
 * {@link AssertionError}) when nothing arrives in time, which is what a "the gateway must
 * relay the first chunk now" assertion needs. The {@link Iterator} methods do the same with
 * the client's default timeout. Close it to drop the connection early.
 */
public final class SseStream implements Iterator<SseEvent>, AutoCloseable {

    /** Marks the end of the body in the queue; stays at the head once reached. */
    private static final Object END = new Object();

    private final int status;
    private final Map<String, List<String>> headers;
    private final InputStream body;
    private final Duration defaultTimeout;
    private final LinkedBlockingQueue<Object> items = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private Object head;
    private volatile boolean finished;

    SseStream(int status, Map<String, List<String>> headers, InputStream body, Duration defaultTimeout) {
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.body = body;
        this.defaultTimeout = defaultTimeout;
        Thread.ofVirtual().name("sse-stream-reader").start(this::readAll);
    }

    /** HTTP status code of the response. */
    public int status() {
        return status;
    }

    /** Response header values by lower-case header name. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a header, looked up case-insensitively. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * The next event, waiting at most {@code timeout} for it.
     *
     * @throws AssertionError if no event arrived in time
     * @throws NoSuchElementException if the stream ended
     * @throws UncheckedIOException if reading the response failed
     */
    public SseEvent next(Duration timeout) {
        Object item = peek(timeout);
        if (item == null) {
            throw new AssertionError("no SSE event within " + timeout + "; received so far: " + rawText());
        }
        if (item == END) {
            throw new NoSuchElementException("the SSE stream ended; received: " + rawText());
        }
        head = null;
        if (item instanceof IOException e) {
            throw new UncheckedIOException("reading the SSE stream failed", e);
        }
        return (SseEvent) item;
    }

    /** The next event if one arrives within {@code timeout}; empty on timeout or at the end. */
    public Optional<SseEvent> poll(Duration timeout) {
        Object item = peek(timeout);
        if (item == null || item == END) {
            return Optional.empty();
        }
        return Optional.of(next(Duration.ZERO));
    }

    /**
     * Every remaining event, up to the end of the stream.
     *
     * @throws AssertionError if it does not end in time
     */
    public List<SseEvent> readToEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<SseEvent> events = new ArrayList<>();
        while (true) {
            Object item = peek(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (item == null) {
                throw new AssertionError("SSE stream did not end within " + timeout + "; received: " + rawText());
            }
            if (item == END) {
                return events;
            }
            events.add(next(Duration.ZERO));
        }
    }

    /** Waits up to the client's default timeout; false once the stream has ended. */
    @Override
    public boolean hasNext() {
        Object item = peek(defaultTimeout);
        if (item == null) {
            throw new AssertionError("no SSE event within " + defaultTimeout + "; received so far: " + rawText());
        }
        return item != END;
    }

    /** The next event, waiting up to the client's default timeout. */
    @Override
    public SseEvent next() {
        return next(defaultTimeout);
    }

    /** Whether the whole response body has been received. */
    public boolean isFinished() {
        return finished;
    }

    /** Every byte of the body received so far, exactly as it came off the wire. */
    public byte[] rawBytes() {
        synchronized (raw) {
            return raw.toByteArray();
        }
    }

    /** {@link #rawBytes()} decoded as UTF-8. */
    public String rawText() {
        return new String(rawBytes(), StandardCharsets.UTF_8);
    }

    /** Drops the connection; a server still streaming sees the client go away. */
    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // closing a half-read response may fail; the connection is gone either way
        }
    }

    private Object peek(Duration timeout) {
        if (head == null) {
            try {
                head = items.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for an SSE event", e);
            }
        }
        return head;
    }

    private void readAll() {
        SseParser parser = new SseParser(items::add);
        byte[] buffer = new byte[8192];
        try (InputStream in = body) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (raw) {
                    raw.write(buffer, 0, n);
                }
                parser.feed(buffer, 0, n);
            }
            parser.finish();
        } catch (IOException e) {
            items.add(e);
        }
        finished = true;
        items.add(END);
    }
}
