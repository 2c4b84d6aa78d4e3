package dev.sluice.plugins.azure;

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
import dev.sluice.spi.provider.RequestHeaders;
import dev.sluice.spi.provider.UpstreamCalls;
import dev.sluice.spi.provider.UpstreamErrors;
import java.io.IOException;
import java.util.Map;

/**
 * One configured Azure OpenAI resource. Azure speaks OpenAI's format, so requests go out as they
 * are apart from the deployment and the stream flags, and complete answers come back as Azure's
 * own bytes ({@code prompt_filter_results} and {@code content_filter_results} included); streams
 * are shaped by {@link AzureChunkShaper}.
 */
final class AzureProvider extends ConfiguredProvider {
    private final AzureConfig config;
    private final UpstreamCalls calls;
    private final AzureTargets targets;
    private final RequestHeaders headers;

    AzureProvider(String name, AzureConfig config, GatewayContext context) {
        super(name, config.models(), context.clock());
        this.config = config;
        this.calls = new UpstreamCalls(context.http(config.options()),
                new UpstreamErrors(name, config.secrets(), context.clock()));
        this.targets = new AzureTargets(config);
        Map<String, String> auth = config.auth().map(a -> Map.of(a.getKey(), a.getValue())).orElse(Map.of());
        this.headers = RequestHeaders.of(auth, config.headers());
    }

    @Override
    public ChatResponse chat(ChatRequest request, Exchange exchange) {
        AzureTargets.Target target = targets.of(request.model());
        byte[] body = Json.bytes(AzureBodies.complete(request, target.deployment()));
        try (UpstreamResponse response = calls.send(UpstreamRequest.post(target.chat(), headers.complete(), body))) {
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
        UpstreamResponse response = calls.openStream(UpstreamRequest.post(target.chat(), headers.stream(), body));
        return new AzureChunkStream(response, calls.errors());
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request, Exchange exchange) {
        AzureTargets.Target target = targets.of(request.model());
        byte[] body = Json.bytes(request.withModel(target.deployment()));
        try (UpstreamResponse response = calls.send(UpstreamRequest.post(target.embeddings(), headers.complete(), body))) {
            return read(response, EmbeddingResponse.class, exchange);
        }
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
}
