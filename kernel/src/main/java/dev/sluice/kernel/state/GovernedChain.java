package dev.sluice.kernel.state;

import dev.sluice.kernel.auth.ModelAccessStep;
import dev.sluice.kernel.budget.BudgetStep;
import dev.sluice.kernel.budget.RouteTargets;
import dev.sluice.kernel.limit.LimitStep;
import dev.sluice.kernel.route.CompiledRoute;
import dev.sluice.kernel.spend.SpendStep;
import dev.sluice.spi.ChainStep;
import dev.sluice.spi.GatewayContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The kernel's own steps around the configured chain: model access, the spend ledger and rate
 * limits before it, budgets last (just before the router), so that a budget reserves for the
 * request as the configured steps left it and a cached answer reserves nothing.
 */
public final class GovernedChain {
    private GovernedChain() {
    }

    /**
     * The whole chain.
     *
     * @param configured the steps of {@code chain:}
     * @param governance the configuration's keys, budgets and limits
     * @param shared the state that outlives reloads
     * @param context the gateway's context (clock, prices)
     * @param routes the routes, to bound what a request may cost
     * @param providers the enabled providers' names
     * @param direct whether direct routing is on
     */
    public static List<ChainStep> steps(List<ChainStep> configured, Governance governance, GatewayState shared,
            GatewayContext context, Map<String, CompiledRoute> routes, Set<String> providers, boolean direct) {
        List<ChainStep> steps = new ArrayList<>();
        steps.add(new ModelAccessStep());
        steps.add(new SpendStep(shared.ledger(), context.costs()));
        steps.add(new LimitStep(governance.limits(), shared.store()));
        steps.addAll(configured);
        steps.add(new BudgetStep(governance.budgets(), shared.store(), context.costs(),
                new RouteTargets(routes, providers, direct), shared.alerts(), context.clock()));
        return steps;
    }
}
