package dev.sluice.plugins.mock;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Provider;
import dev.sluice.spi.ProviderAdapter;
import dev.sluice.spi.config.Settings;
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
public class MockAdapter implements ProviderAdapter {

    @Override
    public String name() {
        return "mock";
    }

    @Override
    public Provider create(String name, Settings settings, GatewayContext context) {
        return new MockProvider(name, MockConfig.read(settings), context.clock());
    }
}
