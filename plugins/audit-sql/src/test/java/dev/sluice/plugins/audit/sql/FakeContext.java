package dev.sluice.plugins.audit.sql;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.http.UpstreamClient;
import dev.sluice.spi.http.UpstreamOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** A gateway context whose home is a test folder; the sink needs neither HTTP nor the clock. */
record FakeContext(Path home) implements GatewayContext {

    @Override
    public UpstreamClient http(UpstreamOptions options) {
        throw new AssertionError("the sql sink must not use HTTP");
    }

    @Override
    public Clock clock() {
        throw new AssertionError("the sql sink takes its times from the records");
    }

    @Override
    public Optional<String> env(String name) {
        return Optional.empty();
    }
}
