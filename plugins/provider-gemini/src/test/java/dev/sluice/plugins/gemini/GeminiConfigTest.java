package dev.sluice.plugins.gemini;

import static dev.sluice.plugins.gemini.Fixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.config.ConfigException;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.http.UpstreamOptions;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GeminiConfigTest {

    @Test
    void defaultsToTheGeminiApiV1beta() {
        GeminiConfig config = GeminiConfig.read(settings("{\"api_key\": \"k-123456\"}"));

        assertThat(config.http().baseUrl()).isEqualTo(URI.create("https://generativelanguage.googleapis.com/v1beta"));
        assertThat(config.http().options()).isEqualTo(UpstreamOptions.DEFAULTS);
        assertThat(config.http().models()).isEmpty();
        assertThat(config.http().headers()).isEmpty();
    }

    @Test
    void readsEverySharedSetting() {
        Settings settings = settings("{\"api_key\": \"k-123456\", \"base_url\": \"https://proxy.internal/gemini/v1beta/\","
                + " \"connect_timeout\": \"2s\", \"read_timeout\": \"90s\", \"max_connections\": 64,"
                + " \"models\": [\"gemini-2.5-flash\", \"gemini-2.5-pro\"], \"headers\": {\"x-team\": \"search\"}}");

        GeminiConfig config = GeminiConfig.read(settings);

        assertThat(config.http().baseUrl()).isEqualTo(URI.create("https://proxy.internal/gemini/v1beta"));
        assertThat(config.http().options())
                .isEqualTo(new UpstreamOptions(Duration.ofSeconds(2), Duration.ofSeconds(90), 64));
        assertThat(config.http().models()).containsExactly("gemini-2.5-flash", "gemini-2.5-pro");
        assertThat(config.http().headers()).containsEntry("x-team", "search");
        assertThat(settings.unreadKeys()).isEmpty();
    }

    @Test
    void apiKeyIsRequired() {
        assertThatThrownBy(() -> GeminiConfig.read(settings("{}"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("api_key").hasMessageContaining("required");
    }

    @Test
    void blankApiKeyCountsAsMissing() {
        assertThatThrownBy(() -> GeminiConfig.read(settings("{\"api_key\": \"  \"}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("api_key");
    }

    @Test
    void keyHeaderStandsInForApiKey() {
        GeminiConfig config = GeminiConfig.read(settings("{\"headers\": {\"X-Goog-Api-Key\": \"k-123456\"}}"));

        assertThat(config.http().apiKey()).isEmpty();
        assertThat(config.http().secrets()).containsExactly("k-123456");
    }

    @Test
    void authorizationHeaderStandsInForApiKey() {
        GeminiConfig config = GeminiConfig.read(settings("{\"headers\": {\"Authorization\": \"Bearer ya29.token\"}}"));

        assertThat(config.http().headers()).containsKey("authorization");
    }

    @Test
    void baseUrlMustBeHttp() {
        assertThatThrownBy(() -> GeminiConfig.read(settings("{\"api_key\": \"k\", \"base_url\": \"ftp://example.com\"}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("base_url");
    }

    @Test
    void baseUrlWithAQueryIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> GeminiConfig.read(settings("{\"api_key\": \"k\", "
                + "\"base_url\": \"https://generativelanguage.googleapis.com/v1beta?key=AIzaSecret\"}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("base_url")
                .hasMessageNotContaining("AIzaSecret");
    }

    @Test
    void timeoutsMustBePositiveDurations() {
        assertThatThrownBy(() -> GeminiConfig.read(settings("{\"api_key\": \"k\", \"read_timeout\": \"0s\"}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("read_timeout");
        assertThatThrownBy(() -> GeminiConfig.read(settings("{\"api_key\": \"k\", \"connect_timeout\": \"soon\"}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("connect_timeout");
    }

    @Test
    void maxConnectionsMustBeAtLeastOne() {
        assertThatThrownBy(() -> GeminiConfig.read(settings("{\"api_key\": \"k\", \"max_connections\": 0}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max_connections");
    }

    @Test
    void unknownKeysAreLeftUnreadForTheKernelToReport() {
        Settings settings = settings("{\"api_key\": \"k\", \"api_kye\": \"typo\"}");

        GeminiConfig.read(settings);

        assertThat(settings.unreadKeys()).containsExactly("api_kye");
    }
}
