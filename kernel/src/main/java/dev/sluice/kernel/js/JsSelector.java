package dev.sluice.kernel.js;

import dev.sluice.kernel.route.RouteSwitch;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.Route;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetSelector;
import dev.sluice.spi.model.ChatRequest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Orders one route's targets by calling its policy's {@code route()} for each request, or hands the
 * request to another model route ({@link RouteSwitch}) when the policy names one.
 */
final class JsSelector implements TargetSelector {
    private static final Logger LOG = Logger.getLogger(JsSelector.class.getName());

    private final Route route;
    private final PolicyCalls calls;
    private final GatewayContext context;
    private final AtomicLong turns = new AtomicLong();

    JsSelector(Route route, PolicyCalls calls, GatewayContext context) {
        this.route = route;
        this.calls = calls;
        this.context = context;
    }

    @Override
    public List<Target> order(Exchange exchange) {
        PolicyScript script = calls.handle().current();
        try {
            Outcome outcome = calls.route(script, exchange, route);
            Optional<RouteDecision> decision = RouteDecision.parse(outcome, route, script.name());
            if (decision.isEmpty()) {
                return route.targets();
            }
            if (decision.get().route().isPresent()) {
                String chosen = decision.get().route().get();
                if (chosen.equals(route.name())) {
                    return route.targets();
                }
                throw new RouteSwitch(chosen, script.name(), calls.settings().failOnError());
            }
            boolean stream = exchange.request() instanceof ChatRequest chat && chat.isStream();
            return TargetOrderings.order(decision.get().strategy(), decision.get().targets(), context::health, stream,
                    turns.getAndIncrement());
        } catch (PolicyException e) {
            if (calls.settings().failOnError()) {
                LOG.warning("request " + exchange.id() + " failed: routing policy " + e.getMessage());
                throw new GatewayException(ErrorType.INTERNAL, "routing policy " + e.getMessage(), e)
                        .withCode("policy_error");
            }
            LOG.warning("request " + exchange.id() + " uses the configured order of model " + route.name()
                    + ": routing policy " + e.getMessage());
            return route.targets();
        }
    }
}
