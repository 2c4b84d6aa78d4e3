package dev.sluice.kernel.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.kernel.state.FixedPrices;
import dev.sluice.kernel.state.GovernedGateway;
import dev.sluice.kernel.state.MutableClock;
import dev.sluice.spi.json.Json;
import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hard caps hold under concurrency; soft caps alert once per crossing; sessions have caps and a trace. */
class BudgetTest {
    // The test provider reports 1 prompt and 1 completion token: exactly $0.0001 + $0.0149 = $0.015 a call.
    // A call's reservation is its JSON size at $0.0001 a token plus max_tokens (1) at $0.0149: about $0.025.
    private static final FixedPrices PRICES = new FixedPrices("p", new BigDecimal("100"), new BigDecimal("14900"));
    private static final BigDecimal CALL = new BigDecimal("0.015");
    private static final String ASK = """
            {"model":"m","max_tokens":1,"messages":[{"role":"user","content":"hi"}]}""";

    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-10T12:00:00Z"));
    private final SseClient client = new SseClient(Duration.ofSeconds(30));
    private GovernedGateway gateway;
    private HttpServer webhook;

    @AfterEach
    void stop() {
        client.close();
        if (gateway != null) {
            gateway.close();
        }
        if (webhook != null) {
            webhook.stop(0);
        }
    }

    private GovernedGateway start(String governance) {
        gateway = GovernedGateway.start("""
                providers:
                  - { name: p, type: test-echo }
                models:
                  - { name: m, strategy: in-order, targets: [{ provider: p, model: x }] }
                auth: { master_key: %s }
                %s
                """.formatted(MASTER, governance), home, PRICES, clock);
        return gateway;
    }

    private HttpResult ask(Map<String, String> headers) {
        return client.postJson(gateway.url("/v1/chat/completions"), ASK, headers);
    }

    @Test
    void twoHundredConcurrentRequestsNeverSettleMoreThanTheHardCap() throws Exception {
        start("""
                budgets:
                  caps: [{ scope: team, id: blue, period: month, hard_usd: 1.00 }]
                """);
        List<HttpResult> results;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResult>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(pool.submit(() -> ask(Map.of("x-sluice-team", "blue"))));
            }
            results = new java.util.ArrayList<>();
            for (Future<HttpResult> f : futures) {
                results.add(f.get());
            }
        }
        long served = results.stream().filter(r -> r.status() == 200).count();
        List<HttpResult> refused = results.stream().filter(r -> r.status() != 200).toList();
        assertThat(served).isPositive();
        assertThat(refused).isNotEmpty().allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.json().path("error").path("code").asText()).isEqualTo("budget_exceeded");
        });

        long counter = gateway.state().store().get("budget:team:blue:month:2025-03");
        BigDecimal settled = Money.usd(counter);
        assertThat(settled).isLessThanOrEqualTo(new BigDecimal("1.00"));
        // Every reservation was settled or released: the counter holds exactly what the served calls cost.
        assertThat(settled).isEqualByComparingTo(CALL.multiply(BigDecimal.valueOf(served)));
        JsonNode spend = spend("team");
        assertThat(spend.path("data").get(0).path("team").asText()).isEqualTo("blue");
        assertThat(spend.path("data").get(0).path("cost_usd").decimalValue()).isEqualByComparingTo(settled);
    }

    @Test
    void aRequestThatCouldPassTheCapIsRefusedBeforeTheUpstreamIsCalled() {
        start("""
                budgets:
                  caps: [{ scope: user, period: day, hard_usd: 0.03 }]
                """);
        // The first call reserves about $0.025 and settles $0.015; the second cannot fit in the $0.015 left.
        HttpResult first = ask(Map.of("x-sluice-user", "ann"));
        HttpResult second = ask(Map.of("x-sluice-user", "ann"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.json().path("error").path("message").asText()).contains("user 'ann'").contains("$0.03");
        assertThat(second.header("x-should-retry")).contains("false");
        assertThat(spend("user").path("data").get(0).path("requests").asInt()).isEqualTo(1);
        // Another user has a cap of their own.
        assertThat(ask(Map.of("x-sluice-user", "bob")).status()).isEqualTo(200);
        // A new day, a new budget.
        clock.advance(Duration.ofDays(1));
        assertThat(ask(Map.of("x-sluice-user", "ann")).status()).isEqualTo(200);
    }

    @Test
    void theAnthropicApiGetsTheBudgetErrorInItsOwnShape() {
        start("""
                budgets:
                  caps: [{ scope: team, id: blue, period: total, hard_usd: 0 }]
                """);
        HttpResult result = client.postJson(gateway.url("/v1/messages"), """
                {"model":"m","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""",
                Map.of("x-sluice-team", "blue"));

        assertThat(result.status()).isEqualTo(429);
        assertThat(result.json().path("type").asText()).isEqualTo("error");
        assertThat(result.json().path("error").path("type").asText()).isEqualTo("rate_limit_error");
        assertThat(result.json().path("error").path("message").asText()).contains("team 'blue'");
    }

    @Test
    void aModelWithoutAPriceIsRefusedUnderAHardCapUnlessUnpricedIsAllowed() {
        gateway = GovernedGateway.start("""
                providers: [{ name: free, type: test-echo }]
                models: [{ name: m, strategy: in-order, targets: [{ provider: free, model: x }] }]
                budgets: { caps: [{ scope: team, hard_usd: 5 }] }
                auth: { master_key: master-key-0123456789 }
                """, home, PRICES, clock);
        HttpResult refused = ask(Map.of("x-sluice-team", "blue"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("error").path("code").asText()).isEqualTo("unpriced_model");
        gateway.close();

        gateway = GovernedGateway.start("""
                providers: [{ name: free, type: test-echo }]
                models: [{ name: m, strategy: in-order, targets: [{ provider: free, model: x }] }]
                budgets: { unpriced: allow, caps: [{ scope: team, hard_usd: 5 }] }
                auth: { master_key: master-key-0123456789 }
                """, home, PRICES, clock);
        assertThat(ask(Map.of("x-sluice-team", "blue")).status()).isEqualTo(200);
        assertThat(spend("team").path("total").path("unpriced_requests").asInt()).isEqualTo(1);
    }

    @Test
    void aSoftCapAlertsOnceWhenCrossedEvenByConcurrentRequests() throws Exception {
        List<String> alerts = new CopyOnWriteArrayList<>();
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/alerts", exchange -> {
            alerts.add(new String(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
        start("""
                budgets:
                  alert_webhook: http://127.0.0.1:%d/alerts
                  caps: [{ scope: project, id: atlas, period: month, soft_usd: 0.10 }]
                """.formatted(webhook.getAddress().getPort()));
        // Every alert is logged when it is decided, before its webhook call goes out.
        List<String> decided = new CopyOnWriteArrayList<>();
        Logger alertLog = Logger.getLogger(BudgetAlerts.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                decided.add(String.valueOf(record.getMessage()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        alertLog.addHandler(capture);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                pool.submit(() -> ask(Map.of("x-sluice-project", "atlas")));
            }
        } finally {
            alertLog.removeHandler(capture);
        }
        // 20 calls of $0.015 = $0.30: the soft cap of $0.10 was crossed once. Every call has settled,
        // so no alert is left to decide; the one decided reaches the webhook.
        assertThat(decided).filteredOn(line -> line.startsWith("budget alert:")).hasSize(1);
        awaitAlerts(alerts, 1);

        assertThat(alerts).hasSize(1);
        JsonNode alert = Json.tree(alerts.get(0).getBytes());
        assertThat(alert.path("type").asText()).isEqualTo("budget.soft_cap_crossed");
        assertThat(alert.path("scope").asText()).isEqualTo("project");
        assertThat(alert.path("id").asText()).isEqualTo("atlas");
        assertThat(alert.path("soft_usd").decimalValue()).isEqualByComparingTo("0.10");
        assertThat(alert.path("spent_usd").decimalValue()).isGreaterThanOrEqualTo(new BigDecimal("0.10"));
        // Soft caps never refuse.
        assertThat(ask(Map.of("x-sluice-project", "atlas")).status()).isEqualTo(200);
        // The next month crosses again.
        clock.advance(Duration.ofDays(31));
        for (int i = 0; i < 7; i++) {
            ask(Map.of("x-sluice-project", "atlas"));
        }
        awaitAlerts(alerts, 2);
        assertThat(alerts).hasSize(2);
    }

    @Test
    void aSessionOverItsCapGetsAClearErrorAndItsTraceIsQueryable() throws IOException {
        start("""
                budgets:
                  caps: [{ scope: session, period: total, hard_usd: 0.05 }]
                """);
        Map<String, String> session = Map.of("x-sluice-session", "run-42");
        int served = 0;
        HttpResult last = null;
        for (int i = 0; i < 10; i++) {
            last = ask(session);
            if (last.status() != 200) {
                break;
            }
            served++;
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.json().path("error").path("code").asText()).isEqualTo("session_budget_exceeded");
        assertThat(last.json().path("error").path("message").asText()).contains("session 'run-42'");

        HttpResult trace = client.get(gateway.url("/admin/sessions/run-42"), Map.of("Authorization",
                "Bearer " + MASTER));
        assertThat(trace.status()).isEqualTo(200);
        assertThat(trace.json().path("requests").asInt()).isEqualTo(served);
        assertThat(trace.json().path("cost_usd").decimalValue())
                .isEqualByComparingTo(CALL.multiply(BigDecimal.valueOf(served)));
        assertThat(trace.json().path("prompt_tokens").asInt()).isEqualTo(served);
        assertThat(trace.json().path("completion_tokens").asInt()).isEqualTo(served);
        assertThat(trace.json().path("models").has("m")).isTrue();
    }

    @Test
    void streamsSettleWhenTheyEnd() {
        start("""
                budgets:
                  caps: [{ scope: team, id: blue, period: month, hard_usd: 1 }]
                """);
        var stream = client.postStream(gateway.url("/v1/chat/completions"), """
                {"model":"m","stream":true,"max_tokens":1,"messages":[{"role":"user","content":"hi"}]}""",
                Map.of("x-sluice-team", "blue"));
        stream.readToEnd(Duration.ofSeconds(5));

        for (int i = 0; i < 100 && gateway.state().store().get("budget:team:blue:month:2025-03")
                != Money.nanos(CALL); i++) {
            sleep(10);
        }
        assertThat(Money.usd(gateway.state().store().get("budget:team:blue:month:2025-03")))
                .isEqualByComparingTo(CALL);
    }

    private static final String MASTER = "master-key-0123456789";

    private JsonNode spend(String groupBy) {
        HttpResult result = client.get(gateway.url("/admin/spend?group_by=" + groupBy),
                Map.of("Authorization", "Bearer " + MASTER));
        assertThat(result.status()).isEqualTo(200);
        return result.json();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitAlerts(List<String> alerts, int count) throws InterruptedException {
        for (int i = 0; i < 100 && alerts.size() < count; i++) {
            Thread.sleep(50);
        }
    }
}
