package dev.sluice.plugins.cache.exact;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.http.UpstreamClient;
import dev.sluice.spi.http.UpstreamOptions;
import java.time.Clock;
import java.util.Optional;

/** A gateway context with the test's clock; a cache in memory needs no HTTP, so that fails the test. */
record FakeContext(Clock clock) implements GatewayContext {

    @Override
    public UpstreamClient http(UpstreamOptions options) {
        throw new AssertionError("an in-memory cache must not use HTTP");
    }

    @Override
    public Optional<String> env(String name) {
        return Optional.empty();
    }
}
