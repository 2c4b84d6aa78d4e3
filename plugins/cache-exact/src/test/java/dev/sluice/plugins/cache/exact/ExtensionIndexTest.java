package dev.sluice.plugins.cache.exact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.ExtensionIndex;
import org.junit.jupiter.api.Test;

class ExtensionIndexTest {

    @Test
    void annotationProcessorIndexesTheCacheForPf4j() {
        assertThat(ExtensionIndex.classNames(getClass())).contains(ExactCache.class.getName());
    }
}
