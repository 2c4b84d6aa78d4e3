package dev.sluice.plugins.audit.jsonl;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.http.UpstreamClient;
import dev.sluice.spi.http.UpstreamOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** A gateway context with a home folder and a clock; an audit sink needs nothing else. */
record TestContext(Path home, Clock clock) implements GatewayContext {

    @Override
    public UpstreamClient http(UpstreamOptions options) {
        throw new AssertionError("the audit sink must not use HTTP");
    }

    @Override
    public Optional<String> env(String name) {
        return Optional.empty();
    }
}
