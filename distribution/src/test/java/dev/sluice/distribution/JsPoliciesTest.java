package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JavaScript policies in the real gateway: a routing policy and a chain policy loaded from the
 * policies folder of SLUICE_HOME, the shipped examples, and hot reload while traffic flows.
 */
class JsPoliciesTest {
    private static final String CONFIG = """
            providers:
              - { name: premium, type: mock }
              - { name: economy, type: mock }
            models:
              - name: chat
                strategy: js
                strategy_options: { file: route.js }
                targets:
                  - { provider: premium, model: mock-echo }
                  - { provider: economy, model: mock-echo }
              - name: short
                strategy: js:route.js
                targets:
                  - { provider: economy, model: mock-echo }
                  - { provider: premium, model: mock-echo }
              - name: tiered
                strategy: js
                strategy_options: { file: %s }
                targets:
                  - { provider: premium, model: mock-echo }
                  - { provider: economy, model: mock-echo }
              - name: switching
                strategy: js:switch.js
                targets:
                  - { provider: economy, model: mock-echo }
              - name: looping
                strategy: js:switch.js
                targets:
                  - { provider: economy, model: mock-echo }
            chain:
              - js: guard.js
              - js: { file: %s }
              - js: spend.js
            pricing:
              models:
                - { provider: premium, model: mock-echo, input: 1000, output: 1000 }
                - { provider: economy, model: mock-echo, input: 1000, output: 1000 }
            """;
    /** Hands requests to other model routes by what they say. */
    private static final String SWITCH = """
            export function route(request, ctx) {
              switch (request.messages[0].content) {
                case 'cheap': return 'short';
                case 'nowhere': return { route: 'nowhere' };
                case 'loop': return ctx.route === 'switching' ? 'looping' : 'switching';
                default: return undefined;
              }
            }
            """;
    /** Stops a session's third request, and reports what the session has spent. */
    private static final String SPEND = """
            export function onRequest(request, ctx) {
              const spend = ctx.spend ?? {};
              if ((spend.session_requests ?? 0) >= 2) {
                return { action: 'reject', status: 429, message: 'session ' + ctx.caller.session + ' spent $'
                    + spend.session_usd.toFixed(6) + ' in ' + spend.session_requests + ' requests' };
              }
              return { tags: ['session-usd:' + (spend.session_usd ?? 0).toFixed(6)] };
            }
            """;
    private static final String ROUTE_TO = """
            export function route(request, ctx) {
              return ['%s/mock-echo'];
            }
            """;
    private static final String GUARD = """
            export function onRequest(request, ctx) {
              if (request.messages.some(m => m.content === 'forbidden')) {
                return { action: 'reject', status: 403, message: 'this topic is not allowed here' };
              }
              return { tags: ['guarded'] };
            }
            """;

    @TempDir
    Path home;
    private RunningGateway gateway;
    private SseClient client;

    @BeforeEach
    void start() throws IOException {
        Path policies = Files.createDirectories(home.resolve("policies"));
        Files.writeString(policies.resolve("route.js"), ROUTE_TO.formatted("premium"));
        Files.writeString(policies.resolve("guard.js"), GUARD);
        Files.writeString(policies.resolve("switch.js"), SWITCH);
        Files.writeString(policies.resolve("spend.js"), SPEND);
        Path shipped = RunningGateway.dist().resolve("policies");
        gateway = RunningGateway.start(CONFIG.formatted(shipped.resolve("tier-routing.js"),
                shipped.resolve("tag-by-feature.js")), RunningGateway.dist().resolve("plugins"),
                Map.of("SLUICE_HOME", home.toString()));
        client = new SseClient();
    }

    @AfterEach
    void stop() {
        client.close();
        gateway.close();
    }

    private HttpResult ask(String model, String content, Map<String, String> headers) {
        return client.postJson(gateway.url("/v1/chat/completions"),
                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}",
                headers);
    }

    @Test
    void theRoutingPolicyPicksTheTarget() {
        HttpResult result = ask("chat", "hello", Map.of());
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.header("x-sluice-provider")).contains("premium");
    }

    @Test
    void theShorthandStrategyJsFileLoadsThePolicy() {
        HttpResult result = ask("short", "hello", Map.of());

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.header("x-sluice-provider")).contains("premium");
        assertThat(result.header("x-sluice-route")).contains("short");
    }

    @Test
    void theShippedTierPolicyRoutesGoldAndFreeCallersApart() {
        assertThat(ask("tiered", "hello", Map.of("x-sluice-tags", "tier:gold")).header("x-sluice-provider"))
                .contains("premium");
        assertThat(ask("tiered", "hello", Map.of()).header("x-sluice-provider")).contains("economy");
    }

    @Test
    void chainPoliciesRejectAndTag() {
        HttpResult rejected = ask("chat", "forbidden", Map.of());
        assertThat(rejected.status()).isEqualTo(403);
        assertThat(rejected.json().path("error").path("message").asText()).isEqualTo("this topic is not allowed here");

        HttpResult served = ask("chat", "hello", Map.of());
        assertThat(served.header("x-sluice-policy-tags")).hasValueSatisfying(tags ->
                assertThat(List.of(tags.split(","))).contains("guarded", "feature:chat", "tokens:small"));
    }

    @Test
    void aRoutingPolicyHandsTheRequestToAnotherModelRoute() {
        HttpResult switched = ask("switching", "cheap", Map.of());
        assertThat(switched.status()).isEqualTo(200);
        assertThat(switched.header("x-sluice-route")).contains("short");
        assertThat(switched.header("x-sluice-provider")).as("short's own policy chose its target").contains("premium");

        HttpResult stayed = ask("switching", "hello", Map.of());
        assertThat(stayed.header("x-sluice-route")).contains("switching");
        assertThat(stayed.header("x-sluice-provider")).contains("economy");
    }

    @Test
    void anUnknownRouteOrASecondSwitchFailsWithAPolicyError() {
        HttpResult unknown = ask("switching", "nowhere", Map.of());
        assertThat(unknown.status()).isEqualTo(500);
        assertThat(unknown.json().path("error").path("code").asText()).isEqualTo("policy_error");
        assertThat(unknown.json().path("error").path("message").asText())
                .contains("switch.js").contains("\"nowhere\"").contains("neither a target of model switching");

        HttpResult loop = ask("switching", "loop", Map.of());
        assertThat(loop.status()).isEqualTo(500);
        assertThat(loop.json().path("error").path("message").asText()).contains("switches routes once");
        assertThat(ask("switching", "hello", Map.of()).status()).as("the gateway keeps serving").isEqualTo(200);
    }

    @Test
    void policiesSeeWhatTheSessionHasSpent() {
        Map<String, String> session = Map.of("x-sluice-session", "agent-run-7");
        HttpResult first = ask("chat", "hello", session);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("x-sluice-policy-tags")).hasValueSatisfying(tags ->
                assertThat(tags).contains("session-usd:0.000000"));
        double firstCost = Double.parseDouble(first.header("x-sluice-cost-usd").orElseThrow());
        assertThat(firstCost).isPositive();

        HttpResult second = ask("chat", "hello", session);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.header("x-sluice-policy-tags")).hasValueSatisfying(tags ->
                assertThat(tags).contains(String.format(Locale.ROOT, "session-usd:%.6f", firstCost)));
        double bothCost = firstCost + Double.parseDouble(second.header("x-sluice-cost-usd").orElseThrow());

        HttpResult third = ask("chat", "hello", session);
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.json().path("error").path("message").asText())
                .isEqualTo(String.format(Locale.ROOT, "session agent-run-7 spent $%.6f in 2 requests", bothCost));
        assertThat(ask("chat", "hello", Map.of("x-sluice-session", "another-run")).status()).isEqualTo(200);
    }

    @Test
    void aGoodAndABrokenReloadUnderTrafficFailNoRequest() throws Exception {
        Path route = home.resolve("policies/route.js");
        Map<String, AtomicInteger> byProvider = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger();
        try (ExecutorService traffic = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 4; i++) {
                traffic.submit(() -> {
                    // Bounded: stops when told to, or after 20,000 requests per sender at most.
                    for (int n = 0; n < 20_000 && running.get(); n++) {
                        HttpResult result = ask("chat", "hello", Map.of());
                        sent.incrementAndGet();
                        if (result.status() != 200) {
                            failures.add(result.status() + " " + result.body());
                        } else {
                            byProvider.computeIfAbsent(result.header("x-sluice-provider").orElse("?"),
                                    k -> new AtomicInteger()).incrementAndGet();
                        }
                    }
                });
            }
            awaitCount(byProvider, "premium");

            Files.writeString(route, ROUTE_TO.formatted("economy"));
            awaitCount(byProvider, "economy");

            int before = sent.get();
            ConcurrentLinkedQueue<String> engineLog = new ConcurrentLinkedQueue<>();
            Logger engineLogger = Logger.getLogger("dev.sluice.kernel.js.PolicyEngine");
            Handler capture = new Handler() {
                @Override
                public void publish(LogRecord record) {
                    engineLog.add(String.valueOf(record.getMessage()));
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            engineLogger.addHandler(capture);
            try {
                Files.writeString(route, "export function route(request, ctx) {\n  return [;\n}\n");
                // The watcher has seen the broken file once the engine says it kept the last good version.
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (engineLog.stream().noneMatch(line -> line.contains("not reloaded"))
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            } finally {
                engineLogger.removeHandler(capture);
            }
            assertThat(engineLog).anySatisfy(line -> assertThat(line).contains("route.js").contains("not reloaded"));
            awaitSent(sent, before + 200);
            assertThat(ask("chat", "hello", Map.of()).header("x-sluice-provider"))
                    .as("the last good version stays").contains("economy");

            Files.writeString(route, ROUTE_TO.formatted("premium"));
            int premiumBefore = byProvider.get("premium").get();
            awaitCount(byProvider, "premium", premiumBefore + 20);
            running.set(false);
        }
        assertThat(failures).isEmpty();
        assertThat(sent.get()).isGreaterThan(200);
    }

    private static void awaitCount(Map<String, AtomicInteger> counts, String provider) throws InterruptedException {
        awaitCount(counts, provider, 20);
    }

    private static void awaitCount(Map<String, AtomicInteger> counts, String provider, int atLeast)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (counts.getOrDefault(provider, new AtomicInteger()).get() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(counts.getOrDefault(provider, new AtomicInteger()).get()).as(provider).isGreaterThanOrEqualTo(atLeast);
    }

    private static void awaitSent(AtomicInteger sent, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (sent.get() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
