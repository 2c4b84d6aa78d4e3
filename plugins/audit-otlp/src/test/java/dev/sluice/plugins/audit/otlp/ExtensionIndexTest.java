package dev.sluice.plugins.audit.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.ExtensionIndex;
import org.junit.jupiter.api.Test;

class ExtensionIndexTest {

    @Test
    void annotationProcessorIndexesTheSinkForPf4j() {
        assertThat(ExtensionIndex.classNames(getClass())).contains(OtlpSink.class.getName());
    }

    @Test
    void sinkIsNamedOtlpAndClaimsNoStoreLocation() {
        OtlpSink sink = new OtlpSink();

        assertThat(sink.name()).isEqualTo("otlp");
        assertThat(sink.store("data/audit")).isEmpty();
        assertThat(sink.store("http://127.0.0.1:4318")).isEmpty();
    }
}
