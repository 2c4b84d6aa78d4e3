package dev.sluice.plugins.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayException;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AzureTargetsTest {

    private static AzureTargets targets(String more) {
        return new AzureTargets(AzureConfig.read(AzureConfigTest.settings("{\"endpoint\": "
                + "\"https://my-resource.openai.azure.com\", \"api_key\": \"k\", \"deployments\": "
                + "{\"gpt-4o\": \"gpt4o-prod\"}" + more + "}")));
    }

    @Test
    void datedApiPutsTheDeploymentAndVersionInTheUrl() {
        AzureTargets.Target target = targets("").of("gpt-4o");

        assertThat(target.deployment()).isEqualTo("gpt4o-prod");
        assertThat(target.chat()).isEqualTo(URI.create("https://my-resource.openai.azure.com/openai/deployments/"
                + "gpt4o-prod/chat/completions?api-version=2024-10-21"));
        assertThat(target.embeddings()).isEqualTo(URI.create("https://my-resource.openai.azure.com/openai/deployments/"
                + "gpt4o-prod/embeddings?api-version=2024-10-21"));
    }

    @Test
    void v1ApiHasOneUrlForEveryDeployment() {
        AzureTargets.Target target = targets(", \"api_version\": \"v1\"").of("gpt-4o");

        assertThat(target.deployment()).isEqualTo("gpt4o-prod");
        assertThat(target.chat()).isEqualTo(URI.create("https://my-resource.openai.azure.com/openai/v1/chat/completions"));
        assertThat(target.embeddings()).isEqualTo(URI.create("https://my-resource.openai.azure.com/openai/v1/embeddings"));
    }

    @Test
    void unmappedModelIsItsOwnDeployment() {
        assertThat(targets("").of("gpt-4o-mini").chat().getPath())
                .isEqualTo("/openai/deployments/gpt-4o-mini/chat/completions");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "a/b", "../admin", "gpt 4o", "x?api-version=1"})
    void modelThatCannotBeADeploymentIsRefused(String model) {
        assertThatThrownBy(() -> targets("").of(model)).isInstanceOf(GatewayException.class)
                .hasMessageContaining("is not an Azure deployment name")
                .satisfies(e -> assertThat(((GatewayException) e).type()).isEqualTo(ErrorType.INVALID_REQUEST));
    }
}
