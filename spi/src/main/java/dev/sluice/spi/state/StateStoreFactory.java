package dev.sluice.spi.state;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.config.Settings;
import org.pf4j.ExtensionPoint;

/**
 * Extension point for state stores, named by {@code state.store} in the configuration:
 * <pre>{@code
 * state:
 *   store: memory          # built in; a shared store (Redis) is another factory
 * }</pre>
 * The kernel calls {@link #create} once, at start-up, with the {@code state} mapping's other keys;
 * the store then lives until shutdown, across configuration reloads, so that counters survive
 * them.
 *
 * <pre>{@code
 * public class RedisStateStores implements StateStoreFactory {
 *     public String name() { return "redis"; }
 *     public StateStore create(Settings settings, GatewayContext context) {
 *         return new RedisStateStore(settings.requireString("url"), context.clock());
 *     }
 * }
 * }</pre>
 */
public interface StateStoreFactory extends ExtensionPoint {

    /** The name used in {@code state.store}; unique across all sources. */
    String name();

    /**
     * Opens the store. Read every setting you accept; unread keys are reported as unknown. Use
     * {@code context.clock()} for time, so that tests can control windows and expiry.
     */
    StateStore create(Settings settings, GatewayContext context);
}
