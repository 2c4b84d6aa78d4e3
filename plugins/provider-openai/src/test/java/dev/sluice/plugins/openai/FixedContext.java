package dev.sluice.plugins.openai;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.http.UpstreamClient;
import dev.sluice.spi.http.UpstreamOptions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A gateway context with a fixed clock that hands out one given client and records the options asked for. */
final class FixedContext implements GatewayContext {
    static final Instant NOW = Instant.parse("2025-08-01T12:00:00Z");

    final List<UpstreamOptions> optionsAskedFor = new ArrayList<>();
    private final UpstreamClient client;

    FixedContext(UpstreamClient client) {
        this.client = client;
    }

    @Override
    public UpstreamClient http(UpstreamOptions options) {
        optionsAskedFor.add(options);
        return client;
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
