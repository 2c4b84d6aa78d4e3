package dev.sluice.spi.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.http.SseEvent;
import dev.sluice.spi.http.SseReader;
import dev.sluice.spi.http.UpstreamResponse;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatChunk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * A provider's event stream translated into OpenAI chunks as the events arrive. A subclass
 * translates one event at a time into zero or more chunks and says when the stream has ended;
 * this class reads the events, queues the chunks, closes the connection at the end, and turns
 * broken connections and unreadable events into {@link UpstreamException}s.
 * <pre>{@code
 * protected boolean onEvent(SseEvent event, Emitter out) {
 *     JsonNode data = json(event);
 *     if (event.event().equals("message_stop")) { return false; }
 *     out.emit(chunkFor(data));
 *     return true;
 * }
 * }</pre>
 */
public abstract class SseChunkStream implements ChunkStream {

    /** Where a subclass puts the chunks an event translates to. */
    @FunctionalInterface
    public interface Emitter {
        void emit(ChatChunk chunk);
    }

    private final UpstreamResponse response;
    private final SseReader reader;
    private final UpstreamErrors errors;
    private final ArrayDeque<ChatChunk> ready = new ArrayDeque<>(4);
    private final Emitter emitter = ready::add;
    private ByteArrayOutputStream kept;
    private boolean finished;
    // Written by whoever closes (possibly another thread aborting the request), read by next().
    private volatile boolean closed;

    protected SseChunkStream(UpstreamResponse response, UpstreamErrors errors) {
        this.response = response;
        this.reader = new SseReader(response.body());
        this.errors = errors;
    }

    /**
     * Translates one event.
     *
     * @return {@code false} when this event ends the stream (its chunks are still delivered)
     * @throws UpstreamException when the event reports a failure
     */
    protected abstract boolean onEvent(SseEvent event, Emitter out);

    /**
     * Called when the body ends without the event that ends the stream; may emit final chunks.
     * By default that is a failure, since a provider that ends its streams with an event (such
     * as Anthropic's {@code message_stop}) broke off. Providers whose streams end with the body
     * override this.
     */
    protected void onEndOfBody(Emitter out) {
        throw errors.brokeMidStream(response.status(), new IOException("the event stream ended early"));
    }

    /**
     * From now on keeps every event read (after it was translated without failing), for
     * {@link #drainEvents()}: what a stream that implements {@link dev.sluice.spi.NativeEvents}
     * hands out.
     */
    protected final void keepEvents() {
        if (kept == null) {
            kept = new ByteArrayOutputStream(1024);
        }
    }

    /**
     * The events kept since the previous call, as {@code event:}/{@code data:} frames; empty when
     * none were kept.
     */
    protected final byte[] drainEvents() {
        if (kept == null || kept.size() == 0) {
            return new byte[0];
        }
        byte[] frames = kept.toByteArray();
        kept.reset();
        return frames;
    }

    /** The provider's error translator. */
    protected final UpstreamErrors errors() {
        return errors;
    }

    /** The HTTP status of the stream's response. */
    protected final int status() {
        return response.status();
    }

    /** An event's data as JSON; unreadable data is the upstream's failure. */
    protected final JsonNode json(SseEvent event) {
        try {
            return Json.mapper().readTree(event.data());
        } catch (IOException e) {
            throw errors.unreadable(response.status(), e);
        }
    }

    @Override
    public final Optional<ChatChunk> next() {
        while (ready.isEmpty() && !finished && !closed) {
            Optional<SseEvent> event = nextEvent();
            try {
                if (event.isEmpty()) {
                    boolean abandoned = closed;
                    finish();
                    if (!abandoned) {
                        onEndOfBody(emitter);
                    }
                } else {
                    boolean more = onEvent(event.get(), emitter);
                    keep(event.get());
                    if (!more) {
                        finishAtLastEvent();
                    }
                }
            } catch (RuntimeException e) {
                finish();
                throw e;
            }
        }
        return Optional.ofNullable(ready.poll());
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            response.close();
        }
    }

    private void keep(SseEvent event) {
        if (kept == null) {
            return;
        }
        if (!event.event().equals("message")) {
            kept.writeBytes(("event: " + event.event() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        for (String line : event.data().split("\n", -1)) {
            kept.writeBytes(("data: " + line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        kept.write('\n');
    }

    private Optional<SseEvent> nextEvent() {
        try {
            return reader.next();
        } catch (UncheckedIOException e) {
            if (closed) {
                // Closing from another thread breaks the read: that is the end the closer asked for.
                return Optional.empty();
            }
            finish();
            throw errors.brokeMidStream(response.status(), e.getCause() == null ? e : e.getCause());
        }
    }

    /** Ends the stream and returns the connection at once rather than when the caller closes. */
    private void finish() {
        finished = true;
        close();
    }

    /** Ends the stream at its last event; the connection goes back to the pool once the body has ended. */
    private void finishAtLastEvent() {
        finished = true;
        if (!closed) {
            closed = true;
            response.closeWhenDrained();
        }
    }
}
