package dev.sluice.plugins.gemini;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.sluice.spi.provider.UpstreamCalls;
import dev.sluice.spi.provider.UpstreamErrors;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One configured Gemini API upstream. Chat requests are translated to {@code generateContent}
 * ({@code streamGenerateContent?alt=sse} for streams), embeddings to {@code embedContent} or
 * {@code batchEmbedContents}; the key goes in the {@code x-goog-api-key} header, never in the
 * URL, so that it cannot reach a log line that quotes one.
 */
final class GeminiProvider implements Provider {
    private static final String JSON = "application/json";

    private final String name;
    private final GeminiConfig config;
    private final UpstreamCalls calls;
    private final GeminiErrors errors;
    private final Clock clock;
    private final Ids ids;
    private final Map<String, String> jsonHeaders;
    private final Map<String, String> streamHeaders;
    private final List<ModelInfo> models;

    GeminiProvider(String name, GeminiConfig config, UpstreamClient http, Clock clock, Ids ids) {
        this.name = name;
        this.config = config;
        UpstreamErrors upstreamErrors = new UpstreamErrors(name, config.http().secrets(), clock);
        this.calls = new UpstreamCalls(http, upstreamErrors);
        this.errors = new GeminiErrors(upstreamErrors);
        this.clock = clock;
        this.ids = ids;
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
        URI uri = uri(ModelPath.of(request.model()), ":generateContent");
        byte[] body = Json.bytes(GeminiRequests.generateContent(request));
        try (UpstreamResponse response = calls.send(UpstreamRequest.post(uri, jsonHeaders, body))) {
            JsonNode answer = json(response);
            return GeminiAnswers.chatResponse(answer, request.model(), clock.instant().getEpochSecond(), ids);
        }
    }

    @Override
    public ChunkStream stream(ChatRequest request, Exchange exchange) {
        URI uri = uri(ModelPath.of(request.model()), ":streamGenerateContent?alt=sse");
        byte[] body = Json.bytes(GeminiRequests.generateContent(request));
        UpstreamResponse response = openStream(UpstreamRequest.post(uri, streamHeaders, body));
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
        try (UpstreamResponse response = calls.send(UpstreamRequest.post(uri, jsonHeaders, body))) {
            return GeminiEmbeddings.response(json(response), request);
        }
    }

    @Override
    public List<ModelInfo> models() {
        return models;
    }

    private URI uri(String modelPath, String method) {
        return config.http().resolve("/" + modelPath + method);
    }

    /** The JSON of a 2xx answer; any other status is Gemini's error, with its RetryInfo. */
    private JsonNode json(UpstreamResponse response) {
        if (!UpstreamCalls.isSuccess(response.status())) {
            throw errors.answered(response);
        }
        return calls.json(response);
    }

    /** Sends a stream request and returns once the answer is known to be a 2xx event stream. */
    private UpstreamResponse openStream(UpstreamRequest request) {
        UpstreamResponse response = calls.send(request);
        try {
            if (!UpstreamCalls.isSuccess(response.status())) {
                throw errors.answered(response);
            }
            if (response.header("content-type")
                    .filter(type -> type.toLowerCase(Locale.ROOT).startsWith(JSON)).isPresent()) {
                throw errors.upstream().jsonInsteadOfStream(response);
            }
            return response;
        } catch (RuntimeException e) {
            response.close();
            throw e;
        }
    }

    /** The fixed headers of every request; extra headers from the configuration win over these. */
    private static Map<String, String> headers(GeminiConfig config, String accept) {
        Map<String, String> defaults = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        defaults.put("Content-Type", JSON);
        defaults.put("Accept", accept);
        config.http().apiKey().ifPresent(key -> defaults.put(GeminiConfig.KEY_HEADER, key));
        return config.http().headersOver(defaults);
    }
}
