package dev.sluice.kernel.budget;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.kernel.auth.Access;
import dev.sluice.kernel.auth.VirtualKey;
import dev.sluice.kernel.spend.CallCost;
import dev.sluice.kernel.spend.StreamEnd;
import dev.sluice.kernel.state.Scope;
import dev.sluice.spi.Caller;
import dev.sluice.spi.Chain;
import dev.sluice.spi.ChainStep;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.Result;
import dev.sluice.spi.Target;
import dev.sluice.spi.cost.CostMeter;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.Usage;
import dev.sluice.spi.state.StateStore;
import dev.sluice.spi.state.StateStore.Reservation;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Logger;

/**
 * Spend caps, kept exactly under concurrency. Before the call, the request's highest possible
 * cost is reserved on every hard-capped counter it counts toward; a counter that cannot take it
 * rejects the request ({@code 429 budget_exceeded}) before any upstream is called. After the call
 * (for a stream: when it closes), the reservation is replaced by the actual cost; a failed call
 * releases it. Because reserving is one atomic check-and-add per counter, concurrent requests can
 * never together reserve, and so never spend, more than a cap.
 *
 * <p>The highest possible cost is the maximum, over the route's targets, of the target's price for
 * {@link RequestSize#promptBound} input tokens and {@link RequestSize#outputBound} output tokens.
 */
public final class BudgetStep implements ChainStep {
    private static final Logger LOG = Logger.getLogger(BudgetStep.class.getName());

    private final BudgetConfig config;
    private final StateStore store;
    private final CostMeter costs;
    private final RouteTargets targets;
    private final BudgetAlerts alerts;
    private final Clock clock;

    public BudgetStep(BudgetConfig config, StateStore store, CostMeter costs, RouteTargets targets,
            BudgetAlerts alerts, Clock clock) {
        this.config = config;
        this.store = store;
        this.costs = costs;
        this.targets = targets;
        this.alerts = alerts;
        this.clock = clock;
    }

    @Override
    public Result intercept(Chain chain) {
        Exchange exchange = chain.exchange();
        List<CapGroup> groups = groups(exchange.caller(), exchange.attribute(Access.KEY), clock.instant());
        if (groups.isEmpty()) {
            return chain.proceed(exchange);
        }
        List<Reservation> held = reserve(exchange, groups);
        Result result;
        try {
            result = chain.proceed(exchange);
        } catch (RuntimeException e) {
            held.forEach(store::release);
            throw e;
        }
        if (result instanceof Result.Stream stream) {
            return new Result.Stream(StreamEnd.then(stream.chunks(), usage -> settle(exchange, groups, held, usage)));
        }
        settle(exchange, groups, held, CallCost.usageOf(result));
        return result;
    }

    /** The counters this caller's request counts toward, merged per counter. */
    List<CapGroup> groups(Caller caller, Optional<VirtualKey> key, Instant now) {
        List<BudgetCap> caps = new ArrayList<>(config.caps());
        Map<String, CapGroup> out = new LinkedHashMap<>();
        key.ifPresent(k -> {
            k.budgets().forEach(b -> add(out, b, k.id(), now));
            if (k.sessionBudget().isPresent()) {
                caller.session().ifPresent(s -> add(out, new BudgetCap(Scope.SESSION, Optional.of(s), Period.TOTAL,
                        k.sessionBudget(), OptionalLong.empty()), s, now));
            }
        });
        for (BudgetCap cap : caps) {
            for (String value : cap.scope().valuesOf(caller, "")) {
                if (cap.id().isEmpty() || cap.id().get().equals(value)) {
                    add(out, cap, value, now);
                }
            }
        }
        return List.copyOf(out.values());
    }

    private static void add(Map<String, CapGroup> out, BudgetCap cap, String value, Instant now) {
        String label = cap.period().label(now);
        String counter = "budget:" + cap.scope().key() + ":" + value + ":" + cap.period().key() + ":" + label;
        CapGroup empty = new CapGroup(counter, cap.scope(), value, cap.period(), label, OptionalLong.empty(), List.of());
        out.merge(counter, empty.merge(cap), (a, b) -> a.merge(cap));
    }

    private List<Reservation> reserve(Exchange exchange, List<CapGroup> groups) {
        List<CapGroup> hard = groups.stream().filter(g -> g.hard().isPresent()).toList();
        if (hard.isEmpty()) {
            return List.of();
        }
        long amount = bound(exchange);
        List<Reservation> held = new ArrayList<>();
        for (CapGroup group : hard) {
            Reservation r = store.reserve(group.counter(), amount, group.hard().getAsLong(), group.period().keep());
            if (!r.granted()) {
                held.forEach(store::release);
                exchange.responseHeader("x-should-retry", "false");
                throw exceeded(group, r, amount);
            }
            held.add(r);
        }
        return held;
    }

    /** The request's highest possible cost in nano-dollars, over every target it may reach. */
    private long bound(Exchange exchange) {
        long prompt = RequestSize.promptBound(exchange.request());
        long output = RequestSize.outputBound(exchange.request(), config.defaultMaxTokens());
        Usage worst = Usage.of((int) Math.min(Integer.MAX_VALUE, prompt), (int) Math.min(Integer.MAX_VALUE, output));
        long max = 0;
        for (Target target : targets.of(exchange.request().model())) {
            Optional<BigDecimal> cost = costs.costOf(target.provider(), target.model(), worst);
            if (cost.isEmpty()) {
                if (config.unpriced() == BudgetConfig.Unpriced.REJECT) {
                    throw new GatewayException(ErrorType.PERMISSION, "a budget applies to this request, and "
                            + target.label() + " has no price, so what it may cost cannot be capped"
                            + " (budgets.unpriced: reject)").withCode("unpriced_model");
                }
                LOG.fine(() -> "request " + exchange.id() + ": " + target.label()
                        + " has no price; nothing is reserved for it");
                continue;
            }
            max = Math.max(max, Money.nanos(cost.get()));
        }
        return max;
    }

    private void settle(Exchange exchange, List<CapGroup> groups, List<Reservation> held, Optional<Usage> observed) {
        Optional<BigDecimal> cost = CallCost.of(exchange, observed, costs);
        long reserved = held.isEmpty() ? 0 : held.get(0).amount();
        // Unknown cost of an answered call (a stream cut before its usage): count the worst case.
        long actual = cost.map(Money::nanos).orElse(exchange.servedBy().isPresent() ? reserved : 0L);
        if (actual > reserved && !held.isEmpty()) {
            LOG.warning("request " + exchange.id() + " cost " + Money.show(actual) + ", more than the "
                    + Money.show(reserved) + " reserved for it (the upstream went past max_tokens?)");
        }
        for (Reservation r : held) {
            store.settle(r, actual);
        }
        if (actual == 0) {
            return;
        }
        for (CapGroup group : groups) {
            if (group.softs().isEmpty()) {
                continue;
            }
            long after = store.incrementBy(group.spentCounter(), actual, group.period().keep());
            long before = after - actual;
            for (long soft : group.softs()) {
                if (before < soft && soft <= after) {
                    alerts.send(alert(group, soft, after), config.alertWebhook());
                }
            }
        }
    }

    private ObjectNode alert(CapGroup group, long soft, long spent) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("type", "budget.soft_cap_crossed");
        body.put("scope", group.scope().key());
        body.put("id", group.value());
        body.put("period", group.period().key());
        body.put("period_start", group.label());
        body.put("soft_usd", Money.usd(soft));
        group.hard().ifPresent(h -> body.put("hard_usd", Money.usd(h)));
        body.put("spent_usd", Money.usd(spent));
        body.put("at", clock.instant().toString());
        return body;
    }

    private static GatewayException exceeded(CapGroup group, Reservation r, long amount) {
        String who = group.scope().key() + " '" + group.value() + "'";
        String period = group.period() == Period.TOTAL ? "in total" : "for " + group.period().key() + " " + group.label();
        String message = who + " has reached its budget of " + Money.show(r.limit()) + " " + period + ": "
                + Money.show(r.used()) + " is spent or held by requests in flight, and this request may cost up to "
                + Money.show(amount);
        return new GatewayException(ErrorType.RATE_LIMIT, message)
                .withCode(group.scope() == Scope.SESSION ? "session_budget_exceeded" : "budget_exceeded");
    }
}
