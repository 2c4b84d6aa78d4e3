package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sluice.distribution.MetricsTest.Exposition;
import dev.sluice.testkit.FakeOpenAi;
import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import dev.sluice.testkit.SseStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations kit in {@code docs/ops}: Prometheus accepts the alerting rules and their unit
 * tests pass, the Grafana dashboard is sound, and every metric they use is documented in
 * {@code docs/metrics.md} and served by a running gateway.
 */
class OpsKitTest {
    private static final Path OPS = RunningGateway.root().resolve("docs/ops");
    private static final Path ALERTS = OPS.resolve("prometheus-alerts.yml");
    private static final Path ALERT_TESTS = OPS.resolve("prometheus-alerts.test.yml");
    private static final Path DASHBOARD = OPS.resolve("grafana-dashboard.json");
    private static final Pattern METRIC = Pattern.compile("\\b(?:sluice|jvm|process|system)_[a-z0-9_]+\\b");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private record Run(int exit, String output) {
    }

    /** Runs promtool; fails, never skips, when it is not installed. */
    private static Run promtool(Path dir, String stdin, String... args) throws IOException, InterruptedException {
        Path promtool = Path.of("/usr/bin/promtool");
        assertThat(promtool).as("promtool checks the alerting rules: install it with `apt-get install prometheus`")
                .isExecutable();
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        return new Run(process.exitValue(), output);
    }

    private static JsonNode yaml(Path file) throws IOException {
        return new YAMLMapper().readTree(file.toFile());
    }

    private static List<JsonNode> rules() throws IOException {
        List<JsonNode> rules = new ArrayList<>();
        yaml(ALERTS).path("groups").forEach(group -> group.path("rules").forEach(rules::add));
        return rules;
    }

    private static List<String> dashboardQueries() throws IOException {
        List<String> queries = new ArrayList<>();
        new ObjectMapper().readTree(DASHBOARD.toFile()).findValues("expr").forEach(e -> queries.add(e.asText()));
        return queries;
    }

    /** Metric names in PromQL; recording rules ({@code sluice:…}) are not metrics Sluice serves. */
    private static Set<String> metricsIn(List<String> queries) {
        Set<String> names = new TreeSet<>();
        for (String query : queries) {
            Matcher m = METRIC.matcher(query);
            while (m.find()) {
                names.add(m.group());
            }
        }
        return names;
    }

    private static Set<String> usedMetrics() throws IOException {
        List<String> queries = new ArrayList<>(dashboardQueries());
        rules().forEach(rule -> queries.add(rule.path("expr").asText()));
        return metricsIn(queries);
    }

    /** A histogram's or summary's sample names are documented under the histogram's name. */
    private static String family(String sample) {
        return sample.replaceFirst("_(bucket|count|sum|max)$", "");
    }

    @Test
    void promtoolAcceptsTheAlertingRules() throws IOException, InterruptedException {
        Run run = promtool(OPS, "", "check", "rules", ALERTS.getFileName().toString());

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS");
    }

    @Test
    void theAlertsUnitTestsPassWithAtLeastTwoAlertsFiringOnSyntheticSeries() throws IOException,
            InterruptedException {
        Set<String> firing = new HashSet<>();
        yaml(ALERT_TESTS).path("tests").forEach(test -> test.path("alert_rule_test").forEach(check -> {
            if (!check.path("exp_alerts").isEmpty()) {
                firing.add(check.path("alertname").asText());
            }
        }));

        Run run = promtool(OPS, "", "test", "rules", ALERT_TESTS.getFileName().toString());

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS");
        assertThat(firing).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void everyAlertHasADurationASeverityASummaryAndADescription() throws IOException {
        List<JsonNode> alerts = rules().stream().filter(rule -> rule.has("alert")).toList();

        assertThat(alerts).extracting(a -> a.path("alert").asText()).contains("SluiceGatewayOverheadHigh",
                "SluiceFailoversFailing", "SluiceErrorRateHigh", "SluiceBreakerOpen", "SluiceTeamBudgetBurnRateHigh",
                "SluiceAuditBackPressure", "SluiceAuditRecordsDropped");
        assertThat(alerts).allSatisfy(alert -> {
            String name = alert.path("alert").asText();
            assertThat(alert.path("for").asText()).as(name + " for").matches("[0-9]+[smh]");
            assertThat(alert.path("labels").path("severity").asText()).as(name + " severity").isIn("warning",
                    "critical");
            assertThat(alert.path("annotations").path("summary").asText()).as(name + " summary").isNotBlank();
            assertThat(alert.path("annotations").path("description").asText()).as(name + " description")
                    .isNotBlank();
        });
    }

    @Test
    void theDashboardIsAGrafanaDashboardOverPrometheus() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());

        assertThat(dashboard.path("uid").asText()).isEqualTo("sluice-gateway");
        assertThat(dashboard.path("title").asText()).isNotBlank();
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        assertThat(dashboard.path("templating").path("list").findValuesAsText("type")).contains("datasource");
        Set<Integer> ids = new HashSet<>();
        assertThat(dashboard.path("panels")).isNotEmpty().allSatisfy(panel -> {
            String title = panel.path("title").asText();
            assertThat(title).isNotBlank();
            assertThat(ids.add(panel.path("id").asInt())).as("unique id of " + title).isTrue();
            JsonNode grid = panel.path("gridPos");
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(title + " fits 24 columns")
                    .isBetween(1, 24);
            assertThat(grid.path("h").asInt()).as(title + " height").isPositive();
            if (!panel.path("type").asText().equals("row")) {
                assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo("${datasource}");
                assertThat(panel.path("targets")).as(title + " queries").isNotEmpty()
                        .allSatisfy(t -> assertThat(t.path("expr").asText()).isNotBlank());
            }
        });
        assertThat(metricsIn(dashboardQueries())).contains("sluice_cost_usd_total",
                "sluice_request_duration_seconds_bucket", "sluice_gateway_overhead_seconds_bucket",
                "sluice_failovers_total", "sluice_cache_lookups_total", "sluice_requests_total",
                "sluice_time_to_first_token_seconds_bucket", "sluice_tokens_total", "sluice_target_state",
                "sluice_audit_queue_depth");
    }

    @Test
    void everyMetricTheAlertsAndTheDashboardUseIsDocumented() throws IOException {
        String docs = Files.readString(RunningGateway.root().resolve("docs/metrics.md"));

        assertThat(usedMetrics()).isNotEmpty()
                .allSatisfy(name -> assertThat(docs).as("docs/metrics.md").contains("`" + family(name) + "`"));
    }

    /** Needs the kernel to call GatewayMetrics.request(record) for each request, and auditSink for each sink. */
    @Test
    void everyMetricTheKitUsesIsServedByARunningGatewayAfterTraffic(@TempDir Path audit) throws IOException,
            InterruptedException {
        Set<String> wanted = new TreeSet<>(usedMetrics());
        String docs = Files.readString(RunningGateway.root().resolve("docs/metrics.md"));

        try (FakeOpenAi primary = FakeOpenAi.start().usage(100, 20); FakeOpenAi backup = FakeOpenAi.start();
                RunningGateway gateway = RunningGateway.start("""
                        providers:
                          - { name: primary, type: openai, base_url: "%s", api_key: sk-ops-secret }
                          - { name: backup,  type: openai, base_url: "%s", api_key: sk-ops-secret }
                        models:
                          - name: main
                            targets: [{ provider: primary, model: gpt-4o }, { provider: backup, model: gpt-4o-mini }]
                        audit:
                          sinks: [{ type: jsonl, path: "%s" }]
                        """.formatted(primary.baseUrl(), backup.baseUrl(), audit.toString().replace("\\", "/")));
                SseClient client = new SseClient()) {
            String ask = "{\"model\":\"%s\",\"stream\":%s,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
            String url = gateway.url("/v1/chat/completions");
            client.postJson(url, ask.formatted("main", false), Map.of("x-sluice-team", "search"));
            try (SseStream stream = client.postStream(url, ask.formatted("main", true), Map.of())) {
                stream.readToEnd(WAIT);
            }
            client.postJson(url, ask.formatted("no-such-model", false), Map.of());
            primary.failNext(1, 500);
            client.postJson(url, ask.formatted("main", false), Map.of());

            long deadline = System.nanoTime() + WAIT.toNanos();
            Exposition served = scrape(client, gateway);
            while (true) {
                Exposition current = served;
                List<String> missing = wanted.stream().filter(name -> !current.has(name)).toList();
                if (missing.isEmpty()) {
                    break;
                }
                assertThat(System.nanoTime()).as("waiting for " + missing).isLessThan(deadline);
                Thread.sleep(50);
                served = scrape(client, gateway);
            }

            assertThat(served.families().keySet()).filteredOn(name -> name.startsWith("sluice_"))
                    .allSatisfy(name -> assertThat(docs).as("docs/metrics.md").contains("`" + family(name) + "`"));
        }
    }

    @Test
    void promtoolFindsNoProblemInTheGatewaysOwnMetrics() throws IOException, InterruptedException {
        try (FakeOpenAi upstream = FakeOpenAi.start();
                RunningGateway gateway = RunningGateway.start("""
                        providers:
                          - { name: primary, type: openai, base_url: "%s", api_key: sk-ops-secret }
                        models:
                          - { name: main, targets: [{ provider: primary, model: gpt-4o }] }
                        """.formatted(upstream.baseUrl()));
                SseClient client = new SseClient()) {
            client.postJson(gateway.url("/v1/chat/completions"),
                    "{\"model\":\"main\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", Map.of());
            String text = client.get(gateway.url("/metrics"), Map.of()).body();

            Run run = promtool(OPS, text, "check", "metrics");

            // Micrometer's JVM names break two of promtool's style rules; Sluice's own must not.
            assertThat(run.output()).doesNotContain("error while linting").doesNotContain("parsing error");
            assertThat(run.output().lines().filter(line -> line.contains("sluice_")).toList()).isEmpty();
        }
    }

    private static Exposition scrape(SseClient client, RunningGateway gateway) {
        HttpResult result = client.get(gateway.url("/metrics"), Map.of());
        assertThat(result.status()).isEqualTo(200);
        return Exposition.parse(result.body());
    }
}
