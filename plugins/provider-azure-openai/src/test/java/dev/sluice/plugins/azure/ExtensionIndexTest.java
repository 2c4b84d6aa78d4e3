package dev.sluice.plugins.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.ExtensionIndex;
import org.junit.jupiter.api.Test;

class ExtensionIndexTest {

    @Test
    void annotationProcessorIndexesTheAdapterForPf4j() {
        assertThat(ExtensionIndex.classNames(getClass())).contains(AzureOpenAiAdapter.class.getName());
    }

    @Test
    void adapterIsNamedAzureOpenai() {
        assertThat(new AzureOpenAiAdapter().name()).isEqualTo("azure-openai");
    }
}
