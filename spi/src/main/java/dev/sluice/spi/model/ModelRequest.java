package dev.sluice.spi.model;

/**
 * A request addressed to a model: a chat completion or an embeddings request.
 *
 * <p>The gateway resolves {@link #model()} to a route, then hands each target a copy made with
 * {@link #withModel(String)} carrying the upstream model name.
 */
public sealed interface ModelRequest permits ChatRequest, EmbeddingRequest {

    /** The model the request names: a route name inbound, an upstream model name outbound. */
    String model();

    /** The end user's identifier from the OpenAI {@code user} field, or {@code null}. */
    String user();

    /** A copy of this request naming another model. */
    ModelRequest withModel(String model);
}
