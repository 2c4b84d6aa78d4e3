package dev.sluice.spi.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.sluice.spi.json.Json;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class WireRoundTripTest {

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = WireRoundTripTest.class.getResourceAsStream("/golden/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void chatRequestSurvivesARoundTripWithUnknownFieldsAndContentParts() throws IOException {
        byte[] original = golden("chat-request.json");
        ChatRequest request = Json.read(original, ChatRequest.class);

        JsonNode written = Json.tree(Json.bytes(request));
        JsonNode expected = Json.tree(original);
        // "content": null is dropped on the way out; OpenAI treats absent and null alike.
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected.get("messages").get(2)).remove("content");
        assertThat(written).isEqualTo(expected);
    }

    @Test
    void chatRequestExposesTheFieldsTheGatewayReads() throws IOException {
        ChatRequest request = Json.read(golden("chat-request.json"), ChatRequest.class);

        assertThat(request.isStream()).isTrue();
        assertThat(request.includeUsage()).isTrue();
        assertThat(request.effectiveMaxTokens()).contains(256);
        assertThat(request.messages().get(1).content().isParts()).isTrue();
        assertThat(request.messages().get(1).text()).isEqualTo("What is in this image?");
        assertThat(request.messages().get(1).content().parts().get(1).imageUrl().detail()).isEqualTo("low");
        assertThat(request.messages().get(2).toolCalls().get(0).function().name()).isEqualTo("get_weather");
        assertThat(request.extra()).containsKeys("metadata", "reasoning_effort", "logit_bias");
    }

    @Test
    void withModelKeepsEverythingElse() throws IOException {
        ChatRequest request = Json.read(golden("chat-request.json"), ChatRequest.class);
        ChatRequest upstream = request.withModel("gpt-4o-2024-08-06");

        assertThat(upstream.model()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(Json.tree(Json.bytes(upstream.withModel("gpt-4o")))).isEqualTo(Json.tree(Json.bytes(request)));
    }

    @Test
    void contentOfTheWrongTypeIsRejectedWithItsPath() {
        String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":42}]}";
        assertThatThrownBy(() -> Json.read(body, ChatRequest.class))
                .isInstanceOf(MismatchedInputException.class)
                .satisfies(e -> assertThat(((MismatchedInputException) e).getPathReference()).contains("content"));
    }

    @Test
    void streamChunkWithUsageRoundTrips() throws IOException {
        String chunk = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"gpt-4o\",\"system_fingerprint\":\"fp_1\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":12,\"total_tokens\":21,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":0}}}";
        ChatChunk parsed = Json.read(chunk, ChatChunk.class);

        assertThat(parsed.isUsageOnly()).isTrue();
        assertThat(parsed.usage().totalTokens()).isEqualTo(21);
        assertThat(Json.tree(Json.bytes(parsed))).isEqualTo(Json.tree(chunk.getBytes()));
    }

    @Test
    void embeddingsDecodeFromBase64AndFloats() {
        float[] vector = {0.25f, -1.5f, 3f};
        assertThat(Embedding.of(0, vector, true).vector()).containsExactly(vector);
        assertThat(Embedding.of(0, vector, false).vector()).containsExactly(vector);
    }

    @Test
    void aChunkChoiceWritesFinishReasonNullUntilTheLastChunk() {
        ChunkChoice choice = new ChunkChoice(0, Message.of("assistant", "Hi"), null, null, java.util.Map.of());

        assertThat(Json.string(choice)).contains("\"finish_reason\":null");
    }
}
