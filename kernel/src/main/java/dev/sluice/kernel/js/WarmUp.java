package dev.sluice.kernel.js;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;

/** The policy, request and {@code ctx} a fresh context runs to warm up: a typical tier and length router. */
final class WarmUp {
    private static final String REQUEST = "{\"model\":\"chat\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
            + "{\"role\":\"user\",\"content\":\"How does a circuit breaker work in an API gateway?\"}],"
            + "\"max_completion_tokens\":512,\"user\":\"u-1\",\"metadata\":{\"feature\":\"chat\"}}";
    private static final String CONTEXT = "{\"caller\":{\"key\":null,\"team\":\"search\",\"project\":null,\"user\":\"u-1\","
            + "\"session\":null,\"tags\":[\"gold\"]},\"time\":{\"now\":0,\"iso\":\"1970-01-01T00:00:00Z\",\"zone\":\"UTC\","
            + "\"year\":1970,\"month\":1,\"day\":1,\"hour\":0,\"minute\":0,\"weekday\":4},\"operation\":\"chat\","
            + "\"route\":\"chat\",\"targets\":[" + target("a", "big") + "," + target("b", "small") + "]}";
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
    private static final PolicyScript SCRIPT = new PolicyScript(Path.of("sluice-warm-up.js"), "sluice-warm-up.js",
            POLICY, PolicySources.wrap("sluice-warm-up.js", POLICY, true), Set.of("route", "onRequest"));

    private WarmUp() {
    }

    static PolicyScript script() {
        return SCRIPT;
    }

    static JsonNode request() {
        return tree(REQUEST);
    }

    static JsonNode context() {
        return tree(CONTEXT);
    }

    private static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String target(String provider, String model) {
        return "{\"provider\":\"" + provider + "\",\"model\":\"" + model + "\",\"label\":\"" + provider + "/" + model
                + "\",\"weight\":1,\"health\":{\"state\":\"healthy\",\"available\":true,\"requests\":3,"
                + "\"error_rate\":0.1,\"latency_ms\":120,\"first_token_ms\":40,\"p95_ms\":300}}";
    }
}
