package dev.sluice.spi.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.model.ModelInfo;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfiguredProviderTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void nameIsTheEntrysName() {
        assertThat(new StubProvider("primary", List.of(), CLOCK).name()).isEqualTo("primary");
    }

    @Test
    void modelsAreListedInOrderOwnedByTheProviderAndDatedWhenItWasMade() {
        assertThat(new StubProvider("primary", List.of("b-model", "a-model"), CLOCK).models()).containsExactly(
                ModelInfo.of("b-model", "primary", NOW.getEpochSecond()),
                ModelInfo.of("a-model", "primary", NOW.getEpochSecond()));
    }

    @Test
    void noModelsListNothing() {
        assertThat(new StubProvider("primary", List.of(), CLOCK).models()).isEmpty();
    }
}
