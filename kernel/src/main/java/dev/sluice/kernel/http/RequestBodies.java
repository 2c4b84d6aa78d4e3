package dev.sluice.kernel.http;

import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** Reads request bodies up to the configured limit, refusing larger ones with 413. */
final class RequestBodies {
    private RequestBodies() {
    }

    static byte[] read(ServerRequest req, long limit) {
        long declared = req.headers().first(HeaderNames.CONTENT_LENGTH).map(Long::parseLong).orElse(-1L);
        if (declared > limit) {
            throw tooLarge(limit);
        }
        int cap = (int) Math.min(limit, Integer.MAX_VALUE - 16);
        byte[] buffer = new byte[declared >= 0 ? (int) declared : Math.min(cap, 16 * 1024)];
        int length = 0;
        try (InputStream in = req.content().inputStream()) {
            while (true) {
                if (length == buffer.length) {
                    if (length >= cap) {
                        if (in.read() >= 0) {
                            throw tooLarge(limit);
                        }
                        break;
                    }
                    buffer = Arrays.copyOf(buffer, (int) Math.min((long) cap, Math.max(1024L, length * 2L)));
                }
                int n = in.read(buffer, length, buffer.length - length);
                if (n < 0) {
                    break;
                }
                length += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
    }

    private static GatewayException tooLarge(long limit) {
        return new GatewayException(ErrorType.REQUEST_TOO_LARGE, "the request body is larger than the gateway's limit of "
                + limit + " bytes (server.max_request_bytes)").withCode("request_too_large");
    }
}
