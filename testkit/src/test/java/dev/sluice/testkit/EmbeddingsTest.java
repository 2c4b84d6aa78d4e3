package dev.sluice.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Map;

import static dev.sluice.testkit.FakeOpenAiCompletionTest.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /v1/embeddings} in float and base64 encodings. */
class EmbeddingsTest {

    private static FakeOpenAi upstream;
    private static SseClient client;

    @BeforeAll
    static void start() {
        upstream = FakeOpenAi.start();
        client = new SseClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        upstream.close();
    }

    @Test
    void answersAListOfFloatEmbeddings() {
        JsonNode body = embed("{\"model\":\"text-embedding-3-small\",\"input\":[\"first text\",\"second\"]}");

        assertThat(fieldNames(body)).containsExactly("object", "data", "model", "usage");
        assertThat(body.get("object").asText()).isEqualTo("list");
        assertThat(body.get("model").asText()).isEqualTo("text-embedding-3-small");
        assertThat(body.get("data")).hasSize(2);
        JsonNode second = body.at("/data/1");
        assertThat(fieldNames(second)).containsExactly("object", "index", "embedding");
        assertThat(second.get("object").asText()).isEqualTo("embedding");
        assertThat(second.get("index").asInt()).isEqualTo(1);
        assertThat(floats(second.get("embedding"))).containsExactly(FakeOpenAi.embeddingOf("second", 8));
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(3);
        assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void base64EmbeddingsDecodeToTheSameFloats() {
        String input = "\"model\":\"text-embedding-3-small\",\"input\":\"same text\",\"dimensions\":16";
        JsonNode asFloats = embed("{" + input + "}");
        JsonNode asBase64 = embed("{" + input + ",\"encoding_format\":\"base64\"}");

        float[] expected = floats(asFloats.at("/data/0/embedding"));
        String encoded = asBase64.at("/data/0/embedding").asText();
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(encoded)).order(ByteOrder.LITTLE_ENDIAN);
        float[] decoded = new float[bytes.remaining() / Float.BYTES];
        for (int i = 0; i < decoded.length; i++) {
            decoded[i] = bytes.getFloat();
        }

        assertThat(expected).hasSize(16);
        assertThat(decoded).containsExactly(expected);
        assertThat(decoded).containsExactly(FakeOpenAi.embeddingOf("same text", 16));
    }

    private static JsonNode embed(String body) {
        HttpResult result = client.postJson(upstream.baseUrl() + "/embeddings", body, Map.of());
        assertThat(result.status()).isEqualTo(200);
        return result.json();
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).floatValue();
        }
        return out;
    }
}
