package dev.sluice.plugins.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.InboundApi;
import dev.sluice.spi.NativeRequest;
import dev.sluice.spi.NativeResponse;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.spi.http.UpstreamResponse;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.provider.ConfiguredProvider;
import dev.sluice.spi.provider.KeyRing;
import dev.sluice.spi.provider.RequestHeaders;
import dev.sluice.spi.provider.UpstreamCalls;
import dev.sluice.spi.provider.UpstreamErrors;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashSet;
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
final class AnthropicProvider extends ConfiguredProvider {
    private static final String BETA = "anthropic-beta";

    private final AnthropicConfig config;
    private final UpstreamCalls calls;
    private final Clock clock;
    private final URI messagesUri;
    private final KeyRing keys;

    AnthropicProvider(String name, AnthropicConfig config, GatewayContext context) {
        super(name, config.http().models(), context.clock());
        this.config = config;
        this.clock = context.clock();
        this.calls = new UpstreamCalls(context.http(config.http().options()),
                new UpstreamErrors(name, config.http().secrets(), clock));
        this.messagesUri = config.http().resolve("/v1/messages");
        this.keys = KeyRing.of(config.http(), this::headers, clock);
    }

    @Override
    public ChatResponse chat(ChatRequest request, Exchange exchange) {
        Optional<ObjectNode> original = nativeBody(request, exchange);
        ObjectNode body = original.orElseGet(() -> AnthropicRequests.translate(request, config.defaultMaxTokens(), false));
        body.remove("stream");
        byte[] json = Json.bytes(body);
        Set<String> betas = clientBetas(original, exchange);
        return keys.call(headers -> {
            Map<String, String> sent = withBetas(headers.complete(), betas);
            try (UpstreamResponse response = calls.send(UpstreamRequest.post(messagesUri, sent, json))) {
                byte[] bytes = calls.body(response);
                JsonNode message = parse(bytes, response.status());
                ChatResponse answer = AnthropicAnswers.translate(message, request.model(), now());
                // A client that speaks Anthropic gets these very bytes, unless a policy replaces the answer.
                exchange.attribute(NativeResponse.KEY, new NativeResponse(InboundApi.ANTHROPIC, bytes, answer));
                return answer;
            }
        });
    }

    @Override
    public ChunkStream stream(ChatRequest request, Exchange exchange) {
        Optional<ObjectNode> original = nativeBody(request, exchange);
        ObjectNode body = original.orElseGet(() -> AnthropicRequests.translate(request, config.defaultMaxTokens(), true));
        body.put("stream", true);
        byte[] json = Json.bytes(body);
        Set<String> betas = clientBetas(original, exchange);
        UpstreamResponse response = keys.call(headers -> calls.openStream(
                UpstreamRequest.post(messagesUri, withBetas(headers.stream(), betas), json)));
        // A client that speaks Anthropic gets the upstream's own events, unless a policy changes the chunks.
        return exchange.inbound() == InboundApi.ANTHROPIC
                ? AnthropicChunkStream.keepingEvents(response, calls.errors(), request.model(), now())
                : new AnthropicChunkStream(response, calls.errors(), request.model(), now());
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
    private static Set<String> clientBetas(Optional<ObjectNode> original, Exchange exchange) {
        if (original.isEmpty()) {
            return Set.of();
        }
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

    /**
     * The headers with the client's beta features added to the configured ones; the headers as
     * they are when the client asked for none (or the configuration sets the header outright).
     */
    private Map<String, String> withBetas(Map<String, String> headers, Set<String> clientBetas) {
        if (clientBetas.isEmpty() || config.http().headers().containsKey(BETA)) {
            return headers;
        }
        Set<String> betas = new LinkedHashSet<>(config.betas());
        betas.addAll(clientBetas);
        Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        copy.put(BETA, String.join(",", betas));
        return copy;
    }

    /** The request headers for one key: version, key and betas, then the configured extra headers, which win. */
    private RequestHeaders headers(Optional<String> key) {
        Map<String, String> own = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        own.put("anthropic-version", config.version());
        key.ifPresent(k -> own.put("x-api-key", k));
        if (!config.betas().isEmpty()) {
            own.put(BETA, String.join(",", config.betas()));
        }
        return RequestHeaders.of(own, config.http().headers());
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
