package dev.sluice.plugins.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.spi.http.UpstreamResponse;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.EmbeddingRequest;
import dev.sluice.spi.model.EmbeddingResponse;
import dev.sluice.spi.provider.ConfiguredProvider;
import dev.sluice.spi.provider.KeyRing;
import dev.sluice.spi.provider.RequestHeaders;
import dev.sluice.spi.provider.UpstreamCalls;
import dev.sluice.spi.provider.UpstreamErrors;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * One configured Cohere upstream: chat through {@code POST /v2/chat} (complete or streamed as
 * server-sent events) and embeddings through {@code POST /v2/embed}, translated from and to
 * OpenAI's format by {@link CohereRequests}, {@link CohereAnswers}, {@link CohereChunkStream} and
 * {@link CohereEmbeddings}.
 */
final class CohereProvider extends ConfiguredProvider {
    private final CohereConfig config;
    private final UpstreamCalls calls;
    private final Clock clock;
    private final URI chatUri;
    private final URI embedUri;
    private final KeyRing keys;

    CohereProvider(String name, CohereConfig config, GatewayContext context) {
        super(name, config.http().models(), context.clock());
        this.config = config;
        this.clock = context.clock();
        this.calls = new UpstreamCalls(context.http(config.http().options()),
                new UpstreamErrors(name, config.secrets(), clock));
        this.chatUri = config.http().resolve("/v2/chat");
        this.embedUri = config.http().resolve("/v2/embed");
        this.keys = KeyRing.of(config.http(), key -> RequestHeaders.of(
                key.map(k -> Map.of("Authorization", "Bearer " + k)).orElse(Map.of()), config.http().headers()),
                context.clock());
    }

    @Override
    public ChatResponse chat(ChatRequest request, Exchange exchange) {
        byte[] body = Json.bytes(CohereRequests.chat(request, false));
        return keys.call(headers -> {
            try (UpstreamResponse response = calls.send(UpstreamRequest.post(chatUri, headers.complete(), body))) {
                JsonNode answer = calls.json(response);
                if (CohereAnswers.failed(answer)) {
                    // Cohere answered, but says the generation failed: another target (or a retry) may not.
                    throw new UpstreamException(response.status(), true, "provider '" + name()
                            + "' reported a failed generation (finish_reason ERROR)", null, null);
                }
                try {
                    return CohereAnswers.chat(answer, request.model(), now());
                } catch (IllegalArgumentException e) {
                    throw calls.errors().unreadable(response.status(), e);
                }
            }
        });
    }

    @Override
    public ChunkStream stream(ChatRequest request, Exchange exchange) {
        byte[] body = Json.bytes(CohereRequests.chat(request, true));
        UpstreamResponse response = keys.call(headers ->
                calls.openStream(UpstreamRequest.post(chatUri, headers.stream(), body)));
        return new CohereChunkStream(response, calls.errors(), request.model(), now(),
                "chatcmpl-" + UUID.randomUUID());
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request, Exchange exchange) {
        byte[] body = Json.bytes(CohereEmbeddings.request(request, config.embedInputType()));
        return keys.call(headers -> {
            try (UpstreamResponse response = calls.send(UpstreamRequest.post(embedUri, headers.complete(), body))) {
                JsonNode answer = calls.json(response);
                try {
                    return CohereEmbeddings.answer(answer, request);
                } catch (IllegalArgumentException e) {
                    throw calls.errors().unreadable(response.status(), e);
                }
            }
        });
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
