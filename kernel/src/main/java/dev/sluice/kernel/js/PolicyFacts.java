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
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * What a hook's {@code ctx} tells, read-only, for one call: the caller, the time of the call, the
 * operation, and for {@code route()} the route and its targets with their health. Nothing is a live
 * gateway object. Each fact is made when the policy first reads it and then kept for the call: a
 * policy that never reads the time or a target does not pay for it, and a target's health (made
 * with the target) or the spend is as it was at that first read. {@code spend} is left out
 * (JavaScript sees {@code undefined}) where the gateway keeps no spend ledger. The targets' labels
 * are there too, for {@code ctx.health(label)} to find a target without making the others.
 */
final class PolicyFacts {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> CHAIN_KEYS = List.of("caller", "time", "operation");
    private static final List<String> ROUTE_KEYS = List.of("caller", "time", "operation", "route", "targets",
            "labels");
    private static final List<String> CHAIN_KEYS_SPEND = List.of("caller", "time", "operation", "spend");
    private static final List<String> ROUTE_KEYS_SPEND = List.of("caller", "time", "operation", "route", "targets",
            "labels", "spend");
    private static final List<String> TIME_KEYS = List.of("now", "iso", "zone", "year", "month", "day", "hour",
            "minute", "weekday");

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
            case "labels" -> ReadOnlyJson.array(targets.size(), i -> targets.get(i).label());
            default -> ReadOnlyJson.of(spend.get());
        });
    }

    private static CallerFacts caller(Caller caller) {
        return new CallerFacts(caller.keyId().orElse(null), caller.team().orElse(null), caller.project().orElse(null),
                caller.user().orElse(null), caller.session().orElse(null), ReadOnlyJson.strings(caller.tags()));
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

    private static TargetFacts target(Target target, Function<Target, TargetHealth> health) {
        return new TargetFacts(target.provider(), target.model(), target.label(), target.weight(),
                health(health.apply(target)));
    }

    /** One target's health, for {@code ctx.health(label)} and {@code ctx.targets}. */
    static HealthFacts health(TargetHealth health) {
        return new HealthFacts(health.state().name().toLowerCase(Locale.ROOT), health.available(), health.requests(),
                health.errorRate(), millis(health.latency()), millis(health.firstToken()), millis(health.p95()));
    }

    // The facts a policy reads most often are objects whose only members are final fields, which
    // GraalJS reads several times faster than a view's members: the context lets JavaScript see the
    // fields marked for export and nothing else of them (no methods, no class). They read as JSON
    // objects, their fields in the order declared, and a write to them throws a TypeError.

    /** {@code ctx.caller}. */
    public static final class CallerFacts {
        @HostAccess.Export public final String key;
        @HostAccess.Export public final String team;
        @HostAccess.Export public final String project;
        @HostAccess.Export public final String user;
        @HostAccess.Export public final String session;
        /** A read-only array of strings. */
        @HostAccess.Export public final Object tags;

        CallerFacts(String key, String team, String project, String user, String session, Object tags) {
            this.key = key;
            this.team = team;
            this.project = project;
            this.user = user;
            this.session = session;
            this.tags = tags;
        }
    }

    /** A target of {@code ctx.targets}, with its health as of the policy's first read of the target. */
    public static final class TargetFacts {
        @HostAccess.Export public final String provider;
        @HostAccess.Export public final String model;
        @HostAccess.Export public final String label;
        @HostAccess.Export public final int weight;
        @HostAccess.Export public final HealthFacts health;

        TargetFacts(String provider, String model, String label, int weight, HealthFacts health) {
            this.provider = provider;
            this.model = model;
            this.label = label;
            this.weight = weight;
            this.health = health;
        }
    }

    /** A target's health, as {@code ctx.targets[i].health} and {@code ctx.health(label)} give it. */
    public static final class HealthFacts {
        @HostAccess.Export public final String state;
        @HostAccess.Export public final boolean available;
        @HostAccess.Export public final long requests;
        @HostAccess.Export public final double error_rate;
        @HostAccess.Export public final double latency_ms;
        @HostAccess.Export public final double first_token_ms;
        @HostAccess.Export public final double p95_ms;

        HealthFacts(String state, boolean available, long requests, double errorRate, double latencyMs,
                double firstTokenMs, double p95Ms) {
            this.state = state;
            this.available = available;
            this.requests = requests;
            this.error_rate = errorRate;
            this.latency_ms = latencyMs;
            this.first_token_ms = firstTokenMs;
            this.p95_ms = p95Ms;
        }
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
