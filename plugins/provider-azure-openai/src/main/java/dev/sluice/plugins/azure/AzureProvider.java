package dev.sluice.plugins.azure;

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
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One configured Azure OpenAI resource. Azure speaks OpenAI's format, so requests go out as they
 * are apart from the deployment and the stream flags, and complete answers come back as Azure's
 * own bytes ({@code prompt_filter_results} and {@code content_filter_results} included); streams
 * are shaped by {@link AzureChunkShaper}.
 */
final class AzureProvider implements Provider {
    private static final String JSON = "application/json";
    private static final String EVENT_STREAM = "text/event-stream";

    private final String name;
    private final AzureConfig config;
    private final UpstreamCalls calls;
    private final AzureTargets targets;
    private final Map<String, String> jsonHeaders;
    private final Map<String, String> streamHeaders;
    private final List<ModelInfo> models;

    AzureProvider(String name, AzureConfig config, UpstreamClient http, Clock clock) {
        this.name = name;
        this.config = config;
        this.calls = new UpstreamCalls(http, new UpstreamErrors(name, config.secrets(), clock));
        this.targets = new AzureTargets(config);
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
        AzureTargets.Target target = targets.of(request.model());
        byte[] body = Json.bytes(AzureBodies.complete(request, target.deployment()));
        try (UpstreamResponse response = calls.send(UpstreamRequest.post(target.chat(), jsonHeaders, body))) {
            ChatResponse answer = read(response, ChatResponse.class, exchange);
            if (answer.model() != null && answer.object() != null) {
                return answer;
            }
            // Azure's own examples omit them; clients expect both. A new answer is written out anew.
            return new ChatResponse(answer.id(), answer.object() == null ? ChatResponse.OBJECT : answer.object(),
                    answer.created(), answer.model() == null ? request.model() : answer.model(), answer.choices(),
                    answer.usage(), answer.systemFingerprint(), answer.extra());
        }
    }

    @Override
    public ChunkStream stream(ChatRequest request, Exchange exchange) {
        AzureTargets.Target target = targets.of(request.model());
        byte[] body = Json.bytes(AzureBodies.streamed(request, target.deployment(), config.streamUsage()));
        UpstreamResponse response = calls.openStream(UpstreamRequest.post(target.chat(), streamHeaders, body));
        return new AzureChunkStream(response, calls.errors());
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request, Exchange exchange) {
        AzureTargets.Target target = targets.of(request.model());
        byte[] body = Json.bytes(request.withModel(target.deployment()));
        try (UpstreamResponse response = calls.send(UpstreamRequest.post(target.embeddings(), jsonHeaders, body))) {
            return read(response, EmbeddingResponse.class, exchange);
        }
    }

    @Override
    public List<ModelInfo> models() {
        return models;
    }

    private <T> T read(UpstreamResponse response, Class<T> type, Exchange exchange) {
        byte[] body = calls.body(response);
        try {
            T answer = Json.read(body, type);
            // The answer goes to the client as Azure sent it, unless a policy replaces it.
            exchange.answerJson(answer, body);
            return answer;
        } catch (IOException e) {
            throw calls.errors().unreadable(response.status(), e);
        }
    }

    /** The fixed headers of every request; extra headers from the configuration win over these. */
    private static Map<String, String> headers(AzureConfig config, String accept) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Content-Type", JSON);
        headers.put("Accept", accept);
        config.auth().ifPresent(auth -> headers.put(auth.getKey(), auth.getValue()));
        headers.putAll(config.headers());
        return Map.copyOf(headers);
    }
}
