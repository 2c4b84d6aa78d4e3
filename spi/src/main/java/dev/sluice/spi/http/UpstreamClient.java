package dev.sluice.spi.http;

/**
 * The kernel's HTTP client for upstream calls, obtained from
 * {@link dev.sluice.spi.GatewayContext#http(UpstreamOptions)}. Blocking, made for virtual threads;
 * safe for concurrent use.
 *
 * <pre>{@code
 * try (UpstreamResponse res = http.send(UpstreamRequest.post(uri, headers, body))) {
 *     if (res.status() != 200) { ... }
 *     return Json.read(res.bytes(), ChatResponse.class);
 * }
 * }</pre>
 */
public interface UpstreamClient {

    /**
     * Sends the request and returns once the status line and headers have arrived; the body is
     * read from the response. A failure to connect, or a timeout, is thrown as
     * {@link java.io.UncheckedIOException} whose cause says what happened
     * ({@link java.net.ConnectException}, {@link java.net.SocketTimeoutException}, …).
     */
    UpstreamResponse send(UpstreamRequest request);
}
