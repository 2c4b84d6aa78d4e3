package dev.sluice.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.config.ConfigException;
import dev.sluice.spi.config.Settings;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PresetConfigTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Preset.class)
    void eachAdapterIsNamedByItsType(Preset preset) {
        assertThat(Adapters.of(preset).name()).isEqualTo(preset.type());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Preset.class)
    void emptySettingsGiveTheTypesDefaultBaseUrlOrRequireAKey(Preset preset) {
        if (preset.requiresKey()) {
            assertThatThrownBy(() -> OpenAiConfig.read(OpenAiConfigTest.settings("{}"), preset))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("api_key")
                    .hasMessageContaining("is required for provider type " + preset.type());
        } else {
            assertThat(OpenAiConfig.read(OpenAiConfigTest.settings("{}"), preset).baseUrl())
                    .isEqualTo(URI.create(preset.defaultBaseUrl()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"MISTRAL", "GROQ", "TOGETHER", "DEEPSEEK", "FIREWORKS", "OPENROUTER"})
    void cloudTypesTakeTheirKeyAndDefaultBaseUrl(Preset preset) {
        OpenAiConfig config = OpenAiConfig.read(OpenAiConfigTest.settings("{\"api_key\": \"k-123456\"}"), preset);

        assertThat(config.baseUrl()).isEqualTo(URI.create(preset.defaultBaseUrl()));
        assertThat(config.apiKey()).contains("k-123456");
        assertThat(config.preset()).isEqualTo(preset);
    }

    @Test
    void anAuthorizationHeaderStandsInForTheKey() {
        OpenAiConfig config = OpenAiConfig.read(OpenAiConfigTest.settings(
                "{\"headers\": {\"authorization\": \"Bearer from-a-vault\"}}"), Preset.MISTRAL);

        assertThat(config.apiKey()).isEmpty();
        assertThat(config.secrets()).contains("Bearer from-a-vault");
    }

    @Test
    void blankKeyOfACloudTypeIsAnError() {
        assertThatThrownBy(() -> OpenAiConfig.read(OpenAiConfigTest.settings("{\"api_key\": \"  \"}"), Preset.GROQ))
                .isInstanceOf(ConfigException.class).hasMessageContaining("api_key");
    }

    @Test
    void organizationBelongsToOpenAiOnly() {
        Settings settings = OpenAiConfigTest.settings("{\"api_key\": \"k\", \"organization\": \"org-1\"}");

        OpenAiConfig.read(settings, Preset.MISTRAL);

        assertThat(settings.unreadKeys()).containsExactly("organization");
    }

    @Test
    void openRouterReadsItsAttribution() {
        Settings settings = OpenAiConfigTest.settings(
                "{\"api_key\": \"k\", \"site_url\": \"https://chat.acme.example\", \"app_name\": \" Acme Chat \"}");

        OpenAiConfig config = OpenAiConfig.read(settings, Preset.OPENROUTER);

        assertThat(settings.unreadKeys()).isEmpty();
        assertThat(config.typeHeaders()).containsEntry("HTTP-Referer", "https://chat.acme.example")
                .containsEntry("X-OpenRouter-Title", "Acme Chat");
    }

    @Test
    void openRouterWithoutAttributionSendsNone() {
        assertThat(OpenAiConfig.read(OpenAiConfigTest.settings("{\"api_key\": \"k\"}"), Preset.OPENROUTER)
                .typeHeaders()).isEmpty();
    }

    @Test
    void attributionMustBeSendableAsAHeader() {
        assertThatThrownBy(() -> OpenAiConfig.read(OpenAiConfigTest.settings(
                "{\"api_key\": \"k\", \"app_name\": \"Caf\\u00e9\\nBot\"}"), Preset.OPENROUTER))
                .isInstanceOf(ConfigException.class).hasMessageContaining("app_name");
    }

    @Test
    void attributionKeysBelongToOpenRouterOnly() {
        Settings settings = OpenAiConfigTest.settings("{\"api_key\": \"k\", \"app_name\": \"Acme\"}");

        OpenAiConfig.read(settings, Preset.GROQ);

        assertThat(settings.unreadKeys()).containsExactly("app_name");
    }

    @Test
    void localTypesAcceptAnOptionalKey() {
        OpenAiConfig config = OpenAiConfig.read(OpenAiConfigTest.settings(
                "{\"api_key\": \"token-abc123\", \"base_url\": \"https://ollama.com/v1\"}"), Preset.OLLAMA);

        assertThat(config.apiKey()).contains("token-abc123");
        assertThat(config.baseUrl()).isEqualTo(URI.create("https://ollama.com/v1"));
    }
}
