package dev.sluice.spi.http;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * An upstream HTTP request. The body is sent whole from a byte array with a
 * {@code Content-Length}, never chunked.
 *
 * @param method the HTTP method
 * @param uri the absolute URI
 * @param headers request headers (the client adds {@code Content-Length} and {@code Host})
 * @param body the body, empty for none
 * @param readTimeout overrides the client's read timeout for this call, if present
 */
public record UpstreamRequest(String method, URI uri, Map<String, String> headers, byte[] body,
        Optional<Duration> readTimeout) {

    public UpstreamRequest {
        headers = Map.copyOf(headers);
    }

    /** A POST with a JSON body. */
    public static UpstreamRequest post(URI uri, Map<String, String> headers, byte[] body) {
        return new UpstreamRequest("POST", uri, headers, body, Optional.empty());
    }

    /** A GET. */
    public static UpstreamRequest get(URI uri, Map<String, String> headers) {
        return new UpstreamRequest("GET", uri, headers, new byte[0], Optional.empty());
    }
}
