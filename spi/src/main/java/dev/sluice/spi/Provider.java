package dev.sluice.spi;

import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.EmbeddingRequest;
import dev.sluice.spi.model.EmbeddingResponse;
import dev.sluice.spi.model.ModelInfo;
import java.util.List;

/**
 * One configured upstream provider, made by a {@link ProviderAdapter}. It translates canonical
 * (OpenAI-format) requests to its upstream's format and back.
 *
 * <p>Every method is called concurrently from many virtual threads and blocks until the upstream
 * answers. Failures are thrown as {@link UpstreamException} (status, retryability,
 * {@code Retry-After}) so that the failover executor can decide whether to try the next target;
 * messages never contain a secret.
 */
public interface Provider extends AutoCloseable {

    /** The configured name of this provider. */
    String name();

    /** A complete chat answer. {@code request.model()} is already the upstream model name. */
    ChatResponse chat(ChatRequest request, Exchange exchange);

    /**
     * A streamed chat answer. Returns once the upstream has accepted the request (status 200),
     * so that failures before the first chunk can still fail over. End the stream with a
     * usage-only chunk whenever the usage is known, whether or not the request asked for it: the
     * gateway needs it for cost and audit, and removes it for clients that did not ask.
     */
    ChunkStream stream(ChatRequest request, Exchange exchange);

    /** Embeddings; providers without them keep this default, which rejects the request. */
    default EmbeddingResponse embed(EmbeddingRequest request, Exchange exchange) {
        throw new GatewayException(ErrorType.INVALID_REQUEST,
                "provider '" + name() + "' does not serve embeddings");
    }

    /** Models this provider knows it serves, for {@code GET /v1/models}; may be empty. */
    default List<ModelInfo> models() {
        return List.of();
    }

    /** Releases what the provider holds; called when a reload replaces it. */
    @Override
    default void close() {
    }
}
