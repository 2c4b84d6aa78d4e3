package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.FakeOpenAi;
import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import dev.sluice.testkit.SseStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics}: strict Prometheus text, JVM and virtual-thread meters, each target's
 * health, and request metrics that move as traffic flows through the gateway.
 */
class MetricsTest {
    private static final String ASK = "{\"model\":\"main\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String STREAM = "{\"model\":\"main\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private FakeOpenAi primary;
    private FakeOpenAi backup;
    private RunningGateway gateway;
    private SseClient client;

    @BeforeEach
    void start() {
        primary = FakeOpenAi.start().usage(100, 20);
        backup = FakeOpenAi.start().usage(100, 20);
        gateway = RunningGateway.start("""
                providers:
                  - { name: primary, type: openai, base_url: "%s", api_key: sk-metrics-secret-a }
                  - { name: backup,  type: openai, base_url: "%s", api_key: sk-metrics-secret-b }
                models:
                  - name: main
                    targets: [{ provider: primary, model: gpt-4o }, { provider: backup, model: gpt-4o-mini }]
                routing:
                  health: { window: 60s, min_requests: 4, error_rate: 0.5, cooldown: 10m }
                """.formatted(primary.baseUrl(), backup.baseUrl()));
        client = new SseClient();
    }

    @AfterEach
    void stop() {
        client.close();
        gateway.close();
        primary.close();
        backup.close();
    }

    private HttpResult ask(Map<String, String> headers) {
        return client.postJson(gateway.url("/v1/chat/completions"), ASK, headers);
    }

    private String metrics() {
        HttpResult result = client.get(gateway.url("/metrics"), Map.of());
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.header("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        return result.body();
    }

    /** The parsed metrics once {@code condition} holds: metrics are counted after the answer went out. */
    private Exposition metricsWhen(Predicate<Exposition> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Exposition exposition = Exposition.parse(metrics());
        while (!condition.test(exposition)) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
            exposition = Exposition.parse(metrics());
        }
        return exposition;
    }

    @Test
    void theTextIsStrictPrometheusFormatAndNamesNoSecret() throws InterruptedException {
        ask(Map.of());
        client.postStream(gateway.url("/v1/chat/completions"), STREAM, Map.of()).readToEnd(WAIT);

        String text = metrics();
        Exposition exposition = Exposition.parse(text);

        assertThat(exposition.families()).containsKeys("sluice_target_state", "jvm_memory_used_bytes");
        assertThat(text).doesNotContain("sk-metrics-secret");
    }

    @Test
    void jvmAndVirtualThreadMetricsArePresent() throws InterruptedException {
        // The virtual-thread meters are bound one by one on a background thread: wait for the last of the two.
        Exposition exposition = metricsWhen(e -> e.has("jvm_threads_virtual_pinned_seconds_count")
                && e.has("jvm_threads_virtual_submit_failed_total"), "the virtual-thread meters");

        assertThat(exposition.families()).containsKeys("jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total",
                "jvm_threads_live_threads", "jvm_classes_loaded_classes", "process_cpu_usage",
                "process_uptime_seconds", "jvm_threads_virtual_pinned_seconds",
                "jvm_threads_virtual_submit_failed_total");
        assertThat(exposition.families().get("jvm_threads_virtual_pinned_seconds").type()).isEqualTo("summary");
    }

    @Test
    void healthyTargetsAreGaugesInPrometheusFormat() throws InterruptedException {
        ask(Map.of());

        Exposition e = metricsWhen(x -> x.value("sluice_target_window_requests", "target", "primary/gpt-4o") == 1,
                "the health window");

        assertThat(e.families().get("sluice_target_state").type()).isEqualTo("gauge");
        assertThat(e.value("sluice_target_state", "target", "primary/gpt-4o")).isZero();
        assertThat(e.value("sluice_target_error_rate", "target", "primary/gpt-4o")).isZero();
        assertThat(e.value("sluice_target_latency_seconds", "target", "primary/gpt-4o")).isPositive();
    }

    @Test
    void anOpenBreakerShowsAsState3() throws InterruptedException {
        primary.failWith(500);
        for (int i = 0; i < 4; i++) {
            assertThat(ask(Map.of()).status()).isEqualTo(200);
        }

        Exposition e = metricsWhen(x -> x.value("sluice_target_error_rate", "target", "primary/gpt-4o") == 1,
                "the error rate");

        assertThat(e.value("sluice_target_state", "target", "primary/gpt-4o")).isEqualTo(3);
        assertThat(e.value("sluice_target_state", "target", "backup/gpt-4o-mini")).isZero();
    }

    // The tests below need the kernel to call GatewayMetrics.request(record) once per request
    // (and the last one GatewayMetrics.auditSink for each sink).

    @Test
    void requestCountersAndLatencyHistogramsMoveAsTrafficFlows() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            assertThat(ask(Map.of()).status()).isEqualTo(200);
        }

        Exposition e = metricsWhen(x -> x.value("sluice_requests_total", "route", "main") >= 3, "3 requests");

        assertThat(e.value("sluice_requests_total", "route", "main", "provider", "primary", "status", "200",
                "outcome", "ok")).isEqualTo(3);
        assertThat(e.families().get("sluice_request_duration_seconds").type()).isEqualTo("histogram");
        assertThat(e.value("sluice_request_duration_seconds_count", "route", "main", "provider", "primary"))
                .isEqualTo(3);
        assertThat(e.value("sluice_request_duration_seconds_sum", "route", "main")).isPositive();
        assertThat(e.value("sluice_gateway_overhead_seconds_count", "route", "main", "provider", "primary"))
                .isEqualTo(3);
        assertThat(e.value("sluice_gateway_overhead_seconds_bucket", "route", "main", "le", "+Inf")).isEqualTo(3);

        ask(Map.of());
        Exposition later = metricsWhen(x -> x.value("sluice_requests_total", "route", "main") >= 4, "a 4th request");
        assertThat(later.value("sluice_request_duration_seconds_count", "route", "main")).isEqualTo(4);
    }

    @Test
    void streamsRecordTheirTimeToFirstToken() throws InterruptedException {
        try (SseStream stream = client.postStream(gateway.url("/v1/chat/completions"), STREAM, Map.of())) {
            stream.readToEnd(WAIT);
        }

        Exposition e = metricsWhen(x -> x.value("sluice_time_to_first_token_seconds_count", "route", "main") >= 1,
                "the stream's first token");

        assertThat(e.families().get("sluice_time_to_first_token_seconds").type()).isEqualTo("histogram");
        assertThat(e.value("sluice_time_to_first_token_seconds_bucket", "route", "main", "le", "60.0")).isEqualTo(1);
    }

    @Test
    void tokensAndCostAreCountedWithTheCallersTeam() throws InterruptedException {
        ask(Map.of("x-sluice-team", "search"));
        ask(Map.of());

        Exposition e = metricsWhen(x -> x.value("sluice_requests_total", "route", "main") >= 2, "2 requests");

        assertThat(e.value("sluice_tokens_total", "route", "main", "provider", "primary", "type", "input"))
                .isEqualTo(200);
        assertThat(e.value("sluice_tokens_total", "route", "main", "type", "output")).isEqualTo(40);
        assertThat(e.value("sluice_cost_usd_total", "route", "main", "provider", "primary", "team", "search"))
                .isPositive();
        assertThat(e.value("sluice_cost_usd_total", "route", "main", "team", "none")).isPositive();
    }

    @Test
    void aFailoverThatRecoversIsCounted() throws InterruptedException {
        primary.failWith(500);

        assertThat(ask(Map.of()).status()).isEqualTo(200);
        Exposition e = metricsWhen(x -> x.value("sluice_failovers_total", "route", "main", "outcome", "recovered") >= 1,
                "the recovered failover");

        assertThat(e.value("sluice_failovers_total", "route", "main", "outcome", "failed")).isZero();
        assertThat(e.value("sluice_requests_total", "route", "main", "provider", "backup", "outcome", "ok"))
                .isEqualTo(1);
    }

    @Test
    void failedRequestsAreErrorsAndRefusedOnesAreRejectionsByReason() throws InterruptedException {
        primary.failWith(500);
        backup.failWith(500);
        assertThat(ask(Map.of()).status()).isEqualTo(502);
        String unknown = "{\"model\":\"no-such-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        assertThat(client.postJson(gateway.url("/v1/chat/completions"), unknown, Map.of()).status()).isEqualTo(404);

        Exposition e = metricsWhen(x -> x.value("sluice_requests_total") >= 2, "2 requests");

        assertThat(e.value("sluice_requests_total", "route", "main", "status", "502", "outcome", "error"))
                .isEqualTo(1);
        assertThat(e.value("sluice_failovers_total", "route", "main", "outcome", "failed")).isEqualTo(1);
        assertThat(e.value("sluice_rejections_total", "reason", "model_not_found")).isEqualTo(1);
        assertThat(e.value("sluice_requests_total", "status", "404", "outcome", "error")).isEqualTo(1);
    }

    @Test
    void anAuditSinkReportsItsQueueAndItsWrites(@TempDir Path audit) throws InterruptedException {
        try (RunningGateway audited = RunningGateway.start("""
                providers:
                  - { name: primary, type: openai, base_url: "%s", api_key: sk-metrics-secret-a }
                models:
                  - { name: main, targets: [{ provider: primary, model: gpt-4o }] }
                audit:
                  sinks:
                    - { type: jsonl, path: "%s", queue_capacity: 500 }
                """.formatted(primary.baseUrl(), audit.toString().replace("\\", "/")))) {
            for (int i = 0; i < 3; i++) {
                assertThat(client.postJson(audited.url("/v1/chat/completions"), ASK, Map.of()).status())
                        .isEqualTo(200);
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            Exposition e = Exposition.parse(client.get(audited.url("/metrics"), Map.of()).body());
            while (e.value("sluice_audit_records_written_total", "sink", "jsonl") < 3) {
                assertThat(System.nanoTime()).as("waiting for 3 audit records written").isLessThan(deadline);
                Thread.sleep(20);
                e = Exposition.parse(client.get(audited.url("/metrics"), Map.of()).body());
            }

            assertThat(e.value("sluice_audit_queue_capacity", "sink", "jsonl")).isEqualTo(500);
            assertThat(e.families()).containsKeys("sluice_audit_queue_depth", "sluice_audit_write_failures_total",
                    "sluice_audit_records_dropped_total", "sluice_audit_queue_waits_total");
            assertThat(e.value("sluice_audit_records_dropped_total", "sink", "jsonl")).isZero();
        }
    }

    /**
     * A strict reader of Prometheus' text format 0.0.4: {@code # HELP} and {@code # TYPE} lines,
     * sample lines and their label syntax, one contiguous block per family, no duplicate series,
     * and for histograms increasing {@code le} bounds, cumulative bucket counts, a {@code +Inf}
     * bucket equal to {@code _count}, and a {@code _sum}. Throws on the first violation.
     */
    record Exposition(Map<String, Family> families, List<Sample> samples) {
        private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
        private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
        private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

        record Family(String name, String type, String help) {
        }

        record Sample(String name, String family, Map<String, String> labels, double value) {
        }

        static Exposition parse(String text) {
            assertThat(text).as("exposition").endsWith("\n");
            Map<String, Family> families = new LinkedHashMap<>();
            Map<String, String> helps = new HashMap<>();
            List<Sample> samples = new ArrayList<>();
            Set<String> closed = new HashSet<>();
            Set<String> series = new HashSet<>();
            Set<String> sampled = new HashSet<>();
            String current = null;
            int n = 0;
            for (String line : text.split("\n", -1)) {
                n++;
                if (line.isEmpty()) {
                    continue;
                }
                String at = "line " + n + ": " + line;
                if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                    String[] parts = line.split(" ", 4);
                    assertThat(parts).as(at).hasSize(4);
                    assertThat(parts[2]).as(at).matches(NAME);
                    if (parts[1].equals("HELP")) {
                        assertThat(helps.put(parts[2], unescapeHelp(parts[3], at))).as("second HELP, " + at).isNull();
                    } else {
                        assertThat(TYPES).as(at).contains(parts[3]);
                        assertThat(families).as("second TYPE, " + at).doesNotContainKey(parts[2]);
                        assertThat(sampled).as("TYPE after samples, " + at).doesNotContain(parts[2]);
                        families.put(parts[2], new Family(parts[2], parts[3], helps.get(parts[2])));
                    }
                    continue;
                }
                if (line.startsWith("#")) {
                    continue;
                }
                Sample sample = sample(line, families, at);
                if (!sample.family().equals(current)) {
                    assertThat(closed).as("family split in two blocks, " + at).doesNotContain(sample.family());
                    if (current != null) {
                        closed.add(current);
                    }
                    current = sample.family();
                }
                sampled.add(sample.name());
                sampled.add(sample.family());
                assertThat(series.add(sample.name() + new TreeMap<>(sample.labels()))).as("duplicate series, " + at)
                        .isTrue();
                Family family = families.get(sample.family());
                if (family != null && family.type().equals("counter")) {
                    assertThat(sample.value()).as("negative counter, " + at).isGreaterThanOrEqualTo(0);
                }
                samples.add(sample);
            }
            Exposition exposition = new Exposition(families, samples);
            families.values().stream().filter(f -> f.type().equals("histogram")).forEach(exposition::checkHistogram);
            return exposition;
        }

        private static Sample sample(String line, Map<String, Family> families, String at) {
            Matcher name = NAME.matcher(line);
            assertThat(name.lookingAt()).as(at).isTrue();
            String metric = name.group();
            int i = name.end();
            Map<String, String> labels = new LinkedHashMap<>();
            if (i < line.length() && line.charAt(i) == '{') {
                i = labels(line, i + 1, labels, at);
            }
            assertThat(i < line.length() && line.charAt(i) == ' ').as("space before the value, " + at).isTrue();
            String[] rest = line.substring(i + 1).split(" ");
            assertThat(rest.length).as("value and optional timestamp, " + at).isBetween(1, 2);
            double value = number(rest[0], at);
            if (rest.length == 2) {
                assertThat(rest[1]).as("timestamp, " + at).matches("-?[0-9]+");
            }
            return new Sample(metric, family(metric, families), labels, value);
        }

        /** Reads {@code name="value",…}} from {@code i}; returns the index after the closing brace. */
        private static int labels(String line, int i, Map<String, String> labels, String at) {
            while (true) {
                assertThat(i).as("unclosed labels, " + at).isLessThan(line.length());
                if (line.charAt(i) == '}') {
                    return i + 1;
                }
                Matcher label = LABEL_NAME.matcher(line).region(i, line.length());
                assertThat(label.lookingAt()).as("label name, " + at).isTrue();
                String key = label.group();
                assertThat(key).as("reserved label name, " + at).doesNotStartWith("__");
                i = label.end();
                assertThat(line.startsWith("=\"", i)).as("=\" after label name, " + at).isTrue();
                i += 2;
                StringBuilder value = new StringBuilder();
                while (line.charAt(i) != '"') {
                    char c = line.charAt(i++);
                    if (c == '\\') {
                        char e = line.charAt(i++);
                        assertThat("\\\"n").as("escape in label value, " + at).contains(String.valueOf(e));
                        value.append(e == 'n' ? '\n' : e);
                    } else {
                        value.append(c);
                    }
                }
                i++;
                assertThat(labels.put(key, value.toString())).as("repeated label, " + at).isNull();
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
        }

        private static String unescapeHelp(String help, String at) {
            assertThat(help.replace("\\\\", "").replace("\\n", "")).as("escape in HELP, " + at).doesNotContain("\\");
            return help.replace("\\n", "\n").replace("\\\\", "\\");
        }

        private static double number(String text, String at) {
            return switch (text) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> {
                    assertThat(text).as("number, " + at).matches("[-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?");
                    yield Double.parseDouble(text);
                }
            };
        }

        /** The family a sample belongs to: a histogram's or summary's suffixed samples belong to it. */
        private static String family(String metric, Map<String, Family> families) {
            for (String suffix : List.of("_bucket", "_count", "_sum")) {
                if (metric.endsWith(suffix)) {
                    String base = metric.substring(0, metric.length() - suffix.length());
                    Family f = families.get(base);
                    if (f != null && (f.type().equals("histogram") || f.type().equals("summary") && !suffix.equals("_bucket"))) {
                        return base;
                    }
                }
            }
            return metric;
        }

        private void checkHistogram(Family family) {
            Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
            Map<Map<String, String>, Double> counts = new HashMap<>();
            Map<Map<String, String>, Double> sums = new HashMap<>();
            for (Sample s : samples) {
                if (!s.family().equals(family.name())) {
                    continue;
                }
                Map<String, String> key = new TreeMap<>(s.labels());
                if (s.name().endsWith("_bucket")) {
                    assertThat(key).as("le on " + s).containsKey("le");
                    key.remove("le");
                    buckets.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
                } else if (s.name().endsWith("_count")) {
                    counts.put(key, s.value());
                } else if (s.name().endsWith("_sum")) {
                    sums.put(key, s.value());
                } else {
                    throw new AssertionError("histogram " + family.name() + " has a plain sample " + s);
                }
            }
            assertThat(counts.keySet()).as(family.name() + " series with _count").isEqualTo(buckets.keySet());
            assertThat(sums.keySet()).as(family.name() + " series with _sum").isEqualTo(buckets.keySet());
            buckets.forEach((key, list) -> {
                String what = family.name() + key;
                double bound = Double.NEGATIVE_INFINITY;
                double cumulative = 0;
                for (Sample b : list) {
                    double le = number(b.labels().get("le"), what);
                    assertThat(le).as("le increasing in " + what).isGreaterThan(bound);
                    assertThat(b.value()).as("cumulative buckets in " + what).isGreaterThanOrEqualTo(cumulative);
                    bound = le;
                    cumulative = b.value();
                }
                assertThat(bound).as("last bucket of " + what).isEqualTo(Double.POSITIVE_INFINITY);
                assertThat(cumulative).as("+Inf bucket equals _count in " + what).isEqualTo(counts.get(key));
            });
        }

        boolean has(String name) {
            return samples.stream().anyMatch(s -> s.name().equals(name));
        }

        /** The sum of the values of {@code name}'s samples carrying these labels (name, value, …). */
        double value(String name, String... labels) {
            return samples.stream().filter(s -> s.name().equals(name)).filter(s -> {
                for (int i = 0; i < labels.length; i += 2) {
                    if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                        return false;
                    }
                }
                return true;
            }).mapToDouble(Sample::value).sum();
        }
    }
}
