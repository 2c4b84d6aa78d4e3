package dev.sluice.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.config.ConfigException;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.http.UpstreamOptions;
import dev.sluice.spi.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OpenAiConfigTest {

    static Settings settings(String json) {
        try {
            return Settings.of(Json.tree(json.getBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void emptySettingsGiveTheDefaults() {
        OpenAiConfig config = OpenAiConfig.read(settings("{}"));

        assertThat(config.baseUrl()).isEqualTo(URI.create("https://api.openai.com/v1"));
        assertThat(config.apiKey()).isEmpty();
        assertThat(config.organization()).isEmpty();
        assertThat(config.headers()).isEmpty();
        assertThat(config.options()).isEqualTo(UpstreamOptions.DEFAULTS);
        assertThat(config.streamUsage()).isTrue();
        assertThat(config.models()).isEmpty();
    }

    @Test
    void everyDocumentedKeyIsRead() {
        Settings settings = settings("""
                {"base_url": "http://localhost:11434/v1/", "api_key": "sk-local-0123456789",
                 "organization": "org-1", "headers": {"X-Team": "blue"}, "connect_timeout": "2s",
                 "read_timeout": "90s", "max_connections": 64, "idle_timeout": "5s", "stream_usage": false,
                 "models": ["llama3.2"]}
                """);

        OpenAiConfig config = OpenAiConfig.read(settings);

        assertThat(settings.unreadKeys()).isEmpty();
        assertThat(config.baseUrl()).isEqualTo(URI.create("http://localhost:11434/v1"));
        assertThat(config.options()).isEqualTo(
                new UpstreamOptions(Duration.ofSeconds(2), Duration.ofSeconds(90), 64, Duration.ofSeconds(5)));
        assertThat(config.streamUsage()).isFalse();
        assertThat(config.headers()).containsEntry("X-Team", "blue");
        assertThat(config.models()).containsExactly("llama3.2");
    }

    @Test
    void aZeroIdleTimeoutIsRejected() {
        assertThatThrownBy(() -> OpenAiConfig.read(settings("{\"idle_timeout\": \"0s\"}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("idle_timeout");
    }

    @Test
    void misspelledKeyStaysUnreadForTheKernelToReport() {
        Settings settings = settings("{\"api_kye\": \"sk-x\"}");

        OpenAiConfig.read(settings);

        assertThat(settings.unreadKeys()).containsExactly("api_kye");
    }

    @Test
    void blankApiKeyCountsAsNone() {
        assertThat(OpenAiConfig.read(settings("{\"api_key\": \"\"}")).apiKey()).isEmpty();
    }

    @Test
    void baseUrlWithoutHttpSchemeIsRejected() {
        assertThatThrownBy(() -> OpenAiConfig.read(settings("{\"base_url\": \"localhost:8080\"}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("base_url");
    }

    @Test
    void contentLengthHeaderIsRejected() {
        assertThatThrownBy(() -> OpenAiConfig.read(settings("{\"headers\": {\"Content-Length\": \"5\"}}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("headers.Content-Length");
    }

    @Test
    void zeroMaxConnectionsIsRejected() {
        assertThatThrownBy(() -> OpenAiConfig.read(settings("{\"max_connections\": 0}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max_connections");
    }

    @Test
    void apiKeyAndExtraHeaderValuesAreSecrets() {
        OpenAiConfig config = OpenAiConfig.read(
                settings("{\"api_key\": \"sk-abcdefgh\", \"headers\": {\"api-key\": \"azure-secret\"}}"));

        assertThat(config.secrets()).containsExactlyInAnyOrder("sk-abcdefgh", "azure-secret");
    }
}
