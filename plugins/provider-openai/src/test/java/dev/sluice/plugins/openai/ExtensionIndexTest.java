package dev.sluice.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.ExtensionIndex;
import org.junit.jupiter.api.Test;

class ExtensionIndexTest {

    @Test
    void annotationProcessorIndexesTheAdapterForPf4j() {
        assertThat(ExtensionIndex.classNames(getClass())).contains(OpenAiAdapter.class.getName());
    }

    @Test
    void everyPresetAdapterIsIndexedForPf4j() {
        for (Preset preset : Preset.values()) {
            assertThat(ExtensionIndex.classNames(getClass())).contains(Adapters.of(preset).getClass().getName());
        }
    }
}
