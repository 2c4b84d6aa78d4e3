package dev.sluice.plugins.guardrail.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.ExtensionIndex;
import org.junit.jupiter.api.Test;

class ExtensionIndexTest {

    @Test
    void annotationProcessorIndexesTheGuardrailForPf4j() {
        assertThat(ExtensionIndex.classNames(getClass())).contains(FormatGuardrail.class.getName());
        assertThat(new FormatGuardrail().name()).isEqualTo("format");
    }
}
