package dev.sluice.plugins.azure;

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
import java.util.Map;
import org.junit.jupiter.api.Test;

class AzureConfigTest {
    static final String KEY = "0123456789abcdef0123456789abcdef";

    static Settings settings(String json) {
        try {
            return Settings.of(Json.tree(json.getBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AzureConfig read(String json) {
        return AzureConfig.read(settings(json));
    }

    private static String minimal(String more) {
        return "{\"endpoint\": \"https://my-resource.openai.azure.com/\", \"api_key\": \"" + KEY + "\"" + more + "}";
    }

    @Test
    void minimalSettingsGiveTheDefaults() {
        AzureConfig config = read(minimal(""));

        assertThat(config.endpoint()).isEqualTo(URI.create("https://my-resource.openai.azure.com"));
        assertThat(config.apiVersion()).isEqualTo("2024-10-21");
        assertThat(config.v1()).isFalse();
        assertThat(config.auth()).contains(Map.entry("api-key", KEY));
        assertThat(config.deployments()).isEmpty();
        assertThat(config.headers()).isEmpty();
        assertThat(config.options()).isEqualTo(UpstreamOptions.DEFAULTS);
        assertThat(config.streamUsage()).isTrue();
        assertThat(config.models()).isEmpty();
    }

    @Test
    void everyDocumentedKeyIsRead() {
        Settings settings = settings("""
                {"endpoint": "https://my-resource.openai.azure.com", "api_key": "k-0123456789",
                 "api_version": "2025-04-01-preview", "deployments": {"gpt-4o": "gpt4o-prod"},
                 "headers": {"X-Team": "blue"}, "connect_timeout": "2s", "read_timeout": "90s",
                 "max_connections": 64, "stream_usage": false, "models": ["gpt-4o", "gpt-4o-mini"]}
                """);

        AzureConfig config = AzureConfig.read(settings);

        assertThat(settings.unreadKeys()).isEmpty();
        assertThat(config.apiVersion()).isEqualTo("2025-04-01-preview");
        assertThat(config.deployments()).containsExactly(Map.entry("gpt-4o", "gpt4o-prod"));
        assertThat(config.options()).isEqualTo(new UpstreamOptions(Duration.ofSeconds(2), Duration.ofSeconds(90), 64));
        assertThat(config.streamUsage()).isFalse();
        assertThat(config.models()).containsExactly("gpt-4o", "gpt-4o-mini");
    }

    @Test
    void endpointIsRequired() {
        assertThatThrownBy(() -> read("{\"api_key\": \"k\"}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("endpoint");
    }

    @Test
    void baseUrlIsRejectedWithAHintToUseEndpoint() {
        assertThatThrownBy(() -> read(minimal(", \"base_url\": \"https://my-resource.openai.azure.com\"")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("base_url")
                .hasMessageContaining("write the resource URL as endpoint");
    }

    @Test
    void endpointWithTheOpenaiPathIsRejected() {
        assertThatThrownBy(() -> read("{\"endpoint\": \"https://r.openai.azure.com/openai/v1/\", \"api_key\": \"k\"}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("without the /openai/... path");
    }

    @Test
    void endpointBehindAGatewayPathIsKept() {
        AzureConfig config = read("{\"endpoint\": \"https://apim.example.com/ai/\", \"api_key\": \"k\"}");

        assertThat(config.endpoint()).isEqualTo(URI.create("https://apim.example.com/ai"));
    }

    @Test
    void endpointWithoutHttpSchemeIsRejectedWithoutRepeatingIt() {
        assertThatThrownBy(() -> read("{\"endpoint\": \"my-resource.openai.azure.com?sig=secret\", \"api_key\": \"k\"}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("endpoint")
                .hasMessageNotContaining("secret");
    }

    @Test
    void adTokenIsSentAsBearer() {
        AzureConfig config = read("{\"endpoint\": \"https://r.openai.azure.com\", \"azure_ad_token\": \"eyJ0eXAi.token\"}");

        assertThat(config.auth()).contains(Map.entry("Authorization", "Bearer eyJ0eXAi.token"));
        assertThat(config.secrets()).contains("eyJ0eXAi.token");
    }

    @Test
    void keyAndAdTokenTogetherAreAnError() {
        assertThatThrownBy(() -> read(minimal(", \"azure_ad_token\": \"t\"")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("either api_key or azure_ad_token");
    }

    @Test
    void withoutAnyCredentialTheEntryIsAnError() {
        assertThatThrownBy(() -> read("{\"endpoint\": \"https://r.openai.azure.com\"}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("api_key")
                .hasMessageContaining("azure_ad_token");
    }

    @Test
    void credentialInHeadersIsEnough() {
        AzureConfig config = read("{\"endpoint\": \"https://r.openai.azure.com\", \"headers\": {\"API-KEY\": \"k-1\"}}");

        assertThat(config.auth()).isEmpty();
        assertThat(config.secrets()).contains("k-1");
    }

    @Test
    void keyIsASecret() {
        assertThat(read(minimal("")).secrets()).containsExactly(KEY);
    }

    @Test
    void v1SelectsTheV1Api() {
        AzureConfig config = read(minimal(", \"api_version\": \"v1\""));

        assertThat(config.v1()).isTrue();
        assertThat(config.streamUsage()).isTrue();
    }

    @Test
    void malformedApiVersionIsRejected() {
        assertThatThrownBy(() -> read(minimal(", \"api_version\": \"latest\"")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("api_version")
                .hasMessageContaining("expected v1 or a dated version");
    }

    @Test
    void versionsBeforeStreamOptionsDoNotAskForStreamUsage() {
        assertThat(read(minimal(", \"api_version\": \"2024-06-01\"")).streamUsage()).isFalse();
        assertThat(read(minimal(", \"api_version\": \"2024-09-01-preview\"")).streamUsage()).isTrue();
    }

    @Test
    void explicitStreamUsageWinsOverTheVersion() {
        assertThat(read(minimal(", \"api_version\": \"2024-06-01\", \"stream_usage\": true")).streamUsage()).isTrue();
    }

    @Test
    void deploymentWithCharactersAzureDoesNotAllowIsRejected() {
        assertThatThrownBy(() -> read(minimal(", \"deployments\": {\"gpt-4o\": \"../admin\"}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("deployments.gpt-4o");
    }

    @Test
    void modelsDefaultToTheMappedModelNames() {
        AzureConfig config = read(minimal(", \"deployments\": {\"gpt-4o\": \"prod-4o\", \"text-embedding-3-small\": \"emb\"}"));

        assertThat(config.models()).containsExactlyInAnyOrder("gpt-4o", "text-embedding-3-small");
    }

    @Test
    void misspelledKeyStaysUnreadForTheKernelToReport() {
        Settings settings = settings(minimal(", \"api_verison\": \"v1\""));

        AzureConfig.read(settings);

        assertThat(settings.unreadKeys()).containsExactly("api_verison");
    }
}
