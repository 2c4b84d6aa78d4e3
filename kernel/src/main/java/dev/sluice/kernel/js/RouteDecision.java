package dev.sluice.kernel.js;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.Route;
import dev.sluice.spi.Target;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@code route()} decided: the targets of the route to try, first choice first, and the
 * ordering to apply to them; or another model route to serve the request. A policy returns one
 * target ({@code "openai/gpt-4o"}, or a model name only one target has), a list of them,
 * {@code { targets, strategy }}, a model route's name (a string that names no target of this
 * route), {@code { route }}, or nothing for the route's configured order.
 *
 * @param targets the chosen targets, in the policy's order (empty for a switch)
 * @param strategy one of {@link TargetOrderings#NAMES}
 * @param route the model route to switch to, if the policy chose one
 */
record RouteDecision(List<Target> targets, String strategy, Optional<String> route) {

    RouteDecision(List<Target> targets, String strategy) {
        this(targets, strategy, Optional.empty());
    }

    private static RouteDecision switchTo(String route) {
        return new RouteDecision(List.of(), "fallback", Optional.of(route));
    }

    /** The decision, or empty when the policy returned nothing (the route's own order). */
    static Optional<RouteDecision> parse(Outcome outcome, Route route, String file) {
        if (outcome.empty()) {
            return Optional.empty();
        }
        JsonNode result = outcome.result();
        if (result.isTextual()) {
            Optional<Target> one = find(result.asText(), route);
            return Optional.of(one.isPresent() ? new RouteDecision(List.of(one.get()), "fallback")
                    : switchTo(routeName(result, file)));
        }
        if (result.isArray()) {
            return Optional.of(new RouteDecision(targets(result, route, file), "fallback"));
        }
        if (result.isObject()) {
            Iterator<String> keys = result.fieldNames();
            while (keys.hasNext()) {
                String key = keys.next();
                if (!key.equals("targets") && !key.equals("strategy") && !key.equals("route")) {
                    throw bad(file, "returned an object with the unknown key \"" + key
                            + "\" (known: targets, strategy, route)");
                }
            }
            if (result.has("route")) {
                if (result.has("targets") || result.has("strategy")) {
                    throw bad(file, "returned route together with targets or strategy; return { route } to hand"
                            + " the request to another model route, or { targets, strategy } to order this one's");
                }
                return Optional.of(switchTo(routeName(result.get("route"), file)));
            }
            List<Target> targets = result.hasNonNull("targets") ? targets(result.get("targets"), route, file)
                    : route.targets();
            JsonNode strategy = result.path("strategy");
            String name = strategy.isMissingNode() || strategy.isNull() ? "fallback" : strategy.asText();
            if (!strategy.isMissingNode() && !strategy.isNull() && !strategy.isTextual()
                    || !TargetOrderings.NAMES.contains(name)) {
                throw bad(file, "returned the strategy " + strategy + " (known: "
                        + TargetOrderings.NAMES.stream().sorted().collect(Collectors.joining(", ")) + ")");
            }
            return Optional.of(new RouteDecision(targets, name));
        }
        throw bad(file, "returned a " + outcome.type()
                + "; return a target (\"provider/model\"), a list of targets, or { targets, strategy }");
    }

    private static List<Target> targets(JsonNode node, Route route, String file) {
        List<Target> out = new ArrayList<>(node.size());
        if (node.isArray()) {
            for (JsonNode item : node) {
                Target target = target(item, route, file);
                if (!chosen(out, target)) {
                    out.add(target);
                }
            }
        } else {
            out.add(target(node, route, file));
        }
        return out;
    }

    private static Target target(JsonNode item, Route route, String file) {
        String wanted;
        if (item.isTextual()) {
            wanted = item.asText();
        } else if (item.isObject() && item.path("provider").isTextual() && item.path("model").isTextual()) {
            wanted = item.get("provider").asText() + "/" + item.get("model").asText();
        } else {
            throw bad(file, "returned " + item + " as a target; name targets as \"provider/model\"");
        }
        Optional<Target> found = find(wanted, route);
        if (found.isPresent()) {
            return found.get();
        }
        throw bad(file, "chose \"" + wanted + "\", which is not a target of model " + route.name() + " (its targets: "
                + route.targets().stream().map(Target::label).collect(Collectors.joining(", ")) + ")");
    }

    /** Whether a target of the route is among those chosen already. */
    private static boolean chosen(List<Target> chosen, Target target) {
        for (Target one : chosen) {
            if (one == target) {
                return true;
            }
        }
        return false;
    }

    /** The target a name chooses: its label, or a model name only one target has. */
    private static Optional<Target> find(String wanted, Route route) {
        for (Target target : route.targets()) {
            if (target.hasLabel(wanted)) {
                return Optional.of(target);
            }
        }
        List<Target> byModel = route.targets().stream().filter(t -> t.model().equals(wanted)).toList();
        return byModel.size() == 1 ? Optional.of(byModel.get(0)) : Optional.empty();
    }

    private static String routeName(JsonNode name, String file) {
        if (!name.isTextual() || name.asText().isBlank()) {
            throw bad(file, "returned " + name + " as a model route; name it as a string, e.g. { route: \"cheap\" }");
        }
        return name.asText();
    }

    private static PolicyException bad(String file, String problem) {
        return new PolicyException(PolicyException.Kind.BAD_RESULT, file, "route() " + problem);
    }
}
