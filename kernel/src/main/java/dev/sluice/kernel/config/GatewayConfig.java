package dev.sluice.kernel.config;

import dev.sluice.spi.config.Settings;
import java.nio.file.Path;
import java.util.List;

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
 * @param directRouting whether clients may address {@code provider/model} without a route
 */
public record GatewayConfig(String source, ServerConfig server, Path pluginsDir, List<ProviderEntry> providers,
        List<ModelEntry> models, List<ChainEntry> chain, boolean directRouting) {

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
     * @param settings the route's mapping, for strategies
     */
    public record ModelEntry(String name, String strategy, List<TargetEntry> targets, FailoverConfig failover,
            Settings settings) {
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
     * When the failover executor moves on to the next target.
     *
     * @param onStatus upstream statuses that fail over (connection failures always do)
     * @param maxAttempts the most targets tried for one request
     */
    public record FailoverConfig(java.util.Set<Integer> onStatus, int maxAttempts) {
        /** 408, 429, 500, 502, 503, 504 and 529 (Anthropic's overloaded); three attempts. */
        public static final FailoverConfig DEFAULT =
                new FailoverConfig(java.util.Set.of(408, 429, 500, 502, 503, 504, 529), 3);
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
