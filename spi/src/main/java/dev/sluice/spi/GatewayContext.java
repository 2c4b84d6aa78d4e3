package dev.sluice.spi;

import dev.sluice.spi.http.UpstreamClient;
import dev.sluice.spi.http.UpstreamOptions;
import java.time.Clock;

/**
 * What the kernel hands to extensions. Extensions reach the outside world through it and never
 * through kernel internals, so that the kernel stays in charge of connections, time and
 * resources.
 */
public interface GatewayContext {

    /**
     * An HTTP client for upstream calls with the given options: pooled keep-alive connections,
     * {@code TCP_NODELAY}, no redirects. Clients with equal options share one connection pool.
     */
    UpstreamClient http(UpstreamOptions options);

    /** The gateway's clock; use it instead of the system clock so tests can control time. */
    Clock clock();

    /** An environment variable, as the configuration's {@code ${VAR}} would see it. */
    java.util.Optional<String> env(String name);

    /**
     * The live health of a target as the gateway observes it (latency, error rate, circuit
     * breaker state); {@link TargetHealth#UNKNOWN} for a target with no traffic yet. Cheap enough
     * to call per request:
     * <pre>{@code
     * Duration typical = context.health(target).typical(exchange.chatRequest().isStream());
     * }</pre>
     */
    default TargetHealth health(Target target) {
        return TargetHealth.UNKNOWN;
    }

    /** Prices and costs of model calls from the gateway's price table. */
    default dev.sluice.spi.cost.CostMeter costs() {
        return dev.sluice.spi.cost.CostMeter.NONE;
    }

    /**
     * The folder relative paths in the configuration resolve against (the distribution's home,
     * or the configuration file's folder). Sinks and caches that write files use it.
     */
    default java.nio.file.Path home() {
        return java.nio.file.Path.of("").toAbsolutePath();
    }
}
