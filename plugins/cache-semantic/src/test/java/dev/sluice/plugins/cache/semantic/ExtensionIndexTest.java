package dev.sluice.plugins.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.ExtensionIndex;
import org.junit.jupiter.api.Test;

class ExtensionIndexTest {

    @Test
    void annotationProcessorIndexesTheSemanticCacheForPf4j() {
        assertThat(ExtensionIndex.classNames(getClass())).contains(SemanticCache.class.getName());
    }

    @Test
    void theCacheIsNamedSemantic() {
        assertThat(new SemanticCache().name()).isEqualTo("semantic");
    }
}
