package dev.sluice.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.model.ChatRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * The request exactly as the client sent it in its own dialect, kept on the exchange next to its
 * canonical translation. A provider that speaks that dialect natively sends the original body
 * instead of translating twice, so that what the canonical model cannot carry (Anthropic's
 * {@code cache_control}, {@code thinking}, {@code top_k}, …) reaches the upstream intact:
 * <pre>{@code
 * Optional<ObjectNode> body = exchange.attribute(NativeRequest.KEY)
 *         .flatMap(original -> original.bodyFor(InboundApi.ANTHROPIC, request));
 * }</pre>
 *
 * @param api the dialect the client spoke
 * @param body the client's request body
 * @param translated the canonical request the kernel translated it to
 */
public record NativeRequest(InboundApi api, ObjectNode body, ChatRequest translated) {

    /** Where the kernel keeps the native request of an exchange. */
    public static final AttributeKey<NativeRequest> KEY = AttributeKey.of("native-request", NativeRequest.class);

    public NativeRequest {
        Objects.requireNonNull(api);
        body = body.deepCopy();
        Objects.requireNonNull(translated);
    }

    /**
     * The original body with {@code model} (and {@code stream}) set as the given request has
     * them, when the client spoke {@code dialect} and nothing but the model (and stream flags) was
     * changed since the translation; empty otherwise, since then the translation is the truth.
     */
    public Optional<ObjectNode> bodyFor(InboundApi dialect, ChatRequest request) {
        if (dialect != api || !sameApartFromModel(request)) {
            return Optional.empty();
        }
        ObjectNode copy = body.deepCopy();
        copy.put("model", request.model());
        if (request.isStream()) {
            copy.put("stream", true);
        } else {
            copy.remove("stream");
        }
        return Optional.of(copy);
    }

    private boolean sameApartFromModel(ChatRequest request) {
        ChatRequest normalised = request.withModel(translated.model()).withStream(translated.stream())
                .withStreamOptions(translated.streamOptions());
        return normalised.equals(translated);
    }

    /** The client's body as a tree (a copy). */
    public JsonNode bodyTree() {
        return body.deepCopy();
    }
}
