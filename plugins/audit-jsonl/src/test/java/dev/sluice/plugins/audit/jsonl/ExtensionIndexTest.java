package dev.sluice.plugins.audit.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.ExtensionIndex;
import org.junit.jupiter.api.Test;

class ExtensionIndexTest {

    @Test
    void annotationProcessorIndexesTheSinkForPf4j() {
        assertThat(ExtensionIndex.classNames(getClass())).contains(JsonlSink.class.getName());
    }

    @Test
    void theSinkIsNamedJsonl() {
        assertThat(new JsonlSink().name()).isEqualTo("jsonl");
    }
}
