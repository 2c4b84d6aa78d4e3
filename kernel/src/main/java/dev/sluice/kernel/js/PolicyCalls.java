package dev.sluice.kernel.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.kernel.upstream.KernelContext;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Operation;
import dev.sluice.spi.Route;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetHealth;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.json.Json;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Calls the hooks of one policy file for one user (a chain step or a routing strategy): builds the
 * request and {@code ctx} JSON from the exchange, calls the engine, and forwards what the policy
 * logged.
 */
final class PolicyCalls {
    private final PolicyEngine engine;
    private final PolicyHandle handle;
    private final PolicySettings settings;
    private final GatewayContext context;
    private final PolicyLog log;

    PolicyCalls(PolicyEngine engine, PolicyHandle handle, PolicySettings settings, GatewayContext context,
            PolicyLog log) {
        this.engine = engine;
        this.handle = handle;
        this.settings = settings;
        this.context = context;
        this.log = log;
    }

    PolicyHandle handle() {
        return handle;
    }

    PolicySettings settings() {
        return settings;
    }

    /** Calls {@code route(request, ctx)}; {@code ctx} has the route and its targets with their health. */
    Outcome route(PolicyScript script, Exchange exchange, Route route) {
        return call(script, "route", exchange, () -> ReadOnlyBeans.of(exchange.request()),
                facts(exchange, Optional.of(route.name()), route.targets()));
    }

    /** Calls {@code onRequest(request, ctx)}. */
    Outcome onRequest(PolicyScript script, Exchange exchange) {
        return call(script, "onRequest", exchange, () -> ReadOnlyBeans.of(exchange.request()),
                facts(exchange, Optional.empty(), List.of()));
    }

    /** Calls {@code onResponse(response, ctx)} with the response (or a stream's summary). */
    Outcome onResponse(PolicyScript script, Exchange exchange, JsonNode response) {
        return call(script, "onResponse", exchange, () -> response, facts(exchange, Optional.empty(), List.of()));
    }

    /** {@code ctx}'s facts, as of now; a chain step's hooks have no route and no targets. */
    private Supplier<Object> facts(Exchange exchange, Optional<String> route, List<Target> targets) {
        Instant now = now();
        return () -> PolicyFacts.of(exchange.caller(), now, zone(), operation(exchange), route, targets,
                context::health, spend(exchange, now));
    }

    /** {@code ctx.spend}: from the gateway's spend ledger, or a probe's made-up figures; {@code null} for none. */
    private Supplier<JsonNode> spend(Exchange exchange, Instant now) {
        if (context instanceof KernelContext kernel && kernel.spend().isPresent()) {
            return () -> PolicyFacts.spend(kernel.spend().get().soFar(exchange.caller(), now));
        }
        if (context instanceof ProbeContext probe && !probe.spend().isEmpty()) {
            return () -> {
                ObjectNode spend = Json.mapper().createObjectNode();
                probe.spend().forEach(spend::put);
                return spend;
            };
        }
        return null;
    }

    /** Calls a hook; the request and {@code ctx} are built on the thread that reads them. */
    private Outcome call(PolicyScript script, String hook, Exchange exchange, Supplier<?> argument,
            Supplier<Object> ctx) {
        Outcome outcome = engine.call(script, hook, argument, ctx, settings.limits(), this::health);
        for (String line : outcome.logs()) {
            log.line(script.name(), exchange.id(), line);
        }
        return outcome;
    }

    /** {@code ctx.health("provider/model")} for a target outside {@code ctx.targets}. */
    private Optional<TargetHealth> health(String label) {
        int slash = label.indexOf('/');
        if (slash <= 0 || slash == label.length() - 1) {
            return Optional.empty();
        }
        Target target = new Target(label.substring(0, slash), label.substring(slash + 1), 1, Settings.empty("js"));
        return Optional.of(context.health(target));
    }

    private Instant now() {
        return context.clock().instant();
    }

    private ZoneId zone() {
        return settings.zone().orElse(context.clock().getZone());
    }

    private static String operation(Exchange exchange) {
        return exchange.operation() == Operation.CHAT ? "chat" : "embeddings";
    }
}
