package dev.sluice.plugins.routing;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetHealth;
import dev.sluice.spi.cost.CostMeter;
import dev.sluice.spi.http.UpstreamClient;
import dev.sluice.spi.http.UpstreamOptions;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A gateway context whose target health and price table the test sets; every target it was not
 * told about is {@link TargetHealth#UNKNOWN}, and prices are unknown until set. Strategies need
 * neither HTTP nor time, so both fail the test.
 */
final class FakeContext implements GatewayContext {
    private final Map<Target, TargetHealth> health = new ConcurrentHashMap<>();
    private volatile CostMeter costs = CostMeter.NONE;

    /** Sets what the gateway has observed of a target; later reads see it. */
    FakeContext health(Target target, TargetHealth observed) {
        health.put(target, observed);
        return this;
    }

    /** Sets the gateway's price table. */
    FakeContext costs(CostMeter meter) {
        costs = meter;
        return this;
    }

    @Override
    public CostMeter costs() {
        return costs;
    }

    @Override
    public TargetHealth health(Target target) {
        return health.getOrDefault(target, TargetHealth.UNKNOWN);
    }

    @Override
    public UpstreamClient http(UpstreamOptions options) {
        throw new AssertionError("routing must not use HTTP");
    }

    @Override
    public Clock clock() {
        throw new AssertionError("routing must not read the clock");
    }

    @Override
    public Optional<String> env(String name) {
        return Optional.empty();
    }
}
