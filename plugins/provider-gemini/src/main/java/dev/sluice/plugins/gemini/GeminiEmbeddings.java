package dev.sluice.plugins.gemini;

import com.fasterxml.jackson.databind.JsonNode;
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
 * OpenAI embeddings in Gemini's form and back. A single string goes to {@code embedContent}
 * ({@code {"content": {"parts": [{"text"}]}}}), a list of strings to {@code batchEmbedContents}
 * ({@code {"requests": [{"model": "models/…", "content": …}]}}); {@code dimensions} becomes
 * {@code outputDimensionality}. The vectors ({@code embedding.values} or
 * {@code embeddings[].values}) come back as floats or, when the request asked for
 * {@code encoding_format: base64} (the OpenAI SDKs' default), as base64 of little-endian float32.
 * Gemini reports no token counts for embeddings, so the usage is zero.
 */
final class GeminiEmbeddings {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private GeminiEmbeddings() {
    }

    /** Whether the request is one string, answered by {@code embedContent}. */
    static boolean isSingle(EmbeddingRequest request) {
        return request.input() != null && request.input().isTextual();
    }

    /** The inputs as text; token-id inputs and empty lists are refused. */
    static List<String> texts(EmbeddingRequest request) {
        List<String> texts = request.texts();
        if (texts.isEmpty()) {
            throw InvalidRequest.at("input", "Gemini embeds text: a string or a non-empty list of strings");
        }
        return texts;
    }

    /** The body of {@code embedContent} for one text. */
    static ObjectNode single(String text, Integer dimensions) {
        return request(text, dimensions);
    }

    /** The body of {@code batchEmbedContents}; every item names the model, as Gemini requires. */
    static ObjectNode batch(String modelPath, List<String> texts, Integer dimensions) {
        ObjectNode body = NODES.objectNode();
        var requests = body.putArray("requests");
        for (String text : texts) {
            ObjectNode item = NODES.objectNode().put("model", modelPath);
            item.setAll(request(text, dimensions));
            requests.add(item);
        }
        return body;
    }

    /** The OpenAI answer for either endpoint's response. */
    static EmbeddingResponse response(JsonNode answer, EmbeddingRequest request) {
        List<JsonNode> vectors = new ArrayList<>();
        if (answer.path("embedding").isObject()) {
            vectors.add(answer.path("embedding"));
        }
        answer.path("embeddings").forEach(vectors::add);
        List<Embedding> data = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            data.add(Embedding.of(i, floats(vectors.get(i).path("values")), request.base64()));
        }
        return new EmbeddingResponse("list", data, request.model(), Usage.of(0, 0), Map.of());
    }

    private static ObjectNode request(String text, Integer dimensions) {
        ObjectNode body = NODES.objectNode();
        body.putObject("content").putArray("parts").addObject().put("text", text);
        if (dimensions != null) {
            body.put("outputDimensionality", dimensions);
        }
        return body;
    }

    private static float[] floats(JsonNode values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values.get(i).asDouble();
        }
        return out;
    }
}
