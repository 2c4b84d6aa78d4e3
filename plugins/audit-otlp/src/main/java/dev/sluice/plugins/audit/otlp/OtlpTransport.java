package dev.sluice.plugins.audit.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.spi.provider.RetryAfter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * Posts export bodies to the collector over OTLP/HTTP with {@link HttpClient}: keep-alive
 * HTTP/1.1 connections, the configured headers, and the response read up to 4 MiB as the
 * specification recommends. Never logs or reports header values.
 */
final class OtlpTransport implements AutoCloseable {
    private static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final URI uri;
    private final Map<String, String> headers;
    private final OtlpProtocol protocol;
    private final boolean gzip;

    OtlpTransport(OtlpSettings settings) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.uri = settings.tracesUri();
        this.headers = settings.headers();
        this.protocol = settings.protocol();
        this.gzip = settings.gzip();
    }

    /** The bytes to send for an encoded body: gzip-compressed when so configured. Done once per batch. */
    byte[] prepare(byte[] body) {
        if (!gzip) {
            return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException("could not compress an export body", e);
        }
        return out.toByteArray();
    }

    /**
     * Posts one prepared body.
     *
     * @param timeout how long the request may take
     */
    Delivery send(byte[] prepared, Duration timeout) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", protocol.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(prepared));
        if (gzip) {
            request.header("Content-Encoding", "gzip");
        }
        headers.forEach(request::header);
        HttpResponse<InputStream> response;
        byte[] body;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_RESPONSE_BYTES);
            }
        } catch (IOException e) {
            // Refused, reset, timed out: the specification asks for retries with backoff.
            return new Delivery.Retryable(e.getClass().getSimpleName() + describe(e), Optional.empty());
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return accepted(body, response);
        }
        if (status == 429 || status == 502 || status == 503 || status == 504) {
            return new Delivery.Retryable("HTTP " + status,
                    RetryAfter.parse(name -> response.headers().firstValue(name), Clock.systemUTC()));
        }
        boolean text = response.headers().firstValue("Content-Type").orElse("").matches("(?i).*(json|text).*");
        return new Delivery.Rejected(status, text ? snippet(body) : "");
    }

    @Override
    public void close() {
        client.shutdownNow();
    }

    /** Reads a JSON partial success; a protobuf answer is not decoded (its success is what counts). */
    private Delivery accepted(byte[] body, HttpResponse<?> response) {
        boolean json = response.headers().firstValue("Content-Type").orElse("").contains("json");
        if (!json || body.length == 0) {
            return new Delivery.Accepted(0, "");
        }
        try {
            JsonNode partial = JSON.readTree(body).path("partialSuccess");
            return new Delivery.Accepted(partial.path("rejectedSpans").asLong(0),
                    partial.path("errorMessage").asText(""));
        } catch (IOException e) {
            return new Delivery.Accepted(0, ""); // success is the status; an unreadable body changes nothing
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? "" : ": " + oneLine(e.getMessage());
    }

    /** The start of an error answer, on one line, for the log. */
    private static String snippet(byte[] body) {
        return oneLine(new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8));
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n\\t]+", " ").strip();
    }
}
