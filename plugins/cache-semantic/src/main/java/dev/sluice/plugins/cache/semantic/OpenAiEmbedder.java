package dev.sluice.plugins.cache.semantic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.http.UpstreamClient;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.spi.http.UpstreamResponse;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.provider.UpstreamErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code openai} embedder: {@code POST {base_url}/embeddings} on any OpenAI-compatible server
 * (OpenAI itself, a self-hosted model server, or the gateway's own embeddings route). Sends
 * {@code {"model", "input", "encoding_format": "float"}} (and {@code dimensions} when set), reads
 * {@code data[0].embedding} as a list of floats or, from servers that send it anyway, as base64 of
 * little-endian float32s.
 *
 * <p>The API key goes only into the {@code Authorization} header; error messages quote the
 * server's explanation with the key redacted. Thread-safe: the kernel's client is.
 */
final class OpenAiEmbedder implements Embedder {
    private final UpstreamClient http;
    private final URI endpoint;
    private final Map<String, String> headers;
    private final String model;
    private final Optional<Integer> dimensions;
    private final Duration timeout;
    private final UpstreamErrors errors;

    OpenAiEmbedder(UpstreamClient http, String baseUrl, Optional<String> apiKey, String model,
            Optional<Integer> dimensions, Duration timeout, UpstreamErrors errors) {
        this.http = http;
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/embeddings");
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put("Accept", "application/json");
        apiKey.ifPresent(key -> h.put("Authorization", "Bearer " + key));
        this.headers = Map.copyOf(h);
        this.model = model;
        this.dimensions = dimensions;
        this.timeout = timeout;
        this.errors = errors;
    }

    @Override
    public float[] embed(String text) {
        ObjectNode body = Json.mapper().createObjectNode().put("model", model).put("input", text)
                .put("encoding_format", "float");
        dimensions.ifPresent(d -> body.put("dimensions", d));
        UpstreamRequest request = new UpstreamRequest("POST", endpoint, headers, Json.bytes(body),
                Optional.of(timeout));
        try (UpstreamResponse response = http.send(request)) {
            byte[] bytes = response.bytes();
            if (response.status() != 200) {
                throw new EmbeddingException(endpoint + " answered HTTP " + response.status()
                        + errors.detailOf(bytes).map(d -> ": " + d).orElse(""));
            }
            return vectorOf(Json.tree(bytes));
        } catch (UncheckedIOException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new EmbeddingException(endpoint + " could not be reached (" + cause.getClass().getSimpleName()
                    + ")", cause);
        } catch (IOException e) {
            throw new EmbeddingException(endpoint + " sent an answer that is not JSON", e);
        }
    }

    @Override
    public String description() {
        return "openai-compatible " + model + " at " + endpoint;
    }

    private float[] vectorOf(JsonNode root) {
        JsonNode embedding = root.path("data").path(0).path("embedding");
        if (embedding.isTextual()) {
            ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(embedding.asText()))
                    .order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[buffer.remaining() / Float.BYTES];
            buffer.asFloatBuffer().get(out);
            return out;
        }
        if (!embedding.isArray() || embedding.isEmpty()) {
            throw new EmbeddingException(endpoint + " sent no data[0].embedding");
        }
        float[] out = new float[embedding.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = embedding.get(i);
            if (!v.isNumber()) {
                throw new EmbeddingException(endpoint + " sent an embedding with a value that is not a number");
            }
            out[i] = v.floatValue();
        }
        return out;
    }
}
