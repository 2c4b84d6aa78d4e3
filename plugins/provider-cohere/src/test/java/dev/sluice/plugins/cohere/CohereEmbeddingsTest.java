package dev.sluice.plugins.cohere;

import static dev.sluice.plugins.cohere.Fixtures.json;
import static dev.sluice.plugins.cohere.Fixtures.read;
import static dev.sluice.plugins.cohere.Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.Provider;
import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.model.EmbeddingRequest;
import dev.sluice.spi.model.EmbeddingResponse;
import dev.sluice.testkit.replay.Replay;
import dev.sluice.testkit.replay.ReplayUpstream;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CohereEmbeddingsTest {

    private static EmbeddingRequest request(String json) {
        return read(json, EmbeddingRequest.class);
    }

    private static JsonNode cohere(String json) {
        return wire(CohereEmbeddings.request(request(json), "search_document"));
    }

    @Test
    void translatesAnOpenAiRequestToACohereEmbedRequest() {
        JsonNode body = wire(CohereEmbeddings.request(read(Fixtures.text("embeddings/request.openai.json"),
                EmbeddingRequest.class), "search_document"));

        assertThat(body).isEqualTo(json("embeddings/request.cohere.json"));
    }

    @Test
    void translatesCoheresFloatVectorsToAnOpenAiList() {
        EmbeddingRequest request = request("{\"model\": \"embed-v4.0\", \"input\": [\"hello\", \"goodbye\"], \"encoding_format\": \"float\"}");

        EmbeddingResponse answer = CohereEmbeddings.answer(json("embeddings/response.cohere.json"), request);

        assertThat(wire(answer)).isEqualTo(json("embeddings/response.openai.json"));
    }

    @Test
    void encodesVectorsAsBase64WhenAskedAsTheOpenAiSdkDoes() {
        EmbeddingRequest request = request("{\"model\": \"embed-v4.0\", \"input\": [\"hello\", \"goodbye\"], \"encoding_format\": \"base64\"}");

        EmbeddingResponse answer = CohereEmbeddings.answer(json("embeddings/response.cohere.json"), request);

        assertThat(answer.data().get(0).embedding().isTextual()).isTrue();
        assertThat(answer.data().get(0).vector()).containsExactly(0.016296387f, -0.008354187f, -0.04699707f, -0.07104492f);
    }

    @Test
    void aSingleStringIsOneText() {
        assertThat(cohere("{\"model\": \"embed-v4.0\", \"input\": \"hello\"}").path("texts")).hasSize(1);
    }

    @Test
    void inputTypeOfTheRequestWinsOverTheConfiguredOne() {
        assertThat(cohere("{\"model\": \"embed-v4.0\", \"input\": \"q\", \"input_type\": \"search_query\"}")
                .path("input_type").asText()).isEqualTo("search_query");
    }

    @Test
    void tokenIdInputIsRefused() {
        assertThatThrownBy(() -> cohere("{\"model\": \"embed-v4.0\", \"input\": [[9906, 1917]]}"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.param()).contains("input");
                });
    }

    @Test
    void moreThanNinetySixInputsAreRefused() {
        String inputs = IntStream.range(0, 97).mapToObj(i -> "\"t" + i + "\"").collect(Collectors.joining(","));

        assertThatThrownBy(() -> cohere("{\"model\": \"embed-v4.0\", \"input\": [" + inputs + "]}"))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.getMessage()).contains("96"));
    }

    @Test
    void answerWithoutFloatVectorsIsRefused() {
        assertThatThrownBy(() -> CohereEmbeddings.answer(Fixtures.tree("{\"id\": \"x\", \"embeddings\": {}}"),
                request("{\"model\": \"embed-v4.0\", \"input\": \"hello\"}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void embedPostsToV2EmbedWithTheConfiguredInputType() {
        try (ReplayUpstream upstream = ReplayUpstream.start()) {
            upstream.enqueue(Replay.resource("cohere/embeddings/response.cohere.json"));
            Provider provider = Fixtures.provider(upstream, "\"embed_input_type\": \"classification\"");
            EmbeddingRequest request = request("{\"model\": \"embed-v4.0\", \"input\": [\"hello\", \"goodbye\"]}");

            EmbeddingResponse answer = provider.embed(request, Fixtures.exchange(request));

            assertThat(upstream.lastRequest().path()).isEqualTo("/v2/embed");
            assertThat(upstream.lastRequest().header("authorization")).contains("Bearer " + Fixtures.KEY);
            assertThat(upstream.lastRequest().body().path("input_type").asText()).isEqualTo("classification");
            assertThat(answer.data()).hasSize(2);
            assertThat(answer.usage().promptTokens()).isEqualTo(2);
        }
    }

    @Test
    void embedErrorsAreUpstreamErrors() {
        try (ReplayUpstream upstream = ReplayUpstream.start()) {
            upstream.enqueue(Replay.json(400, "{\"id\": \"e1\", \"message\": \"invalid request: valid input_type must be provided with the provided model\"}"));
            Provider provider = Fixtures.provider(upstream);
            EmbeddingRequest request = request("{\"model\": \"embed-v4.0\", \"input\": \"hello\"}");

            assertThatThrownBy(() -> provider.embed(request, Fixtures.exchange(request)))
                    .isInstanceOfSatisfying(UpstreamException.class, e -> {
                        assertThat(e.upstreamStatus()).isEqualTo(400);
                        assertThat(e.getMessage()).contains("valid input_type must be provided");
                    });
        }
    }
}
