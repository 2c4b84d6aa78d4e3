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
}
