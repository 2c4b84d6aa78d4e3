package dev.sluice.kernel.config;

import dev.sluice.spi.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The whole configuration, parsed and checked for shape; names of plugins, providers and
 * strategies are checked when the runtime is assembled, against what the plugins provide.
 *
 * @param source where it was read from, for messages
 * @param server the HTTP listener
 * @param pluginsDir the folder of plugin JARs
 * @param providers the provider entries, in file order
 * @param models the model routes, in file order
 * @param chain the policy chain, in order
 * @param routing gateway-wide routing settings: direct addressing, failover defaults, health, affinity
 * @param governance virtual keys, the state store, budgets and rate limits
 * @param pricing prices that override or extend the bundled price table
 * @param audit the audit sinks and prompt modes
 * @param cache the response caches and each route's caching
 * @param guardrails the guardrail checks and each route's list
 */
public record GatewayConfig(String source, ServerConfig server, Path pluginsDir, List<ProviderEntry> providers,
        List<ModelEntry> models, List<ChainEntry> chain, RoutingConfig routing,
        dev.sluice.kernel.state.Governance governance, dev.sluice.kernel.cost.PricingConfig pricing,
        dev.sluice.kernel.audit.AuditConfig audit, dev.sluice.kernel.cache.CacheConfig cache,
        dev.sluice.kernel.guardrail.GuardrailConfig guardrails) {

    /** Whether clients may address {@code provider/model} without a route. */
    public boolean directRouting() {
        return routing.direct();
    }

    /**
     * The HTTP listener.
     *
     * @param host the address to bind
     * @param port the port (0 for any free one)
     * @param maxRequestBytes the largest request body accepted
     * @param reload whether a changed file is reloaded without a restart
     * @param reloadInterval how often the file is checked
     */
    public record ServerConfig(String host, int port, long maxRequestBytes, boolean reload,
            java.time.Duration reloadInterval) {
    }

    /**
     * One provider entry.
     *
     * @param name the name routes use
     * @param type the provider adapter's name
     * @param requiresEnv environment variables that must be set for the provider to be enabled
     * @param settings everything else, for the adapter
     */
    public record ProviderEntry(String name, String type, List<String> requiresEnv, Settings settings) {
    }

    /**
     * One model route.
     *
     * @param name the model name clients send
     * @param strategy the routing strategy
     * @param targets where requests may go
     * @param failover when to try the next target
     * @param options session affinity and hedging
     * @param settings the route's mapping, for strategies
     */
    public record ModelEntry(String name, String strategy, List<TargetEntry> targets, FailoverConfig failover,
            RouteOptions options, Settings settings) {
    }

    /**
     * One target of a route.
     *
     * @param provider the provider name
     * @param model the upstream model
     * @param weight the traffic share
     * @param settings the target's mapping
     */
    public record TargetEntry(String provider, String model, int weight, Settings settings) {
    }

    /**
     * When and how the failover executor moves on to the next target, and how long it may try.
     *
     * @param onStatus upstream statuses that fail over (connection failures and timeouts always do)
     * @param maxAttempts the most attempts for one request, across targets and retries
     * @param retries how many of those attempts may go to a target tried already (after a backoff)
     * @param firstTokenTimeout the longest wait for a complete answer, or for a stream's first chunk
     * @param stallTimeout the longest gap between chunks of a stream once its headers arrived
     * @param totalTimeout the budget from the request's arrival until the answer begins
     * @param backoff the wait before retrying a target tried already
     * @param latencyThreshold a route's own limit on a target's p95 (see {@link HealthConfig#latencyThreshold()})
     */
    public record FailoverConfig(Set<Integer> onStatus, int maxAttempts, int retries, Optional<Duration> firstTokenTimeout,
            Optional<Duration> stallTimeout, Optional<Duration> totalTimeout, Backoff backoff,
            Optional<Duration> latencyThreshold) {

        /** 408, 429, 500, 502, 503, 504 and 529 (Anthropic's overloaded); three attempts; no retries, no timeouts. */
        public static final FailoverConfig DEFAULT = new FailoverConfig(Set.of(408, 429, 500, 502, 503, 504, 529), 3, 0,
                Optional.empty(), Optional.empty(), Optional.empty(), Backoff.DEFAULT, Optional.empty());

        public FailoverConfig {
            onStatus = Set.copyOf(onStatus);
        }

        /** Statuses and attempts, with every other setting at its default. */
        public FailoverConfig(Set<Integer> onStatus, int maxAttempts) {
            this(onStatus, maxAttempts, 0, Optional.empty(), Optional.empty(), Optional.empty(), Backoff.DEFAULT,
                    Optional.empty());
        }

        /** Whether an attempt must run where it can be abandoned: some deadline applies. */
        public boolean hasDeadline() {
            return firstTokenTimeout.isPresent() || totalTimeout.isPresent();
        }
    }

    /**
     * Exponential backoff with full jitter: retry {@code n} waits a random time between zero and
     * {@code min(max, initial * 2^(n-1))}, and at least what the upstream's {@code Retry-After} asked.
     *
     * @param initial the cap of the first retry's wait
     * @param max the cap of any wait; a {@code Retry-After} longer than this skips the retry
     */
    public record Backoff(Duration initial, Duration max) {
        /** 100 ms, at most 5 s. */
        public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    /**
     * What a route does besides ordering and failing over.
     *
     * @param affinity whether requests of one session stay on one target
     * @param hedge when to send a second attempt while the first is still running
     */
    public record RouteOptions(Affinity affinity, Optional<Hedge> hedge) {
        /** No affinity, no hedging. */
        public static final RouteOptions DEFAULT = new RouteOptions(Affinity.NONE, Optional.empty());
    }

    /** Session affinity of a route. */
    public enum Affinity {
        /** Every request is ordered by the strategy alone. */
        NONE,
        /** Requests with the same {@code x-sluice-session} stay on the target that served the session. */
        SESSION
    }

    /**
     * Hedged requests: when the running attempt has not answered after a delay, the next target is
     * tried in parallel and the first answer wins.
     *
     * @param after the fixed delay, or empty to use the first target's p95
     * @param max the most extra attempts in flight at once
     */
    public record Hedge(Optional<Duration> after, int max) {
    }

    /**
     * Gateway-wide routing settings ({@code routing:}).
     *
     * @param direct whether {@code provider/model} reaches a provider without a route
     * @param failover the defaults of every route's {@code failover}
     * @param health how target health is measured and when breakers open
     * @param affinity how many sessions are remembered, and for how long
     */
    public record RoutingConfig(boolean direct, FailoverConfig failover, HealthConfig health,
            AffinityConfig affinity) {
        /** Every default. */
        public static final RoutingConfig DEFAULT =
                new RoutingConfig(true, FailoverConfig.DEFAULT, HealthConfig.DEFAULT, AffinityConfig.DEFAULT);
    }

    /**
     * How target health is measured ({@code routing.health}).
     *
     * @param window the sliding window error rates and p95 are computed over
     * @param minRequests the fewest attempts in the window before the error rate (or p95) counts
     * @param errorRate the share of failed attempts that opens the breaker; half of it marks DEGRADED
     * @param cooldown how long an open breaker stays open before one probe may go through
     * @param latencyThreshold a p95 that opens the breaker (half of it marks DEGRADED); empty for none
     */
    public record HealthConfig(Duration window, int minRequests, double errorRate, Duration cooldown,
            Optional<Duration> latencyThreshold) {
        /** 60 s window, 10 requests, 50 %, 30 s cooldown, no latency threshold. */
        public static final HealthConfig DEFAULT = new HealthConfig(Duration.ofSeconds(60), 10, 0.5,
                Duration.ofSeconds(30), Optional.empty());
    }

    /**
     * The session affinity table ({@code routing.affinity}).
     *
     * @param maxSessions the most sessions remembered; the least recently used go first
     * @param sessionTtl a session not seen for this long is forgotten
     */
    public record AffinityConfig(int maxSessions, Duration sessionTtl) {
        /** 100,000 sessions, one hour. */
        public static final AffinityConfig DEFAULT = new AffinityConfig(100_000, Duration.ofHours(1));
    }

    /**
     * One step of the policy chain.
     *
     * @param name the policy's name
     * @param settings its settings (empty when written as a bare name)
     * @param origin the list item, for messages that name file and line
     */
    public record ChainEntry(String name, Settings settings, Settings origin) {
    }
}
