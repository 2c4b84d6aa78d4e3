package dev.sluice.kernel.route;

import dev.sluice.kernel.config.GatewayConfig.Affinity;
import dev.sluice.kernel.route.health.TargetStats;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.Provider;
import dev.sluice.spi.Result;
import dev.sluice.spi.Target;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tries a route's targets until one answers, the same way whatever the strategy: the strategy's
 * order is rearranged by health (open targets left out, degraded ones last) and session
 * affinity, then a {@link FailoverRun} tries them. A target fails over on a connection failure, a
 * configured status, or a timeout; a stream counts as answered only once its first chunk
 * arrived, so a stream that breaks or stalls before any byte reaches the client still fails over.
 * Once bytes have reached the client there is no silent switch.
 */
final class FailoverExecutor {
    private static final Logger LOG = Logger.getLogger(FailoverExecutor.class.getName());

    private final RoutingState state;

    FailoverExecutor(RoutingState state) {
        this.state = state;
    }

    Result execute(Exchange exchange, CompiledRoute route, List<Target> order, Map<String, Provider> providers) {
        String routeName = route.route().name();
        Optional<String> session = route.options().affinity() == Affinity.SESSION
                ? exchange.caller().session().filter(s -> !s.isBlank()) : Optional.empty();
        Optional<String> pinned = session.flatMap(s -> state.affinity().pinned(routeName, s));
        TargetOrder.Lineup lineup = TargetOrder.arrange(order, route.failover(), target -> stats(route, target), pinned);
        if (!lineup.skipped().isEmpty() && LOG.isLoggable(Level.FINE)) {
            LOG.fine("request " + exchange.id() + ": skipping targets whose breaker is open: "
                    + lineup.skipped().stream().map(Target::label).toList());
        }
        Result result = new FailoverRun(exchange, route, providers, lineup.candidates()).run();
        if (session.isPresent()) {
            String served = exchange.servedBy().map(Target::label).orElseThrow();
            if (pinned.isEmpty() || !pinned.get().equals(served)) {
                state.affinity().pin(routeName, session.get(), served);
            }
        }
        return result;
    }

    private TargetStats stats(CompiledRoute route, Target target) {
        TargetStats stats = route.stats().get(target);
        return stats != null ? stats : state.health().find(target.label()).orElse(null);
    }
}
