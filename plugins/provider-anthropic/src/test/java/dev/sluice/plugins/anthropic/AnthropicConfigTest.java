package dev.sluice.plugins.anthropic;

import static dev.sluice.plugins.anthropic.Fixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.config.ConfigException;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.http.UpstreamOptions;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AnthropicConfigTest {

    @Test
    void emptySettingsGiveTheDefaults() {
        AnthropicConfig config = AnthropicConfig.read(settings("{}"));

        assertThat(config.http().baseUrl()).isEqualTo(URI.create("https://api.anthropic.com"));
        assertThat(config.http().apiKey()).isEmpty();
        assertThat(config.http().headers()).isEmpty();
        assertThat(config.http().options()).isEqualTo(UpstreamOptions.DEFAULTS);
        assertThat(config.http().models()).isEmpty();
        assertThat(config.version()).isEqualTo("2023-06-01");
        assertThat(config.betas()).isEmpty();
        assertThat(config.defaultMaxTokens()).isEqualTo(4096);
    }

    @Test
    void everyDocumentedKeyIsRead() {
        Settings settings = settings("""
                {"base_url": "https://proxy.example.com/anthropic/", "api_key": "sk-ant-api03-0123456789",
                 "headers": {"X-Team": "blue"}, "connect_timeout": "2s", "read_timeout": "90s",
                 "max_connections": 64, "models": ["claude-sonnet-4-5"], "anthropic_version": "2023-06-01",
                 "anthropic_beta": ["context-1m-2025-08-07", "interleaved-thinking-2025-05-14"],
                 "default_max_tokens": 8192}
                """);

        AnthropicConfig config = AnthropicConfig.read(settings);

        assertThat(settings.unreadKeys()).isEmpty();
        assertThat(config.http().baseUrl()).isEqualTo(URI.create("https://proxy.example.com/anthropic"));
        assertThat(config.http().apiKey()).contains("sk-ant-api03-0123456789");
        assertThat(config.http().options())
                .isEqualTo(new UpstreamOptions(Duration.ofSeconds(2), Duration.ofSeconds(90), 64));
        assertThat(config.http().models()).containsExactly("claude-sonnet-4-5");
        assertThat(config.betas()).containsExactly("context-1m-2025-08-07", "interleaved-thinking-2025-05-14");
        assertThat(config.defaultMaxTokens()).isEqualTo(8192);
    }

    @Test
    void betaWrittenAsTheHeaderWouldBeIsSplitAtCommas() {
        AnthropicConfig config = AnthropicConfig.read(settings("{\"anthropic_beta\": \"a-1, b-2,\"}"));

        assertThat(config.betas()).containsExactly("a-1", "b-2");
    }

    @Test
    void misspelledKeyStaysUnreadForTheKernelToReport() {
        Settings settings = settings("{\"anthropic_versoin\": \"2023-06-01\"}");

        AnthropicConfig.read(settings);

        assertThat(settings.unreadKeys()).containsExactly("anthropic_versoin");
    }

    @Test
    void zeroDefaultMaxTokensIsRejected() {
        assertThatThrownBy(() -> AnthropicConfig.read(settings("{\"default_max_tokens\": 0}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("default_max_tokens");
    }

    @Test
    void nonNumericDefaultMaxTokensIsRejected() {
        assertThatThrownBy(() -> AnthropicConfig.read(settings("{\"default_max_tokens\": \"lots\"}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("default_max_tokens");
    }

    @Test
    void blankAnthropicVersionIsRejected() {
        assertThatThrownBy(() -> AnthropicConfig.read(settings("{\"anthropic_version\": \" \"}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("anthropic_version");
    }

    @Test
    void betaAsAMappingIsRejected() {
        assertThatThrownBy(() -> AnthropicConfig.read(settings("{\"anthropic_beta\": {\"a\": 1}}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("anthropic_beta");
    }

    @Test
    void baseUrlWithoutHttpSchemeIsRejected() {
        assertThatThrownBy(() -> AnthropicConfig.read(settings("{\"base_url\": \"api.anthropic.com\"}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("base_url");
    }

    @Test
    void apiKeyAndExtraHeaderValuesAreSecrets() {
        AnthropicConfig config = AnthropicConfig.read(
                settings("{\"api_key\": \"sk-ant-abcdefgh\", \"headers\": {\"Authorization\": \"Bearer proxy-token\"}}"));

        assertThat(config.http().secrets()).containsExactlyInAnyOrder("sk-ant-abcdefgh", "Bearer proxy-token");
    }
}
