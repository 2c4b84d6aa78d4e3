package dev.sluice.testkit.client;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.http.UpstreamClient;
import dev.sluice.spi.http.UpstreamOptions;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link GatewayContext} for plugin tests: a {@link JdkUpstreamClient} for HTTP, a given clock
 * and a given environment.
 */
public final class TestGatewayContext implements GatewayContext {
    private final Clock clock;
    private final Map<String, String> env;

    public TestGatewayContext(Clock clock, Map<String, String> env) {
        this.clock = clock;
        this.env = Map.copyOf(env);
    }

    /** The system clock and an empty environment. */
    public static TestGatewayContext create() {
        return new TestGatewayContext(Clock.systemUTC(), Map.of());
    }

    @Override
    public UpstreamClient http(UpstreamOptions options) {
        return new JdkUpstreamClient(options);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Optional<String> env(String name) {
        return Optional.ofNullable(env.get(name));
    }
}
