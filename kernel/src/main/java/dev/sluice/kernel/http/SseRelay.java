package dev.sluice.kernel.http;

import dev.sluice.kernel.cost.StreamTally;
import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatChunk;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes a chunk stream as OpenAI server-sent events, chunk by chunk as each arrives: every
 * {@code data: …\n\n} frame is one write followed by a flush, and {@code data: [DONE]} ends a
 * normal stream. A failure after the first byte ends the stream with an OpenAI error event.
 * A client that goes away ends the relay and closes the upstream. Every chunk is counted for the
 * call's cost ({@link StreamTally}) before it is written.
 */
final class SseRelay {
    private static final Logger LOG = Logger.getLogger(SseRelay.class.getName());
    private static final byte[] PREFIX = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private SseRelay() {
    }

    /**
     * Relays the stream; returns normally also when the client disconnected.
     *
     * @param includeUsage whether the client asked for the usage chunk
     */
    static void relay(ChunkStream chunks, OutputStream out, Exchange exchange, boolean includeUsage) {
        StreamTally tally = StreamTally.of(exchange);
        try (chunks) {
            while (true) {
                Optional<ChatChunk> next;
                try {
                    next = chunks.next();
                } catch (GatewayException e) {
                    LOG.log(Level.INFO, "request {0}: stream failed upstream after it started: {1}",
                            new Object[] {exchange.id(), e.getMessage()});
                    exchange.streamError(e);
                    write(out, frame(OpenAiErrors.body(e)));
                    return;
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "request " + exchange.id() + ": stream failed inside the gateway", e);
                    GatewayException internal = new GatewayException(ErrorType.INTERNAL,
                            "the stream failed inside the gateway (request " + exchange.id() + ")");
                    exchange.streamError(internal);
                    write(out, frame(OpenAiErrors.body(internal)));
                    return;
                }
                if (next.isEmpty()) {
                    tally.end();
                    write(out, DONE);
                    return;
                }
                ChatChunk chunk = next.get();
                tally.chunk(chunk);
                if (chunk.usage() != null) {
                    if (!includeUsage) {
                        if (chunk.choices().isEmpty()) {
                            continue;
                        }
                        chunk = chunk.withUsage(null);
                    }
                }
                ChatChunk relayed = chunk;
                // Relay the upstream's own bytes when nothing changed the chunk: no second JSON pass.
                write(out, frame(chunks.jsonOf(relayed).orElseGet(() -> Json.bytes(relayed))));
                exchange.markFirstToken(System.nanoTime());
            }
        } catch (ClientGone e) {
            exchange.markClientGone();
            LOG.log(Level.FINE, "request {0}: client disconnected mid-stream", exchange.id());
        }
    }

    static byte[] frame(byte[] json) {
        byte[] frame = new byte[PREFIX.length + json.length + 2];
        System.arraycopy(PREFIX, 0, frame, 0, PREFIX.length);
        System.arraycopy(json, 0, frame, PREFIX.length, json.length);
        frame[frame.length - 2] = '\n';
        frame[frame.length - 1] = '\n';
        return frame;
    }

    private static void write(OutputStream out, byte[] frame) {
        try {
            out.write(frame);
            out.flush();
        } catch (IOException | RuntimeException e) {
            // A closed client connection surfaces as a broken pipe, wrapped in Helidon's own
            // unchecked exceptions; either way nothing more can be written.
            throw new ClientGone();
        }
    }

    /** The client closed the connection; nothing more can be written. */
    private static final class ClientGone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ClientGone() {
            super(null, null, false, false);
        }
    }
}
