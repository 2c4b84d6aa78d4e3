package dev.sluice.plugins.mock;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.http.UpstreamClient;
import dev.sluice.spi.http.UpstreamOptions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** A gateway context with a fixed clock and no network: the mock must never ask for a client. */
final class FixedContext implements GatewayContext {
    static final Instant NOW = Instant.parse("2025-08-01T12:00:00Z");

    @Override
    public UpstreamClient http(UpstreamOptions options) {
        throw new AssertionError("the mock provider must not use HTTP");
    }

    @Override
    public Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Override
    public Optional<String> env(String name) {
        return Optional.empty();
    }
}
