package dev.sluice.kernel.js;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetHealth;
import dev.sluice.spi.http.UpstreamClient;
import dev.sluice.spi.http.UpstreamOptions;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** The gateway as a probe sees it: a fixed clock, the probe's target health, no environment, no network. */
final class ProbeContext implements GatewayContext {
    private final PolicyProbe probe;

    ProbeContext(PolicyProbe probe) {
        this.probe = probe;
    }

    @Override
    public UpstreamClient http(UpstreamOptions options) {
        throw new UnsupportedOperationException("a policy probe makes no upstream calls");
    }

    @Override
    public Clock clock() {
        return Clock.fixed(probe.now(), probe.zone());
    }

    @Override
    public Optional<String> env(String name) {
        return Optional.empty();
    }

    /** The probe's {@code ctx.spend} fields. */
    Map<String, Double> spend() {
        return probe.spend();
    }

    @Override
    public TargetHealth health(Target target) {
        return probe.health().getOrDefault(target.label(), TargetHealth.UNKNOWN);
    }
}
