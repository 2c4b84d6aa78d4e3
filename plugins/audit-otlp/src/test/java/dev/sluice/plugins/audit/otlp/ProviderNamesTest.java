package dev.sluice.plugins.audit.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderNamesTest {
    private final ProviderNames names = new ProviderNames(Map.of("corp", "azure.ai.inference", "openai", "x_ai"));

    @Test
    void entriesNamedAfterTheirTypeGetTheWellKnownValue() {
        ProviderNames defaults = new ProviderNames(Map.of());

        assertThat(defaults.of("openai")).isEqualTo("openai");
        assertThat(defaults.of("anthropic")).isEqualTo("anthropic");
        assertThat(defaults.of("gemini")).isEqualTo("gcp.gemini");
        assertThat(defaults.of("azure-openai")).isEqualTo("azure.ai.openai");
        assertThat(defaults.of("Azure")).isEqualTo("azure.ai.openai");
        assertThat(defaults.of("cohere")).isEqualTo("cohere");
        assertThat(defaults.of("mistral")).isEqualTo("mistral_ai");
        assertThat(defaults.of("groq")).isEqualTo("groq");
        assertThat(defaults.of("deepseek")).isEqualTo("deepseek");
    }

    @Test
    void otherNamesPassThroughUnchanged() {
        assertThat(names.of("ollama-gpu-1")).isEqualTo("ollama-gpu-1");
    }

    @Test
    void configuredNamesWinOverTheWellKnownTable() {
        assertThat(names.of("corp")).isEqualTo("azure.ai.inference");
        assertThat(names.of("openai")).isEqualTo("x_ai");
    }
}
