package dev.sluice.kernel.js;

import dev.sluice.spi.Caller;
import dev.sluice.spi.TargetHealth;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One made-up request for trying a policy outside the gateway ({@code sluice policy test}, tests of
 * policies): the request, who sends it, when, and the route it would take.
 *
 * <pre>{@code
 * PolicyProbe probe = PolicyProbe.of("{\"model\":\"chat\",\"messages\":[...]}")
 *         .withCaller(Caller.ANONYMOUS.withTeam("search").withTags(List.of("gold")))
 *         .withTargets(List.of("openai/gpt-4o", "mock/small"));
 * }</pre>
 *
 * @param requestJson the request body (chat or embeddings) as JSON
 * @param caller who sends it
 * @param now the time the policy sees
 * @param zone the zone of {@code ctx.time}'s broken-down fields
 * @param route the route name {@code route()} sees; empty for the request's model
 * @param targets the route's targets as {@code provider/model}, in configured order
 * @param health the health of targets by label; unknown targets are healthy with no traffic
 * @param spend the fields of {@code ctx.spend} (e.g. {@code session_usd}); empty for none
 */
public record PolicyProbe(String requestJson, Caller caller, Instant now, ZoneId zone, Optional<String> route,
        List<String> targets, Map<String, TargetHealth> health, Map<String, Double> spend) {

    public PolicyProbe {
        targets = List.copyOf(targets);
        health = Map.copyOf(health);
        spend = Map.copyOf(spend);
        for (String field : spend.keySet()) {
            if (!PolicyFacts.SPEND_FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown ctx.spend field " + field + " (known: "
                        + String.join(", ", PolicyFacts.SPEND_FIELDS) + ")");
            }
        }
    }

    /** A probe for a request: anonymous caller, now, UTC, no targets. */
    public static PolicyProbe of(String requestJson) {
        return new PolicyProbe(requestJson, Caller.ANONYMOUS, Instant.now(), ZoneOffset.UTC, Optional.empty(),
                List.of(), Map.of(), Map.of());
    }

    /** A copy with another caller. */
    public PolicyProbe withCaller(Caller value) {
        return new PolicyProbe(requestJson, value, now, zone, route, targets, health, spend);
    }

    /** A copy at another time. */
    public PolicyProbe at(Instant value) {
        return new PolicyProbe(requestJson, caller, value, zone, route, targets, health, spend);
    }

    /** A copy in another zone. */
    public PolicyProbe inZone(ZoneId value) {
        return new PolicyProbe(requestJson, caller, now, value, route, targets, health, spend);
    }

    /** A copy with other route targets ({@code provider/model}). */
    public PolicyProbe withTargets(List<String> value) {
        return new PolicyProbe(requestJson, caller, now, zone, route, value, health, spend);
    }

    /** A copy naming the route. */
    public PolicyProbe onRoute(String value) {
        return new PolicyProbe(requestJson, caller, now, zone, Optional.of(value), targets, health, spend);
    }

    /** A copy with one target's health set. */
    public PolicyProbe withHealth(String label, TargetHealth value) {
        Map<String, TargetHealth> copy = new LinkedHashMap<>(health);
        copy.put(label, value);
        return new PolicyProbe(requestJson, caller, now, zone, route, targets, copy, spend);
    }

    /** A copy with one field of {@code ctx.spend} set, e.g. {@code withSpend("session_usd", 4.8)}. */
    public PolicyProbe withSpend(String field, double usd) {
        Map<String, Double> copy = new LinkedHashMap<>(spend);
        copy.put(field, usd);
        return new PolicyProbe(requestJson, caller, now, zone, route, targets, health, copy);
    }
}
