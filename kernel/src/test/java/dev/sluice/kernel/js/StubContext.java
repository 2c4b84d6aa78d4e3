package dev.sluice.kernel.js;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetHealth;
import dev.sluice.spi.http.UpstreamClient;
import dev.sluice.spi.http.UpstreamOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A gateway context with {@code SLUICE_HOME} set, a fixed clock and settable target health. */
final class StubContext implements GatewayContext {
    private final Path home;
    private final Map<String, TargetHealth> health = new ConcurrentHashMap<>();

    StubContext(Path home) {
        this.home = home;
    }

    StubContext health(String label, TargetHealth value) {
        health.put(label, value);
        return this;
    }

    @Override
    public UpstreamClient http(UpstreamOptions options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Clock clock() {
        return Clock.fixed(Instant.parse("2026-03-02T09:30:00Z"), ZoneOffset.UTC);
    }

    @Override
    public Optional<String> env(String name) {
        return name.equals("SLUICE_HOME") ? Optional.of(home.toString()) : Optional.empty();
    }

    @Override
    public TargetHealth health(Target target) {
        return health.getOrDefault(target.label(), TargetHealth.UNKNOWN);
    }
}
