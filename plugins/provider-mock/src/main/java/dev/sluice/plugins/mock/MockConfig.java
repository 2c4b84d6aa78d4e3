package dev.sluice.plugins.mock;

import dev.sluice.spi.config.Settings;
import java.time.Duration;
import java.util.List;

/**
 * The settings of one {@code mock} provider entry.
 *
 * @param latency the pause before a complete answer, or before a stream's first chunk
 * @param chunkDelay the pause before each streamed word (or tool-argument fragment)
 * @param models the model names listed in {@code /v1/models}
 */
record MockConfig(Duration latency, Duration chunkDelay, List<String> models) {

    static final String DEFAULT_MODEL = "mock-echo";

    MockConfig {
        models = List.copyOf(models);
    }

    /** Reads every accepted key; anything else stays unread and is reported by the kernel. */
    static MockConfig read(Settings settings) {
        Duration latency = settings.duration("latency").orElse(Duration.ZERO);
        Duration chunkDelay = settings.duration("chunk_delay").orElse(Duration.ZERO);
        // An explicit empty list is honoured: a mock that lists no models is a valid test setup.
        List<String> models = settings.has("models") ? settings.strings("models") : List.of(DEFAULT_MODEL);
        return new MockConfig(latency, chunkDelay, models);
    }
}
