package dev.sluice.plugins.guardrail.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.ExtensionIndex;
import org.junit.jupiter.api.Test;

class ExtensionIndexTest {

    @Test
    void annotationProcessorIndexesTheGuardrailForPf4j() {
        assertThat(ExtensionIndex.classNames(getClass())).contains(RulesGuardrail.class.getName());
    }

    @Test
    void guardrailIsNamedRules() {
        assertThat(new RulesGuardrail().name()).isEqualTo("rules");
    }
}
