package dev.sluice.kernel.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.kernel.spend.SpendSoFar;
import dev.sluice.spi.Caller;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetHealth;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * What a hook's {@code ctx} tells, as read-only views for one call: the caller, the time of the
 * call, the operation, and for {@code route()} the route and its targets with their health. Nothing
 * is a live object. Each fact is made when the policy first reads it and then kept for the call: a
 * policy that never reads the time or a target's health does not pay for it, and a target's health
 * (or the spend) is as it was at that first read. {@code spend} is left out (JavaScript sees
 * {@code undefined}) where the gateway keeps no spend ledger.
 */
final class PolicyFacts {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> CHAIN_KEYS = List.of("caller", "time", "operation");
    private static final List<String> ROUTE_KEYS = List.of("caller", "time", "operation", "route", "targets");
    private static final List<String> CHAIN_KEYS_SPEND = List.of("caller", "time", "operation", "spend");
    private static final List<String> ROUTE_KEYS_SPEND = List.of("caller", "time", "operation", "route", "targets",
            "spend");
    private static final List<String> CALLER_KEYS = List.of("key", "team", "project", "user", "session", "tags");
    private static final List<String> TIME_KEYS = List.of("now", "iso", "zone", "year", "month", "day", "hour",
            "minute", "weekday");
    private static final List<String> TARGET_KEYS = List.of("provider", "model", "label", "weight", "health");
    private static final List<String> HEALTH_KEYS = List.of("state", "available", "requests", "error_rate",
            "latency_ms", "first_token_ms", "p95_ms");

    private PolicyFacts() {
    }

    /**
     * The facts of one call; a view for the thread that makes it.
     *
     * @param caller who sent the request
     * @param now the time
     * @param zone the zone of the broken-down time fields
     * @param operation {@code chat} or {@code embeddings}
     * @param route the route's name, for {@code route()}
     * @param targets the route's targets, for {@code route()}; empty otherwise
     * @param health each target's health, asked when the policy first reads it
     * @param spend {@code ctx.spend}, asked when the policy first reads it; {@code null} for none
     */
    static ProxyObject of(Caller caller, Instant now, ZoneId zone, String operation, Optional<String> route,
            List<Target> targets, Function<Target, TargetHealth> health, Supplier<JsonNode> spend) {
        List<String> keys = route.isPresent() ? (spend != null ? ROUTE_KEYS_SPEND : ROUTE_KEYS)
                : (spend != null ? CHAIN_KEYS_SPEND : CHAIN_KEYS);
        return ReadOnlyJson.object(keys, key -> switch (key) {
            case "caller" -> caller(caller);
            case "time" -> time(now, zone);
            case "operation" -> operation;
            case "route" -> route.orElse(null);
            case "targets" -> ReadOnlyJson.array(targets.size(), i -> target(targets.get(i), health));
            default -> ReadOnlyJson.of(spend.get());
        });
    }

    private static ProxyObject caller(Caller caller) {
        return ReadOnlyJson.object(CALLER_KEYS, key -> switch (key) {
            case "key" -> caller.keyId().orElse(null);
            case "team" -> caller.team().orElse(null);
            case "project" -> caller.project().orElse(null);
            case "user" -> caller.user().orElse(null);
            case "session" -> caller.session().orElse(null);
            default -> ReadOnlyJson.strings(caller.tags());
        });
    }

    private static ProxyObject time(Instant now, ZoneId zone) {
        ZonedDateTime[] local = new ZonedDateTime[1];
        Supplier<ZonedDateTime> at = () -> local[0] != null ? local[0] : (local[0] = now.atZone(zone));
        return ReadOnlyJson.object(TIME_KEYS, key -> switch (key) {
            case "now" -> now.toEpochMilli();
            case "iso" -> now.toString();
            case "zone" -> zone.getId();
            case "year" -> at.get().getYear();
            case "month" -> at.get().getMonthValue();
            case "day" -> at.get().getDayOfMonth();
            case "hour" -> at.get().getHour();
            case "minute" -> at.get().getMinute();
            // 0 for Sunday, as JavaScript's Date.getDay().
            default -> at.get().getDayOfWeek().getValue() % 7;
        });
    }

    private static ProxyObject target(Target target, Function<Target, TargetHealth> health) {
        return ReadOnlyJson.object(TARGET_KEYS, key -> switch (key) {
            case "provider" -> target.provider();
            case "model" -> target.model();
            case "label" -> target.label();
            case "weight" -> target.weight();
            default -> health(health.apply(target));
        });
    }

    /** One target's health, for {@code ctx.health(label)} and {@code ctx.targets}. */
    static ProxyObject health(TargetHealth health) {
        return ReadOnlyJson.object(HEALTH_KEYS, key -> switch (key) {
            case "state" -> health.state().name().toLowerCase(Locale.ROOT);
            case "available" -> health.available();
            case "requests" -> health.requests();
            case "error_rate" -> health.errorRate();
            case "latency_ms" -> millis(health.latency());
            case "first_token_ms" -> millis(health.firstToken());
            default -> millis(health.p95());
        });
    }

    /**
     * The fields of {@code ctx.spend}: the session's spend so far, and today's and this month's
     * (UTC) for the caller's key, user, team and project. A field is present when the caller has
     * that dimension.
     */
    static final List<String> SPEND_FIELDS = List.of("session_usd", "session_requests", "session_tokens",
            "key_today_usd", "key_month_usd", "user_today_usd", "user_month_usd", "team_today_usd", "team_month_usd",
            "project_today_usd", "project_month_usd");

    /** {@code ctx.spend} from the ledger's running totals. */
    static ObjectNode spend(SpendSoFar.OfCaller spend) {
        ObjectNode out = NODES.objectNode();
        spend.session().ifPresent(s -> {
            out.put("session_usd", usd(s.total().costNanos()));
            out.put("session_requests", s.total().requests());
            out.put("session_tokens", s.total().promptTokens() + s.total().completionTokens());
        });
        periods(out, "key", spend.key());
        periods(out, "user", spend.user());
        periods(out, "team", spend.team());
        periods(out, "project", spend.project());
        return out;
    }

    private static void periods(ObjectNode out, String dimension, Optional<SpendSoFar> spend) {
        spend.ifPresent(s -> {
            out.put(dimension + "_today_usd", usd(s.today().costNanos()));
            out.put(dimension + "_month_usd", usd(s.month().costNanos()));
        });
    }

    private static double usd(long nanos) {
        return nanos / 1e9;
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1_000_000.0;
    }
}
