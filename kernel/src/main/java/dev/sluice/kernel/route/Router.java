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
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The chain's terminal step: resolves the requested model to a route (or, when direct routing is
 * on, {@code provider/model} to that provider), lets the route's strategy order the targets, and
 * hands them to the failover executor. A routing policy may hand the request to another model route
 * instead ({@link RouteSwitch}), once per request.
 */
public final class Router {
    private static final Logger LOG = Logger.getLogger(Router.class.getName());

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
        List<Target> order;
        try {
            order = route.selector().order(exchange);
        } catch (RouteSwitch wanted) {
            CompiledRoute next = routes.get(wanted.route());
            if (next == null) {
                String problem = "routing policy " + wanted.policy() + ": route() chose \"" + wanted.route()
                        + "\", which is neither a target of model " + route.route().name() + " (its targets: "
                        + route.route().targets().stream().map(Target::label).collect(Collectors.joining(", "))
                        + ") nor a model route (routes: " + routes.keySet().stream().sorted()
                        .collect(Collectors.joining(", ")) + ")";
                order = fallBack(exchange, route, wanted, problem);
            } else {
                route = next;
                exchange.route(next.route().name(), next.route().strategy());
                order = orderAfterSwitch(exchange, next, model);
            }
        }
        return executor.execute(exchange, route, order, providers);
    }

    /** The switched-to route's order; its own policy may order its targets but not switch again. */
    private static List<Target> orderAfterSwitch(Exchange exchange, CompiledRoute route, String from) {
        try {
            return route.selector().order(exchange);
        } catch (RouteSwitch again) {
            String problem = "routing policy " + again.policy() + " of model " + route.route().name()
                    + " chose model route \"" + again.route() + "\" for a request that model " + from
                    + " had already switched to it; a request switches routes once";
            return fallBack(exchange, route, again, problem);
        }
    }

    private static List<Target> fallBack(Exchange exchange, CompiledRoute route, RouteSwitch wanted, String problem) {
        if (wanted.failOnError()) {
            LOG.warning("request " + exchange.id() + " failed: " + problem);
            throw new GatewayException(ErrorType.INTERNAL, problem).withCode("policy_error");
        }
        LOG.warning("request " + exchange.id() + " uses the configured order of model " + route.route().name()
                + ": " + problem);
        return route.route().targets();
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
