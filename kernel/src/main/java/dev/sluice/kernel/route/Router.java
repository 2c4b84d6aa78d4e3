package dev.sluice.kernel.route;

import dev.sluice.kernel.config.GatewayConfig.FailoverConfig;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.Provider;
import dev.sluice.spi.Result;
import dev.sluice.spi.Route;
import dev.sluice.spi.Target;
import dev.sluice.spi.config.Settings;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chain's terminal step: resolves the requested model to a route (or, when direct routing is
 * on, {@code provider/model} to that provider), lets the route's strategy order the targets, and
 * hands them to the failover executor.
 */
public final class Router {
    private final Map<String, CompiledRoute> routes;
    private final Map<String, Provider> providers;
    private final boolean direct;
    private final FailoverExecutor executor;
    private final FailoverConfig directFailover;

    /**
     * A router with routing state of its own (health is tracked, but not shared with anything).
     *
     * @param routes the routes by model name
     * @param providers the enabled providers by name
     * @param direct whether {@code provider/model} reaches a provider without a route
     */
    public Router(Map<String, CompiledRoute> routes, Map<String, Provider> providers, boolean direct) {
        this(routes, providers, direct, RoutingState.create(Clock.systemUTC()), FailoverConfig.DEFAULT);
    }

    /**
     * @param routes the routes by model name
     * @param providers the enabled providers by name
     * @param direct whether {@code provider/model} reaches a provider without a route
     * @param state the gateway's long-lived health and affinity
     * @param defaults {@code routing.failover}: direct requests get its timeouts, with one attempt
     */
    public Router(Map<String, CompiledRoute> routes, Map<String, Provider> providers, boolean direct,
            RoutingState state, FailoverConfig defaults) {
        this.routes = Map.copyOf(routes);
        this.providers = Map.copyOf(providers);
        this.direct = direct;
        this.executor = new FailoverExecutor(state);
        this.directFailover = new FailoverConfig(Set.of(), 1, 0, defaults.firstTokenTimeout(), defaults.stallTimeout(),
                defaults.totalTimeout(), defaults.backoff(), java.util.Optional.empty());
    }

    /** Serves the exchange. */
    public Result route(Exchange exchange) {
        String model = exchange.request().model();
        CompiledRoute route = resolve(model);
        exchange.route(route.route().name(), route.route().strategy());
        List<Target> order = route.selector().order(exchange);
        return executor.execute(exchange, route, order, providers);
    }

    private CompiledRoute resolve(String model) {
        CompiledRoute route = routes.get(model);
        if (route != null) {
            return route;
        }
        int slash = model.indexOf('/');
        if (direct && slash > 0 && slash < model.length() - 1 && providers.containsKey(model.substring(0, slash))) {
            Target target = new Target(model.substring(0, slash), model.substring(slash + 1), 1,
                    Settings.empty("direct"));
            Route direct = new Route(model, "direct", List.of(target), Settings.empty("direct"));
            return new CompiledRoute(direct, exchange -> List.of(target), directFailover);
        }
        throw new GatewayException(ErrorType.NOT_FOUND,
                "The model `" + model + "` does not exist or you do not have access to it.")
                .withParam("model").withCode("model_not_found");
    }
}
