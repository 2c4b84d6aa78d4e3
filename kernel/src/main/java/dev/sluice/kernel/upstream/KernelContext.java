package dev.sluice.kernel.upstream;

import dev.sluice.kernel.route.RoutingState;
import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetHealth;
import dev.sluice.spi.http.UpstreamClient;
import dev.sluice.spi.http.UpstreamOptions;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The kernel's {@link GatewayContext}: one per process, outliving configuration reloads, so that
 * upstream connection pools, target health and session affinity survive a reload.
 */
public final class KernelContext implements GatewayContext {
    private final Map<UpstreamOptions, UpstreamClient> clients = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Function<String, Optional<String>> env;
    private final RoutingState routing;

    /**
     * @param clock the gateway's clock
     * @param env environment lookup
     */
    public KernelContext(Clock clock, Function<String, Optional<String>> env) {
        this.clock = clock;
        this.env = env;
        this.routing = RoutingState.create(clock);
    }

    /** What routing learns while serving: target health and session affinity. */
    public RoutingState routing() {
        return routing;
    }

    @Override
    public TargetHealth health(Target target) {
        return routing.health().health(target.label());
    }

    @Override
    public UpstreamClient http(UpstreamOptions options) {
        // Building a WebClient does no I/O, so computeIfAbsent is safe here.
        return clients.computeIfAbsent(options, HelidonUpstreamClient::new);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Optional<String> env(String name) {
        return env.apply(name);
    }
}
