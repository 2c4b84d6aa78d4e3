package dev.sluice.spi;

import dev.sluice.spi.config.Settings;
import java.util.List;

/**
 * A model route: the name clients ask for, and where requests for it may go.
 *
 * @param name the model name clients send
 * @param strategy the routing strategy's name
 * @param targets the targets, in configured order
 * @param settings the route's whole configuration, for strategies that read more of it
 */
public record Route(String name, String strategy, List<Target> targets, Settings settings) {
    public Route {
        targets = List.copyOf(targets);
    }
}
