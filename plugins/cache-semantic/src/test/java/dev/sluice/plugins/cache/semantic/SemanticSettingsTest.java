package dev.sluice.plugins.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.config.ConfigException;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.json.Json;
import dev.sluice.testkit.client.TestGatewayContext;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class SemanticSettingsTest {

    private static Settings settings(String json) throws IOException {
        return Settings.of(Json.mapper().readTree(json));
    }

    @Test
    void nothingSetMeansTheDocumentedDefaults() {
        assertThat(SemanticSettings.read(Settings.empty("cache.stores[1]"))).isEqualTo(
                new SemanticSettings(0.93, 10_000, 4_000, true));
    }

    @Test
    void everyKeyIsRead() throws IOException {
        Settings s = settings("""
                {"type": "semantic", "threshold": 0.9, "max_entries": 500, "max_prompt_chars": 2000,
                 "word_checks": false, "embedder": {"type": "openai", "base_url": "http://127.0.0.1:9/v1",
                 "api_key": "k", "model": "m", "dimensions": 256, "timeout": "3s"}}""");
        s.markRead("type");

        SemanticSettings read = SemanticSettings.read(s);
        Embedders.open(s, TestGatewayContext.create());

        assertThat(read).isEqualTo(new SemanticSettings(0.9, 500, 2000, false));
        assertThat(s.unreadKeys()).isEmpty();
    }

    @Test
    void aThresholdOutsideZeroToOneIsAnError() throws IOException {
        assertThatThrownBy(() -> SemanticSettings.read(settings("{\"threshold\": 1.5}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("threshold");
        assertThatThrownBy(() -> SemanticSettings.read(settings("{\"threshold\": 0}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("threshold");
    }

    @Test
    void boundsBelowOneAreErrors() throws IOException {
        assertThatThrownBy(() -> SemanticSettings.read(settings("{\"max_entries\": 0}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max_entries");
        assertThatThrownBy(() -> SemanticSettings.read(settings("{\"max_prompt_chars\": -1}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max_prompt_chars");
    }

    @Test
    void anUnknownEmbedderIsAnError() throws IOException {
        assertThatThrownBy(() -> Embedders.open(settings("{\"embedder\": {\"type\": \"word2vec\"}}"),
                TestGatewayContext.create()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("word2vec").hasMessageContaining("local");
    }

    @Test
    void anUnknownKeyOfTheEmbedderIsAnError() throws IOException {
        assertThatThrownBy(() -> Embedders.open(settings("{\"embedder\": {\"type\": \"openai\", \"api_kye\": \"k\"}}"),
                TestGatewayContext.create()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("embedder.api_kye");
        assertThatThrownBy(() -> Embedders.open(settings("{\"embedder\": {\"type\": \"local\", \"model\": \"x\"}}"),
                TestGatewayContext.create()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("embedder.model");
    }

    @Test
    void aBaseUrlThatIsNotHttpIsAnError() throws IOException {
        assertThatThrownBy(() -> Embedders.open(settings("{\"embedder\": {\"type\": \"openai\", "
                + "\"base_url\": \"api.openai.com/v1\"}}"), TestGatewayContext.create()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("base_url");
    }

    @Test
    void theEmbedderMayBeNamedAlone() throws IOException {
        Settings s = settings("{\"embedder\": \"local\"}");

        assertThat(Embedders.open(s, TestGatewayContext.create())).isInstanceOf(LocalEmbedder.class);
        assertThat(s.unreadKeys()).isEmpty();
    }
}
