package dev.sluice.kernel.budget;

import dev.sluice.kernel.route.CompiledRoute;
import dev.sluice.spi.Target;
import dev.sluice.spi.config.Settings;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The targets a model name may reach, resolved as the router resolves it (a route, else
 * {@code provider/model} when direct routing is on), so that a step before the router can bound
 * what a request may cost.
 */
public final class RouteTargets {
    private final Map<String, CompiledRoute> routes;
    private final Set<String> providers;
    private final boolean direct;

    /**
     * @param routes the routes by model name
     * @param providers the names of enabled providers
     * @param direct whether direct routing is on
     */
    public RouteTargets(Map<String, CompiledRoute> routes, Set<String> providers, boolean direct) {
        this.routes = Map.copyOf(routes);
        this.providers = Set.copyOf(providers);
        this.direct = direct;
    }

    /** Every target the model may be served by; empty when the router would not find it. */
    public List<Target> of(String model) {
        CompiledRoute route = routes.get(model);
        if (route != null) {
            return route.route().targets();
        }
        int slash = model.indexOf('/');
        if (direct && slash > 0 && slash < model.length() - 1 && providers.contains(model.substring(0, slash))) {
            return List.of(new Target(model.substring(0, slash), model.substring(slash + 1), 1,
                    Settings.empty("direct")));
        }
        return List.of();
    }
}
