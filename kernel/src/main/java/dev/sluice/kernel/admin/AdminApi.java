package dev.sluice.kernel.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.kernel.GatewayRuntime;
import dev.sluice.kernel.config.GatewayConfig.HealthConfig;
import dev.sluice.kernel.route.CompiledRoute;
import dev.sluice.kernel.route.RoutingState;
import dev.sluice.kernel.route.health.HealthTracker.HealthReport;
import dev.sluice.kernel.route.health.TargetStats;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetHealth;
import dev.sluice.spi.json.Json;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Administration endpoints. {@code GET /admin/health}: every route of the running configuration
 * with the live health of each of its targets (state as the route sees it, window statistics,
 * typical latencies, and the breaker's opening time and next probe).
 *
 * <p>Once {@code auth.master_key} is set, this route takes it ({@code Authorization: Bearer}); until
 * then it is open, so expose the gateway's port only where that is acceptable.
 */
public final class AdminApi {
    private final Supplier<GatewayRuntime> runtime;
    private final RoutingState routing;
    private final Clock clock;

    /**
     * @param runtime the runtime serving new requests now
     * @param routing the gateway's long-lived health and affinity
     * @param clock the gateway's clock
     */
    public AdminApi(Supplier<GatewayRuntime> runtime, RoutingState routing, Clock clock) {
        this.runtime = runtime;
        this.routing = routing;
        this.clock = clock;
    }

    /** Adds the admin routes. */
    public void register(HttpRouting.Builder routing) {
        routing.get("/admin/health", new AdminGuard(runtime).whenConfigured(this::health));
    }

    private void health(ServerRequest req, ServerResponse res) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("generated_at", clock.instant().toString());
        body.set("settings", settings(routing.health().config()));
        ArrayNode routes = body.putArray("routes");
        for (CompiledRoute route : runtime.get().routes().values()) {
            ObjectNode r = routes.addObject();
            r.put("name", route.route().name());
            r.put("strategy", route.route().strategy());
            r.put("affinity", route.options().affinity().name().toLowerCase(java.util.Locale.ROOT));
            route.failover().latencyThreshold().ifPresent(t -> r.put("latency_threshold_ms", t.toMillis()));
            ArrayNode targets = r.putArray("targets");
            for (Target target : route.route().targets()) {
                targets.add(target(route, target));
            }
        }
        body.put("sessions", routing.affinity().size());
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.bytes(body));
    }

    private ObjectNode target(CompiledRoute route, Target target) {
        ObjectNode t = Json.mapper().createObjectNode();
        t.put("provider", target.provider());
        t.put("model", target.model());
        TargetStats stats = route.stats().get(target);
        if (stats == null) {
            t.put("state", TargetHealth.State.HEALTHY.name());
            return t;
        }
        HealthReport report = routing.health().report(stats);
        TargetHealth h = report.health();
        t.put("state", route.stateOf(target).name());
        t.put("breaker", h.state().name());
        t.put("requests", h.requests());
        t.put("error_rate", Math.round(h.errorRate() * 1000) / 1000.0);
        t.put("latency_ms", h.latency().toMillis());
        t.put("first_token_ms", h.firstToken().toMillis());
        t.put("p95_ms", h.p95().toMillis());
        report.openedAt().ifPresent(at -> t.put("opened_at", at.toString()));
        report.nextProbeAt().ifPresent(at -> t.put("next_probe_at", at.toString()));
        report.reason().ifPresent(why -> t.put("reason", why));
        return t;
    }

    private static ObjectNode settings(HealthConfig c) {
        ObjectNode s = Json.mapper().createObjectNode();
        s.put("window_ms", c.window().toMillis());
        s.put("min_requests", c.minRequests());
        s.put("error_rate", c.errorRate());
        s.put("cooldown_ms", c.cooldown().toMillis());
        c.latencyThreshold().map(Duration::toMillis).ifPresentOrElse(ms -> s.put("latency_threshold_ms", ms),
                () -> s.putNull("latency_threshold_ms"));
        return s;
    }
}
