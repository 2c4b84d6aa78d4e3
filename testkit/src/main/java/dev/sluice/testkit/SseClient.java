package dev.sluice.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small blocking HTTP/1.1 client for tests: POSTs JSON and either reads the whole answer
 * ({@link #postJson}) or reads a server-sent-event stream event by event as it arrives
 * ({@link #postStream}). Built on {@link HttpClient} so it shares no code with the gateway.
 *
 * <p>HTTP/1.1 is forced because the gateway and the fakes speak plain HTTP, where the JDK
 * client would otherwise attempt an h2c upgrade. {@code Content-Type: application/json} is
 * sent unless the headers given say otherwise; the JDK refuses to set {@code Host},
 * {@code Connection}, {@code Content-Length}, {@code Expect} and {@code Upgrade}.
 *
 * <p>Thread-safe; close it when done.
 */
public final class SseClient implements AutoCloseable {

    /** Timeout for connecting, for response headers and for each wait on an event. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final Duration timeout;

    /** A client with {@link #DEFAULT_TIMEOUT}. */
    public SseClient() {
        this(DEFAULT_TIMEOUT);
    }

    /** A client whose connect, response-header and default event waits use {@code timeout}. */
    public SseClient(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * POSTs a JSON body and returns as soon as the response headers arrived; the body is
     * then read in the background and handed out event by event.
     *
     * @throws UncheckedIOException if the connection failed or no headers came within the timeout
     */
    public SseStream postStream(String url, String jsonBody, Map<String, String> headers) {
        HttpResponse<InputStream> response = send(post(url, jsonBody, headers), HttpResponse.BodyHandlers.ofInputStream());
        return new SseStream(response.statusCode(), headerMap(response.headers()), response.body(), timeout);
    }

    /**
     * POSTs a JSON body and reads the whole answer.
     *
     * @throws UncheckedIOException on connection failure
     */
    public HttpResult postJson(String url, String jsonBody, Map<String, String> headers) {
        return complete(send(post(url, jsonBody, headers), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    }

    /**
     * GETs a URL and reads the whole answer.
     *
     * @throws UncheckedIOException on connection failure
     */
    public HttpResult get(String url, Map<String, String> headers) {
        return bodiless(url, "GET", headers);
    }

    /**
     * Sends a DELETE and reads the whole answer.
     *
     * @throws UncheckedIOException on connection failure
     */
    public HttpResult delete(String url, Map<String, String> headers) {
        return bodiless(url, "DELETE", headers);
    }

    private HttpResult bodiless(String url, String method, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return complete(send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() {
        http.close();
    }

    private HttpRequest post(String url, String jsonBody, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        boolean hasContentType = headers.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("content-type"));
        if (!hasContentType) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return request.build();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + request.method() + " " + request.uri(), e);
        }
    }

    private static HttpResult complete(HttpResponse<String> response) {
        return new HttpResult(response.statusCode(), headerMap(response.headers()), response.body());
    }

    /** Lower-cases names, merging any that differ only in case, so lookups need not care. */
    static Map<String, List<String>> headerMap(HttpHeaders headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.map().forEach((name, values) ->
                out.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values));
        out.replaceAll((name, values) -> List.copyOf(values));
        return out;
    }
}
