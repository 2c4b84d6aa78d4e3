package dev.sluice.plugins.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.InboundApi;
import dev.sluice.spi.NativeRequest;
import dev.sluice.spi.NativeResponse;
import dev.sluice.spi.Provider;
import dev.sluice.spi.http.UpstreamClient;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.spi.http.UpstreamResponse;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.ModelInfo;
import dev.sluice.spi.provider.UpstreamCalls;
import dev.sluice.spi.provider.UpstreamErrors;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One configured Anthropic upstream: chat requests go to {@code POST {base_url}/v1/messages},
 * translated from OpenAI's format by {@link AnthropicRequests}, or, when the client itself spoke
 * Anthropic's Messages API and the request is unchanged, as the client's own body. Complete
 * answers are translated back by {@link AnthropicAnswers} and also kept as they came
 * ({@link NativeResponse}) for clients that speak Anthropic; streams are translated event by event
 * by {@link AnthropicChunkStream}, which also hands out the events as they came to such clients.
 */
final class AnthropicProvider implements Provider {
    private static final String JSON = "application/json";
    private static final String EVENT_STREAM = "text/event-stream";
    private static final String BETA = "anthropic-beta";

    private final String name;
    private final AnthropicConfig config;
    private final UpstreamCalls calls;
    private final Clock clock;
    private final URI messagesUri;
    private final List<ModelInfo> models;

    AnthropicProvider(String name, AnthropicConfig config, UpstreamClient http, Clock clock) {
        this.name = name;
        this.config = config;
        this.calls = new UpstreamCalls(http, new UpstreamErrors(name, config.http().secrets(), clock));
        this.clock = clock;
        this.messagesUri = config.http().resolve("/v1/messages");
        long created = clock.instant().getEpochSecond();
        this.models = config.http().models().stream().map(id -> ModelInfo.of(id, name, created)).toList();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ChatResponse chat(ChatRequest request, Exchange exchange) {
        Optional<ObjectNode> original = nativeBody(request, exchange);
        ObjectNode body = original.orElseGet(() -> AnthropicRequests.translate(request, config.defaultMaxTokens(), false));
        body.remove("stream");
        Map<String, String> headers = headers(JSON, original.isPresent() ? clientBetas(exchange) : Set.of());
        try (UpstreamResponse response = calls.send(UpstreamRequest.post(messagesUri, headers, Json.bytes(body)))) {
            byte[] bytes = calls.body(response);
            JsonNode message = parse(bytes, response.status());
            ChatResponse answer = AnthropicAnswers.translate(message, request.model(), now());
            // A client that speaks Anthropic gets these very bytes, unless a policy replaces the answer.
            exchange.attribute(NativeResponse.KEY, new NativeResponse(InboundApi.ANTHROPIC, bytes, answer));
            return answer;
        }
    }

    @Override
    public ChunkStream stream(ChatRequest request, Exchange exchange) {
        Optional<ObjectNode> original = nativeBody(request, exchange);
        ObjectNode body = original.orElseGet(() -> AnthropicRequests.translate(request, config.defaultMaxTokens(), true));
        body.put("stream", true);
        Map<String, String> headers = headers(EVENT_STREAM, original.isPresent() ? clientBetas(exchange) : Set.of());
        UpstreamResponse response = calls.openStream(UpstreamRequest.post(messagesUri, headers, Json.bytes(body)));
        // A client that speaks Anthropic gets the upstream's own events, unless a policy wraps the stream.
        return exchange.inbound() == InboundApi.ANTHROPIC
                ? AnthropicChunkStream.keepingEvents(response, calls.errors(), request.model(), now())
                : new AnthropicChunkStream(response, calls.errors(), request.model(), now());
    }

    @Override
    public List<ModelInfo> models() {
        return models;
    }

    /** The client's own Anthropic body, when it spoke Anthropic and the request is unchanged since. */
    private static Optional<ObjectNode> nativeBody(ChatRequest request, Exchange exchange) {
        return exchange.attribute(NativeRequest.KEY)
                .flatMap(original -> original.bodyFor(InboundApi.ANTHROPIC, request));
    }

    /**
     * The beta features a client speaking Anthropic asked for: its body may use them, so they go
     * along with its body (together with the configured ones).
     */
    private static Set<String> clientBetas(Exchange exchange) {
        Set<String> betas = new LinkedHashSet<>();
        exchange.requestHeader(BETA).ifPresent(value -> {
            for (String beta : value.split(",")) {
                if (!beta.isBlank()) {
                    betas.add(beta.trim());
                }
            }
        });
        return betas;
    }

    private JsonNode parse(byte[] bytes, int status) {
        try {
            JsonNode message = Json.tree(bytes);
            if (message == null || !message.path("content").isArray()) {
                throw calls.errors().unreadable(status, new IOException("the answer has no content array"));
            }
            return message;
        } catch (IOException e) {
            throw calls.errors().unreadable(status, e);
        }
    }

    /** The request headers: the defaults, then the configured extra headers, which win. */
    private Map<String, String> headers(String accept, Set<String> extraBetas) {
        Map<String, String> defaults = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        defaults.put("Content-Type", JSON);
        defaults.put("Accept", accept);
        defaults.put("anthropic-version", config.version());
        config.http().apiKey().ifPresent(key -> defaults.put("x-api-key", key));
        Set<String> betas = new LinkedHashSet<>(config.betas());
        betas.addAll(extraBetas);
        if (!betas.isEmpty()) {
            defaults.put(BETA, String.join(",", betas));
        }
        return config.http().headersOver(defaults);
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
