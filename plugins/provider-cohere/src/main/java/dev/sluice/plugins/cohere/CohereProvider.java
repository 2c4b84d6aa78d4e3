package dev.sluice.plugins.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.Provider;
import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.http.UpstreamClient;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.spi.http.UpstreamResponse;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.EmbeddingRequest;
import dev.sluice.spi.model.EmbeddingResponse;
import dev.sluice.spi.model.ModelInfo;
import dev.sluice.spi.provider.UpstreamCalls;
import dev.sluice.spi.provider.UpstreamErrors;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One configured Cohere upstream: chat through {@code POST /v2/chat} (complete or streamed as
 * server-sent events) and embeddings through {@code POST /v2/embed}, translated from and to
 * OpenAI's format by {@link CohereRequests}, {@link CohereAnswers}, {@link CohereChunkStream} and
 * {@link CohereEmbeddings}.
 */
final class CohereProvider implements Provider {
    private static final String JSON = "application/json";

    private final String name;
    private final CohereConfig config;
    private final UpstreamCalls calls;
    private final Clock clock;
    private final URI chatUri;
    private final URI embedUri;
    private final Map<String, String> jsonHeaders;
    private final Map<String, String> streamHeaders;
    private final List<ModelInfo> models;

    CohereProvider(String name, CohereConfig config, UpstreamClient http, Clock clock) {
        this.name = name;
        this.config = config;
        this.calls = new UpstreamCalls(http, new UpstreamErrors(name, config.secrets(), clock));
        this.clock = clock;
        this.chatUri = config.http().resolve("/v2/chat");
        this.embedUri = config.http().resolve("/v2/embed");
        this.jsonHeaders = headers(config, JSON);
        this.streamHeaders = headers(config, "text/event-stream");
        long created = clock.instant().getEpochSecond();
        this.models = config.http().models().stream().map(id -> ModelInfo.of(id, name, created)).toList();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ChatResponse chat(ChatRequest request, Exchange exchange) {
        byte[] body = Json.bytes(CohereRequests.chat(request, false));
        try (UpstreamResponse response = calls.send(UpstreamRequest.post(chatUri, jsonHeaders, body))) {
            JsonNode answer = calls.json(response);
            if (CohereAnswers.failed(answer)) {
                // Cohere answered, but says the generation failed: another target (or a retry) may not.
                throw new UpstreamException(response.status(), true, "provider '" + name
                        + "' reported a failed generation (finish_reason ERROR)", null, null);
            }
            try {
                return CohereAnswers.chat(answer, request.model(), now());
            } catch (IllegalArgumentException e) {
                throw calls.errors().unreadable(response.status(), e);
            }
        }
    }

    @Override
    public ChunkStream stream(ChatRequest request, Exchange exchange) {
        byte[] body = Json.bytes(CohereRequests.chat(request, true));
        UpstreamResponse response = calls.openStream(UpstreamRequest.post(chatUri, streamHeaders, body));
        return new CohereChunkStream(response, calls.errors(), request.model(), now(),
                "chatcmpl-" + UUID.randomUUID());
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request, Exchange exchange) {
        byte[] body = Json.bytes(CohereEmbeddings.request(request, config.embedInputType()));
        try (UpstreamResponse response = calls.send(UpstreamRequest.post(embedUri, jsonHeaders, body))) {
            JsonNode answer = calls.json(response);
            try {
                return CohereEmbeddings.answer(answer, request);
            } catch (IllegalArgumentException e) {
                throw calls.errors().unreadable(response.status(), e);
            }
        }
    }

    @Override
    public List<ModelInfo> models() {
        return models;
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    /** The fixed headers of every request; extra headers from the configuration win over these. */
    private static Map<String, String> headers(CohereConfig config, String accept) {
        Map<String, String> defaults = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        defaults.put("Content-Type", JSON);
        defaults.put("Accept", accept);
        config.http().apiKey().ifPresent(key -> defaults.put("Authorization", "Bearer " + key));
        return config.http().headersOver(defaults);
    }
}
