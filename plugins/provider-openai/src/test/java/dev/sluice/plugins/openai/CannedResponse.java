package dev.sluice.plugins.openai;

import dev.sluice.spi.http.UpstreamResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An upstream response with a given status, headers and body, that counts how often it is closed. */
final class CannedResponse implements UpstreamResponse {
    private final int status;
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final InputStream body;
    int closeCount;

    CannedResponse(int status, Map<String, String> headers, InputStream body) {
        this.status = status;
        this.headers.putAll(headers);
        this.body = body;
    }

    static CannedResponse json(int status, String body) {
        return new CannedResponse(status, Map.of("content-type", "application/json"),
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    static CannedResponse events(InputStream body) {
        return new CannedResponse(200, Map.of("content-type", "text/event-stream; charset=utf-8"), body);
    }

    static CannedResponse resource(int status, String contentType, String name) {
        return new CannedResponse(status, Map.of("content-type", contentType), Transcripts.open(name));
    }

    CannedResponse withHeader(String name, String value) {
        headers.put(name.toLowerCase(Locale.ROOT), value);
        return this;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    @Override
    public InputStream body() {
        return body;
    }

    @Override
    public void close() {
        closeCount++;
        try {
            body.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
