package dev.sluice.kernel.support;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Route;
import dev.sluice.spi.RoutingStrategy;
import dev.sluice.spi.TargetSelector;
import dev.sluice.spi.config.Settings;

/** The configured order, registered through the class-path door. */
public class InOrderStrategy implements RoutingStrategy {

    @Override
    public String name() {
        return "in-order";
    }

    @Override
    public TargetSelector create(Route route, Settings settings, GatewayContext context) {
        return exchange -> route.targets();
    }
}
