package dev.sluice.kernel.js;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.Caller;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetHealth;
import dev.sluice.spi.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ctx} as a policy sees it: every fact, read-only, and made only when the policy reads it. */
class PolicyFactsTest {
    private static final Caller CALLER = new Caller(Optional.of("key_1"), Optional.of("search"), Optional.empty(),
            Optional.of("ana"), Optional.of("s-9"), List.of("gold", "beta"));
    private static final TargetHealth SLOW = new TargetHealth(TargetHealth.State.DEGRADED, 12, 0.25,
            Duration.ofMillis(850), Duration.ofMillis(120), Duration.ofMillis(1500));

    @TempDir
    Path dir;

    private final AtomicInteger healthAsked = new AtomicInteger();
    private final AtomicInteger spendAsked = new AtomicInteger();

    private Object facts(Optional<String> route, boolean spend) {
        Function<Target, TargetHealth> health = target -> {
            healthAsked.incrementAndGet();
            return target.provider().equals("openai") ? SLOW : TargetHealth.UNKNOWN;
        };
        Supplier<JsonNode> spent = () -> {
            spendAsked.incrementAndGet();
            return Json.mapper().createObjectNode().put("session_usd", 1.25);
        };
        // Tuesday 2026-03-03 01:30 in Tokyo.
        return PolicyFacts.of(CALLER, Instant.parse("2026-03-02T16:30:00Z"), ZoneId.of("Asia/Tokyo"), "chat", route,
                route.isPresent() ? Scripts.TARGETS : List.of(), health, spend ? spent : null);
    }

    private JsonNode call(String body, Object facts) throws IOException {
        PolicyHandle handle = Scripts.load(dir, "ctx-" + Integer.toHexString(body.hashCode()) + ".js",
                "export function route(request, ctx) {\n" + body + "\n}\n");
        Outcome outcome = Scripts.engine().call(handle.current(), "route", () -> Scripts.request("hi"), () -> facts,
                PolicyLimits.DEFAULT, label -> Optional.of(SLOW));
        return Json.mapper().readTree(outcome.result().asText());
    }

    @Test
    void aRoutePolicySeesEveryFactAsPlainJson() throws IOException {
        JsonNode seen = call("return JSON.stringify(ctx);", facts(Optional.of("chat"), false));

        assertThat(seen).isEqualTo(Json.mapper().readTree("""
                {"caller": {"key": "key_1", "team": "search", "project": null, "user": "ana", "session": "s-9",
                            "tags": ["gold", "beta"]},
                 "time": {"now": 1772469000000, "iso": "2026-03-02T16:30:00Z", "zone": "Asia/Tokyo", "year": 2026,
                          "month": 3, "day": 3, "hour": 1, "minute": 30, "weekday": 2},
                 "operation": "chat",
                 "route": "chat",
                 "targets": [
                   {"provider": "openai", "model": "gpt-4o", "label": "openai/gpt-4o", "weight": 1,
                    "health": {"state": "degraded", "available": true, "requests": 12, "error_rate": 0.25,
                               "latency_ms": 850, "first_token_ms": 120, "p95_ms": 1500}},
                   {"provider": "mock", "model": "small", "label": "mock/small", "weight": 1,
                    "health": {"state": "healthy", "available": true, "requests": 0, "error_rate": 0,
                               "latency_ms": 0, "first_token_ms": 0, "p95_ms": 0}}]}
                """));
        assertThat(healthAsked).hasValue(2);
    }

    @Test
    void aChainStepSeesNoRouteAndSpendWhereThereIsALedger() throws IOException {
        JsonNode seen = call("return JSON.stringify([Object.keys(JSON.parse(JSON.stringify(ctx))), "
                + "ctx.route === undefined, ctx.targets === undefined, ctx.spend]);", facts(Optional.empty(), true));

        assertThat(seen).isEqualTo(Json.mapper().readTree("""
                [["caller", "time", "spend", "operation"], true, true, {"session_usd": 1.25}]
                """));
        JsonNode without = call("return JSON.stringify([Object.keys(JSON.parse(JSON.stringify(ctx))), "
                + "ctx.spend === undefined]);",
                facts(Optional.empty(), false));
        assertThat(without).isEqualTo(Json.mapper().readTree("[[\"caller\", \"time\", \"operation\"], true]"));
    }

    @Test
    void factsAreMadeWhenFirstReadAndThenKept() throws IOException {
        JsonNode seen = call("""
                return JSON.stringify([ctx.caller.team, ctx.caller === ctx.caller, ctx.targets === ctx.targets,
                    ctx.targets[0].health === ctx.targets[0].health, ctx.targets[0].health.latency_ms,
                    ctx.caller.tags.includes("beta"), ctx.time.hour]);
                """, facts(Optional.of("chat"), true));

        assertThat(seen).isEqualTo(Json.mapper().readTree("[\"search\", true, true, true, 850, true, 1]"));
        assertThat(healthAsked).as("only the target whose health was read").hasValue(1);
        assertThat(spendAsked).as("spend was never read").hasValue(0);
    }

    @Test
    void healthOfOneTargetMakesNoOtherTarget() throws IOException {
        JsonNode seen = call("return JSON.stringify([ctx.health('mock/small').state, ctx.health('mock/small')"
                + " === ctx.targets[1].health]);", facts(Optional.of("chat"), false));

        assertThat(seen).isEqualTo(Json.mapper().readTree("[\"healthy\", true]"));
        assertThat(healthAsked).as("only the target asked for").hasValue(1);
    }

    @Test
    void everyFactIsReadOnly() throws IOException {
        JsonNode seen = call("""
                const tried = [];
                for (const write of [() => { ctx.caller.team = "x"; }, () => { delete ctx.caller.user; },
                    () => { ctx.caller.tags.push("admin"); }, () => { ctx.caller.tags[0] = "admin"; },
                    () => { ctx.targets[0].health.available = false; }, () => { ctx.time.hour = 3; },
                    () => { ctx.targets.length = 0; }]) {
                  try { write(); tried.push("wrote"); } catch (e) { tried.push(e.name); }
                }
                return JSON.stringify([tried, ctx.caller.team, ctx.caller.user, ctx.caller.tags,
                    ctx.targets[0].health.available, ctx.time.hour, ctx.targets.length]);
                """, facts(Optional.of("chat"), false));

        assertThat(seen.get(0)).hasSize(7).allSatisfy(outcome -> assertThat(outcome.asText()).isEqualTo("TypeError"));
        assertThat(seen.get(1).asText()).isEqualTo("search");
        assertThat(seen.get(2).asText()).isEqualTo("ana");
        assertThat(seen.get(3).toString()).isEqualTo("[\"gold\",\"beta\"]");
        assertThat(seen.get(4).asBoolean()).isTrue();
        assertThat(seen.get(5).asInt()).isEqualTo(1);
        assertThat(seen.get(6).asInt()).isEqualTo(2);
    }

    @Test
    void healthOfATargetOutsideTheRouteIsAView() throws IOException {
        JsonNode seen = call("""
                const h = ctx.health("vertex/gemini");
                let wrote = "wrote";
                try { h.state = "open"; } catch (e) { wrote = e.name; }
                return JSON.stringify([h, wrote]);
                """, facts(Optional.of("chat"), false));

        assertThat(seen).isEqualTo(Json.mapper().readTree("""
                [{"state": "degraded", "available": true, "requests": 12, "error_rate": 0.25, "latency_ms": 850,
                  "first_token_ms": 120, "p95_ms": 1500}, "TypeError"]
                """));
    }
}
