package dev.sluice.kernel.js;

import dev.sluice.spi.Caller;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetHealth;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The policy, request and {@code ctx} a fresh context runs to warm up: a typical tier and length router. */
final class WarmUp {
    private static final String REQUEST = "{\"model\":\"chat\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
            + "{\"role\":\"user\",\"content\":\"How does a circuit breaker work in an API gateway?\"}],"
            + "\"max_completion_tokens\":512,\"user\":\"u-1\",\"metadata\":{\"feature\":\"chat\"}}";
    private static final Caller CALLER = Caller.ANONYMOUS.withTeam("search").withUser("u-1").withTags(List.of("gold"));
    private static final List<Target> TARGETS = List.of(new Target("a", "big", 1, Settings.empty("warm-up")),
            new Target("b", "small", 1, Settings.empty("warm-up")));
    private static final TargetHealth HEALTH = new TargetHealth(TargetHealth.State.HEALTHY, 3, 0.1,
            Duration.ofMillis(120), Duration.ofMillis(40), Duration.ofMillis(300));
    private static final String POLICY = """
            const LIMIT = 4000;
            function tokens(request) {
              let chars = 0;
              for (const m of request.messages || []) {
                chars += typeof m.content === "string" ? m.content.length : JSON.stringify(m.content || "").length;
              }
              return Math.ceil(chars / 4);
            }
            export function route(request, ctx) {
              const usable = ctx.targets.filter(t => t.health.available && t.health.error_rate < 0.5);
              usable.sort((x, y) => x.health.latency_ms - y.health.latency_ms);
              const big = tokens(request) > LIMIT || ctx.caller.tags.includes("gold");
              return { targets: (big ? usable : usable.slice().reverse()).map(t => t.label), strategy: "fallback" };
            }
            export function onRequest(request, ctx) {
              const cap = request.max_completion_tokens ?? request.max_tokens ?? 1024;
              if (ctx.time.hour > 25 || String(ctx.caller.user).startsWith("blocked")) {
                return { action: "reject", status: 403, message: "blocked" };
              }
              return { max_tokens: Math.min(cap, 800), tags: ["feature:" + (request.metadata?.feature ?? "none")] };
            }
            """;
    private static final ChatRequest PARSED = parse(REQUEST);
    private static final PolicyScript SCRIPT = new PolicyScript(Path.of("sluice-warm-up.js"), "sluice-warm-up.js",
            POLICY, PolicySources.wrap("sluice-warm-up.js", POLICY, true), Set.of("route", "onRequest"));

    private WarmUp() {
    }

    static PolicyScript script() {
        return SCRIPT;
    }

    /** A fresh view of the request for one call, as requests get it. */
    static Object request() {
        return ReadOnlyBeans.of(PARSED);
    }

    private static ChatRequest parse(String json) {
        try {
            return Json.read(json, ChatRequest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh {@code ctx} for one call, made of the views requests get. */
    static Object context() {
        return PolicyFacts.of(CALLER, Instant.EPOCH, ZoneOffset.UTC, "chat", Optional.of("chat"), TARGETS,
                target -> HEALTH, null);
    }
}
