package dev.sluice.plugins.guardrail.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.ExtensionIndex;
import org.junit.jupiter.api.Test;

class ExtensionIndexTest {

    @Test
    void annotationProcessorIndexesTheGuardrailForPf4j() {
        assertThat(ExtensionIndex.classNames(getClass())).contains(PiiGuardrail.class.getName());
    }
}
