package dev.sluice.plugins.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.ExtensionIndex;
import org.junit.jupiter.api.Test;

class ExtensionIndexTest {

    @Test
    void annotationProcessorIndexesEveryStrategyForPf4j() {
        assertThat(ExtensionIndex.classNames(getClass())).contains(
                FallbackStrategy.class.getName(),
                WeightedStrategy.class.getName(),
                RoundRobinStrategy.class.getName(),
                LeastLatencyStrategy.class.getName(),
                CheapestStrategy.class.getName());
    }
}
