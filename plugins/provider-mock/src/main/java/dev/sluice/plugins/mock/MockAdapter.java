package dev.sluice.plugins.mock;

import dev.sluice.spi.provider.ProviderType;
import org.pf4j.Extension;

/**
 * The {@code mock} provider type: a deterministic, offline provider that echoes the last user
 * message, for the default configuration, demos and tests that must not touch a network.
 *
 * <pre>{@code
 * providers:
 *   - { name: mock, type: mock, latency: 200ms, chunk_delay: 30ms }
 * }</pre>
 */
@Extension
public class MockAdapter extends ProviderType {

    public MockAdapter() {
        super("mock", (name, settings, context) -> new MockProvider(name, MockConfig.read(settings), context.clock()));
    }
}
