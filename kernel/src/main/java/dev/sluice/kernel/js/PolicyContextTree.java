package dev.sluice.kernel.js;

import com.fasterxml.jackson.databind.node.ArrayNode;
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

/**
 * Builds a hook's {@code ctx} as a JSON tree: an immutable copy of what the policy may know, never
 * a live object. {@code spend} is left out (JavaScript sees {@code undefined}) where the gateway
 * keeps no spend ledger.
 */
final class PolicyContextTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PolicyContextTree() {
    }

    /**
     * @param caller who sent the request
     * @param now the time
     * @param zone the zone of the broken-down time fields
     * @param operation {@code chat} or {@code embeddings}
     * @param route the route's name, for {@code route()}
     * @param targets the route's targets, for {@code route()}; empty otherwise
     * @param health each target's health
     */
    static ObjectNode of(Caller caller, Instant now, ZoneId zone, String operation, Optional<String> route,
            List<Target> targets, Function<Target, TargetHealth> health) {
        ObjectNode ctx = NODES.objectNode();
        ctx.set("caller", caller(caller));
        ctx.set("time", time(now, zone));
        ctx.put("operation", operation);
        if (route.isPresent()) {
            ctx.put("route", route.get());
            ArrayNode list = ctx.putArray("targets");
            for (Target target : targets) {
                ObjectNode item = list.addObject();
                item.put("provider", target.provider());
                item.put("model", target.model());
                item.put("label", target.label());
                item.put("weight", target.weight());
                item.set("health", health(health.apply(target)));
            }
        }
        return ctx;
    }

    /** One target's health, for {@code ctx.health(label)} and {@code ctx.targets}. */
    static ObjectNode health(TargetHealth health) {
        ObjectNode out = NODES.objectNode();
        out.put("state", health.state().name().toLowerCase(Locale.ROOT));
        out.put("available", health.available());
        out.put("requests", health.requests());
        out.put("error_rate", health.errorRate());
        out.put("latency_ms", millis(health.latency()));
        out.put("first_token_ms", millis(health.firstToken()));
        out.put("p95_ms", millis(health.p95()));
        return out;
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

    private static ObjectNode caller(Caller caller) {
        ObjectNode out = NODES.objectNode();
        out.put("key", caller.keyId().orElse(null));
        out.put("team", caller.team().orElse(null));
        out.put("project", caller.project().orElse(null));
        out.put("user", caller.user().orElse(null));
        out.put("session", caller.session().orElse(null));
        ArrayNode tags = out.putArray("tags");
        caller.tags().forEach(tags::add);
        return out;
    }

    private static ObjectNode time(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        ObjectNode out = NODES.objectNode();
        out.put("now", now.toEpochMilli());
        out.put("iso", now.toString());
        out.put("zone", zone.getId());
        out.put("year", local.getYear());
        out.put("month", local.getMonthValue());
        out.put("day", local.getDayOfMonth());
        out.put("hour", local.getHour());
        out.put("minute", local.getMinute());
        // 0 for Sunday, as JavaScript's Date.getDay().
        out.put("weekday", local.getDayOfWeek().getValue() % 7);
        return out;
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1_000_000.0;
    }
}
