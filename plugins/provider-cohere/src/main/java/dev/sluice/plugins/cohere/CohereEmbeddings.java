package dev.sluice.plugins.cohere;

import static dev.sluice.plugins.cohere.CohereMessages.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.model.Embedding;
import dev.sluice.spi.model.EmbeddingRequest;
import dev.sluice.spi.model.EmbeddingResponse;
import dev.sluice.spi.model.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OpenAI embeddings requests as Cohere v2 {@code POST /v2/embed} bodies, and Cohere's answers
 * back: pure, JSON in and JSON out. Cohere is always asked for {@code float} vectors; the answer
 * is encoded as the client asked ({@code encoding_format: base64}, the OpenAI SDK's default, or
 * floats).
 */
final class CohereEmbeddings {
    /** Cohere's limit of texts per call. */
    static final int MAX_TEXTS = 96;

    /** Cohere's own embed fields, taken from the request's extra fields as they are. */
    static final List<String> NATIVE_FIELDS = List.of("truncate", "max_tokens", "priority");

    private CohereEmbeddings() {
    }

    /**
     * The Cohere body.
     *
     * @param request the canonical request; its {@code model} is the upstream model
     * @param defaultInputType the {@code input_type} when the request's extra fields name none
     */
    static ObjectNode request(EmbeddingRequest request, String defaultInputType) {
        List<String> texts = request.texts();
        if (texts.isEmpty()) {
            throw invalid("input", "Cohere embeds text: input must be a string or a non-empty list of strings");
        }
        if (texts.size() > MAX_TEXTS) {
            throw invalid("input", "Cohere embeds at most " + MAX_TEXTS + " inputs per request, got " + texts.size());
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("model", request.model());
        ArrayNode array = body.putArray("texts");
        texts.forEach(array::add);
        JsonNode inputType = request.extra().get("input_type");
        body.put("input_type", inputType != null && inputType.isTextual() ? inputType.asText() : defaultInputType);
        body.putArray("embedding_types").add("float");
        if (request.dimensions() != null) {
            body.put("output_dimension", request.dimensions());
        }
        for (String field : NATIVE_FIELDS) {
            JsonNode value = request.extra().get(field);
            if (value != null && !value.isNull()) {
                body.set(field, value);
            }
        }
        return body;
    }

    /**
     * The OpenAI answer.
     *
     * @param answer Cohere's response body
     * @param request the request it answers (for the model and the encoding)
     * @throws IllegalArgumentException when the body holds no float vectors
     */
    static EmbeddingResponse answer(JsonNode answer, EmbeddingRequest request) {
        JsonNode vectors = answer.path("embeddings").path("float");
        if (!vectors.isArray()) {
            throw new IllegalArgumentException("the answer has no float embeddings");
        }
        List<Embedding> data = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            JsonNode vector = vectors.get(i);
            float[] values = new float[vector.size()];
            for (int v = 0; v < values.length; v++) {
                values[v] = (float) vector.get(v).asDouble();
            }
            data.add(Embedding.of(i, values, request.base64()));
        }
        int tokens = (int) Math.round(answer.path("meta").path("billed_units").path("input_tokens").asDouble(0));
        Usage usage = new Usage(tokens, 0, tokens, null, null, Map.of());
        return new EmbeddingResponse("list", data, request.model(), usage, Map.of());
    }
}
