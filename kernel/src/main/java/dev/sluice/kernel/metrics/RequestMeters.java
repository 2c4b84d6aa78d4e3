package dev.sluice.kernel.metrics;

import dev.sluice.spi.audit.AuditRecord;
import dev.sluice.spi.audit.GuardrailTrigger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns each request's audit record into meter updates. Label values are capped
 * ({@link LabelValues}) and meters are cached by label values, so a request of a route and
 * provider seen before costs a few hash lookups and the meters' own atomic adds.
 */
final class RequestMeters {
    private final MeterRegistry registry;
    private final LabelValues routes = new LabelValues(200);
    private final LabelValues providers = new LabelValues(64);
    private final LabelValues teams = new LabelValues(200);
    private final LabelValues guardrails = new LabelValues(64);
    private final LabelValues actions = new LabelValues(16);
    private final LabelValues stages = new LabelValues(8);
    private final RejectionReasons reasons = new RejectionReasons(64);
    private final ConcurrentHashMap<String, RouteMeters> byRoute = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<GuardrailKey, Counter> triggers = new ConcurrentHashMap<>();

    private record GuardrailKey(String guardrail, String action, String stage) {
    }

    RequestMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(AuditRecord r) {
        RouteMeters route = route(routes.of(r.route()));
        ProviderMeters meters = route.provider(providers.of(r.provider()));
        boolean ok = r.succeeded();
        meters.request(r.status(), ok);
        meters.duration(r.latencyMs());
        boolean reachedUpstream = !r.attempts().isEmpty();
        if (reachedUpstream) {
            meters.overhead(r.gatewayOverheadMs());
        }
        if (r.timeToFirstTokenMs() != null) {
            meters.firstToken(r.timeToFirstTokenMs());
        }
        meters.tokens(r.promptTokens(), r.completionTokens());
        BigDecimal cost = r.costUsd();
        if (cost != null && cost.signum() > 0) {
            meters.cost(teams.of(r.team()), cost.doubleValue());
        }
        BigDecimal saved = r.costSavedUsd();
        if (saved != null && saved.signum() > 0) {
            meters.costSaved(saved.doubleValue());
        }
        if (r.cacheStatus() != null) {
            route.cache(r.cacheStatus());
        }
        if (r.failoverAttempted()) {
            route.failover(ok);
        }
        if (!reachedUpstream && r.status() >= 400 && r.status() < 500 && r.errorType() != null) {
            route.rejection(reasons.of(r.errorType()));
        }
        List<GuardrailTrigger> fired = r.guardrailsTriggered();
        for (int i = 0; i < fired.size(); i++) {
            trigger(fired.get(i));
        }
    }

    private RouteMeters route(String name) {
        RouteMeters meters = byRoute.get(name);
        return meters != null ? meters : byRoute.computeIfAbsent(name, n -> new RouteMeters(registry, n));
    }

    private void trigger(GuardrailTrigger t) {
        GuardrailKey key = new GuardrailKey(guardrails.of(t.guardrail()), actions.of(t.action()), stages.of(t.stage()));
        triggers.computeIfAbsent(key, k -> Counter.builder(MetricNames.GUARDRAIL_TRIGGERS)
                .description("Guardrails that fired, by guardrail, action (block, redact, flag) and stage (input, output).")
                .tag("guardrail", k.guardrail()).tag("action", k.action()).tag("stage", k.stage())
                .register(registry)).increment();
    }
}
