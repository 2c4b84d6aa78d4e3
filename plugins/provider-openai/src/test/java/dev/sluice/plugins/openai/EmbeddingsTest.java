package dev.sluice.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.Provider;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.EmbeddingRequest;
import dev.sluice.testkit.client.TestGatewayContext;
import dev.sluice.testkit.replay.Replay;
import dev.sluice.testkit.replay.ReplayUpstream;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EmbeddingsTest {
    @AutoClose
    private final ReplayUpstream upstream = ReplayUpstream.start()
            .always(Replay.resource("transcripts/embeddings.json"));

    static EmbeddingRequest request() {
        return new EmbeddingRequest("embed-model", Json.mapper().valueToTree(java.util.List.of("hello")), "float", 256,
                "user-1", Map.of());
    }

    private Provider provider(Preset preset) {
        return Adapters.of(preset).create(preset.type(), OpenAiConfigTest.settings(Adapters.settings(Map.of(
                "api_key", Adapters.KEY, "base_url", upstream.baseUrl() + "/v1"))), TestGatewayContext.create());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"GROQ", "DEEPSEEK"})
    void typesWithoutEmbeddingsRefuseBeforeAnyCall(Preset preset) {
        Provider provider = provider(preset);

        assertThatThrownBy(() -> provider.embed(request(), Adapters.exchange(Adapters.hello(false))))
                .isInstanceOf(GatewayException.class)
                .hasMessage("provider '" + preset.type() + "' (type " + preset.type() + ") does not serve embeddings")
                .satisfies(e -> assertThat(((GatewayException) e).type()).isEqualTo(ErrorType.INVALID_REQUEST));
        assertThat(upstream.requestCount()).isZero();
    }

    @Test
    void mistralEmbeddingsAskForTheOutputDimensionWithoutTheUser() {
        float[] vector = provider(Preset.MISTRAL).embed(request(), Adapters.exchange(Adapters.hello(false)))
                .data().get(0).vector();

        assertThat(upstream.lastRequest().path()).isEqualTo("/v1/embeddings");
        assertThat(upstream.lastRequest().body().get("output_dimension").asInt()).isEqualTo(256);
        assertThat(upstream.lastRequest().body().has("dimensions")).isFalse();
        assertThat(upstream.lastRequest().body().has("user")).isFalse();
        assertThat(vector).containsExactly(-0.006929283f, -0.005336422f, 0.024047505f);
    }

    @Test
    void otherTypesSendTheEmbeddingsRequestAsItIs() {
        provider(Preset.TOGETHER).embed(request(), Adapters.exchange(Adapters.hello(false)));

        assertThat(upstream.lastRequest().body().get("dimensions").asInt()).isEqualTo(256);
        assertThat(upstream.lastRequest().body().get("user").asText()).isEqualTo("user-1");
    }
}
