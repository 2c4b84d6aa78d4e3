package dev.sluice.plugins.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.Secrets;
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
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One configured OpenAI-compatible upstream. Requests already are in OpenAI's format, so they go
 * out as they are, apart from the {@code stream} flags this provider owns and, for the presets,
 * their {@link RequestQuirks}; answers come back as they are, apart from the presets'
 * {@link AnswerQuirks}. A type without quirks (the plain {@code openai} type) does none of that
 * work: its requests are written once and its answers relayed as the upstream's own bytes.
 */
final class OpenAiProvider extends ConfiguredProvider {
    private final OpenAiConfig config;
    private final UpstreamCalls calls;
    private final UpstreamErrors errors;
    private final URI chatUri;
    private final URI embeddingsUri;
    private final KeyRing keys;
    private final RequestQuirks requestQuirks;
    private final AnswerQuirks answerQuirks;
    private final boolean rewritesChat;
    private final boolean rewritesEmbeddings;
    private final boolean checksAnswers;
    private final boolean reshapesStreams;

    OpenAiProvider(String name, OpenAiConfig config, GatewayContext context) {
        super(name, config.models(), context.clock());
        this.config = config;
        this.errors = new UpstreamErrors(name, config.secrets(), context.clock());
        this.calls = new UpstreamCalls(context.http(config.options()), errors);
        this.chatUri = URI.create(config.baseUrl() + "/chat/completions");
        this.embeddingsUri = URI.create(config.baseUrl() + "/embeddings");
        this.keys = KeyRing.of(config.http(), key -> RequestHeaders.of(ownHeaders(config, key), config.headers()),
                context.clock());
        this.requestQuirks = config.preset().requests();
        this.answerQuirks = config.preset().answers();
        this.rewritesChat = requestQuirks.rewritesChat();
        this.rewritesEmbeddings = requestQuirks.rewritesEmbeddings();
        this.checksAnswers = config.preset() != Preset.OPENAI;
        this.reshapesStreams = answerQuirks.rewritesStreams();
    }

    @Override
    public ChatResponse chat(ChatRequest request, Exchange exchange) {
        byte[] body = chatBody(OutboundChat.complete(request));
        return keys.call(headers -> {
            try (UpstreamResponse response = calls.send(UpstreamRequest.post(chatUri, headers.complete(), body))) {
                return checksAnswers ? readPresetAnswer(response, exchange)
                        : readAnswer(response, ChatResponse.class, exchange);
            }
        });
    }

    @Override
    public ChunkStream stream(ChatRequest request, Exchange exchange) {
        ChatRequest outbound = OutboundChat.streamed(request, config.streamUsage());
        byte[] body = chatBody(outbound);
        UpstreamResponse response = keys.call(headers ->
                calls.openStream(UpstreamRequest.post(chatUri, headers.stream(), body)));
        ChunkStream chunks = new OpenAiChunkStream(response, errors);
        return reshapesStreams ? new PresetChunkStream(chunks, answerQuirks, errors, response.status()) : chunks;
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request, Exchange exchange) {
        if (!config.preset().servesEmbeddings()) {
            throw new GatewayException(ErrorType.INVALID_REQUEST, "provider '" + name() + "' (type "
                    + config.preset().type() + ") does not serve embeddings");
        }
        byte[] body = rewritesEmbeddings
                ? Json.bytes(requestQuirks.embeddings(Json.mapper().valueToTree(request))) : Json.bytes(request);
        return keys.call(headers -> {
            try (UpstreamResponse response = calls.send(UpstreamRequest.post(embeddingsUri, headers.complete(), body))) {
                return readAnswer(response, EmbeddingResponse.class, exchange);
            }
        });
    }

    /** The request body: the request as it is, or rewritten for the preset's quirks. */
    private byte[] chatBody(ChatRequest request) {
        if (!rewritesChat) {
            return Json.bytes(request);
        }
        ObjectNode body = Json.mapper().valueToTree(request);
        return Json.bytes(requestQuirks.chat(body, name()));
    }

    /**
     * A preset's complete answer: a 200 that is an error is the upstream's failure (so the router
     * may try the next target), and the answer's own finish reasons become OpenAI's. The upstream's
     * bytes are relayed only when nothing was changed.
     */
    private ChatResponse readPresetAnswer(UpstreamResponse response, Exchange exchange) {
        byte[] body = calls.body(response);
        ChatResponse answer = parse(body, ChatResponse.class, response.status());
        Optional<String> failure = answerQuirks.failure(answer);
        if (failure.isPresent()) {
            throw new UpstreamException(response.status(), true, "provider '" + name() + "' answered with an error: "
                    + Secrets.redact(failure.get(), config.secrets()), null, null);
        }
        ChatResponse normalised = answerQuirks.normalise(answer);
        if (normalised == answer) {
            exchange.answerJson(answer, body);
        }
        return normalised;
    }

    private <T> T readAnswer(UpstreamResponse response, Class<T> type, Exchange exchange) {
        byte[] body = calls.body(response);
        T answer = parse(body, type, response.status());
        // The answer goes to the client as it came, unless a policy replaces it.
        exchange.answerJson(answer, body);
        return answer;
    }

    private <T> T parse(byte[] body, Class<T> type, int status) {
        try {
            return Json.read(body, type);
        } catch (IOException e) {
            throw errors.unreadable(status, e);
        }
    }

    /** The key, the organization and the type's own headers; the configured extra headers win over these. */
    private static Map<String, String> ownHeaders(OpenAiConfig config, Optional<String> key) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        key.ifPresent(k -> headers.put("Authorization", "Bearer " + k));
        config.organization().ifPresent(org -> headers.put("OpenAI-Organization", org));
        headers.putAll(config.typeHeaders());
        return headers;
    }
}
