package dev.sluice.plugins.cohere;

import static dev.sluice.plugins.cohere.Fixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.config.ConfigException;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.http.UpstreamOptions;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CohereConfigTest {

    @Test
    void emptySettingsGiveTheDefaults() {
        CohereConfig config = CohereConfig.read(settings("{}"));

        assertThat(config.http().baseUrl()).isEqualTo(URI.create("https://api.cohere.com"));
        assertThat(config.http().apiKey()).isEmpty();
        assertThat(config.http().headers()).isEmpty();
        assertThat(config.http().options()).isEqualTo(UpstreamOptions.DEFAULTS);
        assertThat(config.http().models()).isEmpty();
        assertThat(config.embedInputType()).isEqualTo("search_document");
    }

    @Test
    void everyDocumentedKeyIsRead() {
        Settings settings = settings("""
                {"base_url": "https://cohere.proxy.test/", "api_key": "co-0123456789abcdef",
                 "headers": {"X-Client-Name": "sluice"}, "connect_timeout": "2s", "read_timeout": "90s",
                 "max_connections": 64, "models": ["command-a-03-2025"], "embed_input_type": "search_query"}
                """);

        CohereConfig config = CohereConfig.read(settings);

        assertThat(settings.unreadKeys()).isEmpty();
        assertThat(config.http().baseUrl()).isEqualTo(URI.create("https://cohere.proxy.test"));
        assertThat(config.http().apiKey()).contains("co-0123456789abcdef");
        assertThat(config.http().options()).isEqualTo(new UpstreamOptions(Duration.ofSeconds(2), Duration.ofSeconds(90), 64));
        assertThat(config.http().headers()).containsEntry("X-Client-Name", "sluice");
        assertThat(config.http().models()).containsExactly("command-a-03-2025");
        assertThat(config.embedInputType()).isEqualTo("search_query");
    }

    @Test
    void misspelledKeyStaysUnreadForTheKernelToReport() {
        Settings settings = settings("{\"api_kye\": \"co-x\"}");

        CohereConfig.read(settings);

        assertThat(settings.unreadKeys()).containsExactly("api_kye");
    }

    @Test
    void unknownEmbedInputTypeIsRejected() {
        assertThatThrownBy(() -> CohereConfig.read(settings("{\"embed_input_type\": \"documents\"}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("embed_input_type")
                .hasMessageContaining("search_document");
    }

    @Test
    void baseUrlWithoutHttpSchemeIsRejected() {
        assertThatThrownBy(() -> CohereConfig.read(settings("{\"base_url\": \"api.cohere.com\"}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("base_url");
    }

    @Test
    void zeroReadTimeoutIsRejected() {
        assertThatThrownBy(() -> CohereConfig.read(settings("{\"read_timeout\": \"0s\"}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("read_timeout");
    }

    @Test
    void apiKeyAndExtraHeaderValuesAreSecrets() {
        CohereConfig config = CohereConfig.read(settings("{\"api_key\": \"co-abcdefgh\", \"headers\": {\"X-Token\": \"proxy-secret\"}}"));

        assertThat(config.secrets()).containsExactlyInAnyOrder("co-abcdefgh", "proxy-secret");
    }
}
