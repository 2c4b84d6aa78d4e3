package dev.sluice.plugins.mock;

import static dev.sluice.plugins.mock.MockRequests.exchange;
import static dev.sluice.plugins.mock.MockRequests.mock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.EmbeddingRequest;
import dev.sluice.spi.model.EmbeddingResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MockEmbeddingsTest {

    private static EmbeddingRequest request(Object input, String format, Integer dimensions) {
        return new EmbeddingRequest("mock-embed", Json.mapper().valueToTree(input), format, dimensions, null, Map.of());
    }

    private static EmbeddingResponse embed(EmbeddingRequest request) {
        return mock().embed(request, exchange(request));
    }

    private static float[] vector(String text) {
        return embed(request(text, null, null)).data().get(0).vector();
    }

    @Test
    void equalTextsGetEqualVectors() {
        assertThat(vector("the same words")).containsExactly(vector("the same words"));
    }

    @Test
    void differentTextsGetDifferentVectors() {
        assertThat(vector("one text")).isNotEqualTo(vector("another text"));
    }

    @Test
    void vectorsAreUnitLength() {
        double squares = 0;
        for (float v : vector("normalise me")) {
            squares += v * v;
        }

        assertThat(squares).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void vectorsHaveEightDimensionsByDefault() {
        assertThat(vector("short")).hasSize(MockProvider.DEFAULT_DIMENSIONS);
    }

    @Test
    void requestedDimensionsAreHonoured() {
        assertThat(embed(request("short", null, 256)).data().get(0).vector()).hasSize(256);
    }

    @Test
    void oneVectorPerInputInOrder() {
        EmbeddingResponse response = embed(request(List.of("a", "b", "c"), null, null));

        assertThat(response.data()).extracting(e -> e.index()).containsExactly(0, 1, 2);
        assertThat(response.data().get(1).vector()).containsExactly(vector("b"));
    }

    @Test
    void base64EncodingIsHonoured() {
        EmbeddingResponse response = embed(request("encode me", "base64", null));

        assertThat(response.data().get(0).embedding().isTextual()).isTrue();
        assertThat(response.data().get(0).vector()).containsExactly(vector("encode me"));
    }

    @Test
    void usageCountsTheWordsOfAllInputs() {
        EmbeddingResponse response = embed(request(List.of("one two", "three"), null, null));

        assertThat(response.usage().promptTokens()).isEqualTo(3);
        assertThat(response.usage().totalTokens()).isEqualTo(3);
        assertThat(response.model()).isEqualTo("mock-embed");
    }

    @Test
    void tokenIdInputIsEmbeddedToo() {
        EmbeddingResponse response = embed(request(List.of(List.of(1, 2), List.of(3)), null, null));

        assertThat(response.data()).hasSize(2);
    }

    @Test
    void emptyInputIsAnInvalidRequest() {
        assertThatThrownBy(() -> embed(request(List.of(), null, null))).isInstanceOf(GatewayException.class)
                .satisfies(e -> assertThat(((GatewayException) e).type()).isEqualTo(ErrorType.INVALID_REQUEST));
    }

    @Test
    void errorTriggerInAnInputFailsWithThatStatus() {
        assertThatThrownBy(() -> embed(request(List.of("fine", "/error 502"), null, null)))
                .isInstanceOf(UpstreamException.class)
                .satisfies(e -> assertThat(((UpstreamException) e).upstreamStatus()).isEqualTo(502));
    }
}
