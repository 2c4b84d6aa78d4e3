package dev.sluice.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * {@code POST /v1/embeddings}: a {@code list} of {@code embedding} objects with usage. Vectors
 * are deterministic per input text (so a test can compute the expected one with
 * {@link FakeOpenAi#embeddingOf}) and unit length like OpenAI's. With
 * {@code "encoding_format": "base64"} each vector is sent as base64 of little-endian float32s.
 */
final class EmbeddingsHandler implements Handler {

    private final FakeSettings settings;
    private final RequestLog log;

    EmbeddingsHandler(FakeSettings settings, RequestLog log) {
        this.settings = settings;
        this.log = log;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) throws InterruptedException {
        long started = System.nanoTime();
        RecordedRequest request = RequestLog.capture(req);
        log.add(request);
        ResponsePlan plan = settings.planForInference();
        RequestGuard.pause(plan.latency());
        Optional<RequestGuard.Rejection> rejection = RequestGuard.check(request, plan, "input");
        if (rejection.isPresent()) {
            OpenAiHttp.sendError(res, rejection.get().error(), rejection.get().retryAfter(), started);
            return;
        }
        JsonNode body = request.body();
        int dimensions = body.path("dimensions").asInt(plan.embeddingDimensions());
        boolean base64 = "base64".equals(body.path("encoding_format").asText("float"));

        ObjectNode root = OpenAiJson.MAPPER.createObjectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        int tokens = 0;
        List<String> inputs = inputs(body.path("input"));
        for (int i = 0; i < inputs.size(); i++) {
            float[] vector = vectorFor(inputs.get(i), dimensions);
            tokens += Math.max(1, TextChunker.countTokens(inputs.get(i)));
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            if (base64) {
                item.put("embedding", toBase64(vector));
            } else {
                ArrayNode floats = item.putArray("embedding");
                for (float f : vector) {
                    floats.add(f);
                }
            }
        }
        root.put("model", request.model());
        root.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        OpenAiHttp.sendJson(res, 200, root, started);
    }

    /** A unit-length vector derived only from the text, so equal inputs give equal vectors. */
    static float[] vectorFor(String text, int dimensions) {
        Random random = new Random(seed(text));
        double[] values = new double[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            values[i] = random.nextGaussian();
            norm += values[i] * values[i];
        }
        norm = Math.sqrt(norm);
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (values[i] / norm);
        }
        return vector;
    }

    /** Little-endian IEEE-754 float32s, base64-encoded: what OpenAI sends for {@code base64}. */
    static String toBase64(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : vector) {
            buffer.putFloat(f);
        }
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    /** {@code input} may be a string, an array of strings, or token arrays; tokens become their text. */
    private static List<String> inputs(JsonNode input) {
        List<String> out = new ArrayList<>();
        if (input.isTextual()) {
            out.add(input.asText());
        } else if (input.isArray() && !input.isEmpty() && input.get(0).isNumber()) {
            out.add(input.toString()); // a single token array
        } else {
            for (JsonNode item : input) {
                out.add(item.isTextual() ? item.asText() : item.toString());
            }
        }
        return out;
    }

    private static long seed(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
