package dev.sluice.kernel.upstream;

import dev.sluice.kernel.cost.LivePrices;
import dev.sluice.kernel.js.PolicyEngine;
import dev.sluice.kernel.metrics.GatewayMetrics;
import dev.sluice.kernel.route.RoutingState;
import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetHealth;
import dev.sluice.spi.cost.CostMeter;
import dev.sluice.spi.http.UpstreamClient;
import dev.sluice.spi.http.UpstreamOptions;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The kernel's {@link GatewayContext}: one per process, outliving configuration reloads, so that
 * upstream connection pools, target health and session affinity survive a reload. Its
 * {@link #costs()} stays the same object too, answering with the prices of the configuration
 * serving now.
 */
public final class KernelContext implements GatewayContext {
    private final Map<UpstreamOptions, HelidonUpstreamClient> clients = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Function<String, Optional<String>> env;
    private final RoutingState routing;
    private final LivePrices prices = new LivePrices();
    private final java.nio.file.Path home;
    private final GatewayMetrics metrics;
    private volatile dev.sluice.kernel.spend.SpendLedger spend;
    private volatile dev.sluice.kernel.cache.CacheStores caches = dev.sluice.kernel.cache.CacheStores.none();

    /**
     * @param clock the gateway's clock
     * @param env environment lookup
     */
    public KernelContext(Clock clock, Function<String, Optional<String>> env) {
        this(clock, env, java.nio.file.Path.of("").toAbsolutePath());
    }

    /**
     * @param clock the gateway's clock
     * @param env environment lookup
     * @param home the folder relative paths resolve against (sinks' and stores' files)
     */
    public KernelContext(Clock clock, Function<String, Optional<String>> env, java.nio.file.Path home) {
        this.home = home;
        this.clock = clock;
        this.env = env;
        this.routing = RoutingState.create(clock);
        this.metrics = new GatewayMetrics(routing.health());
        upstreamMeters(metrics.registry());
        PolicyEngine.registerMeters(metrics.registry());
    }

    /** The upstream connection pools' figures, summed over every pool, read at scrape time. */
    private void upstreamMeters(MeterRegistry registry) {
        Gauge.builder("sluice.upstream.connections.idle", clients,
                        all -> sum(all, HelidonUpstreamClient::idleConnections))
                .description("Upstream connections idle in the keep-alive pools")
                .register(registry);
        FunctionCounter.builder("sluice.upstream.connections.opened", clients,
                        all -> sum(all, HelidonUpstreamClient::openedConnections))
                .description("Upstream connections opened")
                .register(registry);
        FunctionCounter.builder("sluice.upstream.calls.resent", clients,
                        all -> sum(all, HelidonUpstreamClient::resentCalls))
                .description("Upstream calls sent again because the host had closed their pooled connection")
                .register(registry);
    }

    private static double sum(Map<UpstreamOptions, HelidonUpstreamClient> all,
            ToLongFunction<HelidonUpstreamClient> figure) {
        long total = 0;
        for (HelidonUpstreamClient client : all.values()) {
            total += figure.applyAsLong(client);
        }
        return total;
    }

    /** What routing learns while serving: target health and session affinity. */
    public RoutingState routing() {
        return routing;
    }

    /** The gateway's metrics: requests, audit sinks, target health, the JVM. */
    public GatewayMetrics metrics() {
        return metrics;
    }

    /** The prices extensions see; each assembled configuration installs its own. */
    public LivePrices prices() {
        return prices;
    }

    @Override
    public CostMeter costs() {
        return prices;
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

    /** The response caches, opened once at start. */
    public dev.sluice.kernel.cache.CacheStores caches() {
        return caches;
    }

    /** Installs the response caches opened at start. */
    public void caches(dev.sluice.kernel.cache.CacheStores opened) {
        this.caches = opened;
    }

    /** The spend ledger, once the gateway's shared state is open; policies read {@code ctx.spend} from it. */
    public Optional<dev.sluice.kernel.spend.SpendLedger> spend() {
        return Optional.ofNullable(spend);
    }

    /** Installs the spend ledger of the gateway's shared state. */
    public void spend(dev.sluice.kernel.spend.SpendLedger ledger) {
        this.spend = ledger;
    }

    @Override
    public java.nio.file.Path home() {
        return home;
    }
}
