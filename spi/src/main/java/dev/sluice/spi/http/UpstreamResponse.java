package dev.sluice.spi.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * An upstream HTTP response whose body is read as it arrives. Close it to return the connection
 * to the pool (after reading the body to its end) or to drop it (before).
 */
public interface UpstreamResponse extends AutoCloseable {

    /** The HTTP status code. */
    int status();

    /** A header's first value, by case-insensitive name. */
    Optional<String> header(String name);

    /** The body, as it arrives. */
    InputStream body();

    /** The whole body. */
    default byte[] bytes() {
        try {
            return body().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Releases the connection; idempotent. */
    @Override
    void close();

    /**
     * Closes a response whose content the caller has all of, though its body may not have ended
     * yet: an event stream after its last event ({@code data: [DONE]}, {@code message_stop}),
     * where the upstream still sends the body's end. The rest of the body is read in the
     * background, for a moment, so that the connection can serve another call instead of being
     * dropped. Idempotent; by default the same as {@link #close()}.
     */
    default void closeWhenDrained() {
        close();
    }
}
