package dev.sluice.plugins.openai;

import dev.sluice.spi.provider.UpstreamErrors;
import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.Provider;
import dev.sluice.spi.http.UpstreamClient;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.spi.http.UpstreamResponse;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.EmbeddingRequest;
import dev.sluice.spi.model.EmbeddingResponse;
import dev.sluice.spi.model.ModelInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One configured OpenAI-compatible upstream. Requests already are in OpenAI's format, so they go
 * out as they are, apart from the {@code stream} flags this provider owns.
 */
final class OpenAiProvider implements Provider {
    private static final String JSON = "application/json";
    private static final String EVENT_STREAM = "text/event-stream";

    private final String name;
    private final OpenAiConfig config;
    private final UpstreamClient http;
    private final UpstreamErrors errors;
    private final URI chatUri;
    private final URI embeddingsUri;
    private final Map<String, String> jsonHeaders;
    private final Map<String, String> streamHeaders;
    private final List<ModelInfo> models;

    OpenAiProvider(String name, OpenAiConfig config, UpstreamClient http, Clock clock) {
        this.name = name;
        this.config = config;
        this.http = http;
        this.errors = new UpstreamErrors(name, config.secrets(), clock);
        this.chatUri = URI.create(config.baseUrl() + "/chat/completions");
        this.embeddingsUri = URI.create(config.baseUrl() + "/embeddings");
        this.jsonHeaders = headers(config, JSON);
        this.streamHeaders = headers(config, EVENT_STREAM);
        long created = clock.instant().getEpochSecond();
        this.models = config.models().stream().map(id -> ModelInfo.of(id, name, created)).toList();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ChatResponse chat(ChatRequest request, Exchange exchange) {
        try (UpstreamResponse response = send(chatUri, jsonHeaders, Json.bytes(OutboundChat.complete(request)))) {
            return readAnswer(response, ChatResponse.class, exchange);
        }
    }

    @Override
    public ChunkStream stream(ChatRequest request, Exchange exchange) {
        ChatRequest outbound = OutboundChat.streamed(request, config.streamUsage());
        UpstreamResponse response = send(chatUri, streamHeaders, Json.bytes(outbound));
        try {
            if (!isSuccess(response.status())) {
                throw errors.answered(response);
            }
            if (response.header("content-type").filter(type -> type.toLowerCase(Locale.ROOT).startsWith(JSON)).isPresent()) {
                // Some compatible servers ignore "stream" or report errors as 200 + JSON.
                throw errors.jsonInsteadOfStream(response);
            }
        } catch (RuntimeException e) {
            response.close();
            throw e;
        }
        return new OpenAiChunkStream(response, errors);
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request, Exchange exchange) {
        try (UpstreamResponse response = send(embeddingsUri, jsonHeaders, Json.bytes(request))) {
            return readAnswer(response, EmbeddingResponse.class, exchange);
        }
    }

    @Override
    public List<ModelInfo> models() {
        return models;
    }

    private UpstreamResponse send(URI uri, Map<String, String> headers, byte[] body) {
        try {
            return http.send(UpstreamRequest.post(uri, headers, body));
        } catch (UncheckedIOException e) {
            throw errors.unreachable(e);
        }
    }

    private <T> T readAnswer(UpstreamResponse response, Class<T> type, Exchange exchange) {
        if (!isSuccess(response.status())) {
            throw errors.answered(response);
        }
        byte[] body;
        try {
            body = response.bytes();
        } catch (UncheckedIOException e) {
            throw errors.unreachable(e);
        }
        try {
            T answer = Json.read(body, type);
            // The answer goes to the client as it came, unless a policy replaces it.
            exchange.answerJson(answer, body);
            return answer;
        } catch (IOException e) {
            throw errors.unreadable(response.status(), e);
        }
    }

    private static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    /** The fixed headers of every request; extra headers from the configuration win over these. */
    private static Map<String, String> headers(OpenAiConfig config, String accept) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Content-Type", JSON);
        headers.put("Accept", accept);
        config.apiKey().ifPresent(key -> headers.put("Authorization", "Bearer " + key));
        config.organization().ifPresent(org -> headers.put("OpenAI-Organization", org));
        headers.putAll(config.headers());
        return Map.copyOf(headers);
    }

}
