package dev.sluice.plugins.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayContext;
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
import java.util.List;
import java.util.Map;

/**
 * One configured Gemini API upstream. Chat requests are translated to {@code generateContent}
 * ({@code streamGenerateContent?alt=sse} for streams), embeddings to {@code embedContent} or
 * {@code batchEmbedContents}; the key goes in the {@code x-goog-api-key} header, never in the
 * URL, so that it cannot reach a log line that quotes one.
 */
final class GeminiProvider extends ConfiguredProvider {
    private final GeminiConfig config;
    private final UpstreamCalls calls;
    private final GeminiErrors errors;
    private final Clock clock;
    private final Ids ids;
    private final KeyRing keys;

    GeminiProvider(String name, GeminiConfig config, GatewayContext context, Ids ids) {
        super(name, config.http().models(), context.clock());
        this.config = config;
        this.clock = context.clock();
        UpstreamErrors upstreamErrors = new UpstreamErrors(name, config.http().secrets(), clock);
        this.errors = new GeminiErrors(upstreamErrors);
        // Gemini's error answers carry their own RetryInfo, which only GeminiErrors reads.
        this.calls = new UpstreamCalls(context.http(config.http().options()), upstreamErrors, errors::answered);
        this.ids = ids;
        this.keys = KeyRing.of(config.http(), key -> RequestHeaders.of(
                key.map(k -> Map.of(GeminiConfig.KEY_HEADER, k)).orElse(Map.of()), config.http().headers()),
                clock);
    }

    @Override
    public ChatResponse chat(ChatRequest request, Exchange exchange) {
        URI uri = uri(ModelPath.of(request.model()), ":generateContent");
        byte[] body = Json.bytes(GeminiRequests.generateContent(request));
        return keys.call(headers -> {
            try (UpstreamResponse response = calls.send(UpstreamRequest.post(uri, headers.complete(), body))) {
                JsonNode answer = calls.json(response);
                return GeminiAnswers.chatResponse(answer, request.model(), clock.instant().getEpochSecond(), ids);
            }
        });
    }

    @Override
    public ChunkStream stream(ChatRequest request, Exchange exchange) {
        URI uri = uri(ModelPath.of(request.model()), ":streamGenerateContent?alt=sse");
        byte[] body = Json.bytes(GeminiRequests.generateContent(request));
        UpstreamResponse response = keys.call(headers ->
                calls.openStream(UpstreamRequest.post(uri, headers.stream(), body)));
        return new GeminiChunkStream(response, errors, request.model(), clock.instant().getEpochSecond(), ids);
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request, Exchange exchange) {
        String model = ModelPath.of(request.model());
        List<String> texts = GeminiEmbeddings.texts(request);
        boolean single = GeminiEmbeddings.isSingle(request);
        URI uri = uri(model, single ? ":embedContent" : ":batchEmbedContents");
        byte[] body = Json.bytes(single ? GeminiEmbeddings.single(texts.get(0), request.dimensions())
                : GeminiEmbeddings.batch(model, texts, request.dimensions()));
        return keys.call(headers -> {
            try (UpstreamResponse response = calls.send(UpstreamRequest.post(uri, headers.complete(), body))) {
                return GeminiEmbeddings.response(calls.json(response), request);
            }
        });
    }

    private URI uri(String modelPath, String method) {
        return config.http().resolve("/" + modelPath + method);
    }
}
