package dev.sluice.plugins.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Route;
import dev.sluice.spi.RoutingStrategy;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetSelector;
import dev.sluice.spi.config.Settings;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Targets, settings and selectors as the kernel would build them from a configuration file. */
final class Targets {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Targets() {
    }

    /** A target without settings of its own. */
    static Target target(String provider, String model, int weight) {
        return new Target(provider, model, weight, Settings.empty("models[0].targets[0]"));
    }

    /** A target whose own settings are the given JSON object, e.g. {@code {"price": {...}}}. */
    static Target target(String provider, String model, int weight, String json) {
        return new Target(provider, model, weight, settings(json, "models[0].targets[0]"));
    }

    /** A priced target. */
    static Target priced(String provider, String model, double input, double output) {
        return target(provider, model, 1, "{\"price\": {\"input\": " + input + ", \"output\": " + output + "}}");
    }

    /** Settings from a JSON object, at a path of {@code sluice.yaml}, as error messages show it. */
    static Settings settings(String json, String path) {
        try {
            return new Settings((ObjectNode) JSON.readTree(json), path, "sluice.yaml", p -> Optional.empty());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** No strategy options. */
    static Settings noOptions() {
        return Settings.empty("models[0].strategy_options");
    }

    /** The selector a strategy builds for a route named {@code chat} with these targets. */
    static TargetSelector selector(RoutingStrategy strategy, Settings options, GatewayContext context,
            Target... targets) {
        Route route = new Route("chat", strategy.name(), List.of(targets), Settings.empty("models[0]"));
        return strategy.create(route, options, context);
    }

    /** How often each target came first over {@code requests} orders. */
    static Map<Target, Integer> firstChoices(TargetSelector selector, Exchange exchange, int requests) {
        Map<Target, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < requests; i++) {
            counts.merge(selector.order(exchange).getFirst(), 1, Integer::sum);
        }
        return counts;
    }
}
