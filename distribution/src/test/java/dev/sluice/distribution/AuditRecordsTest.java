package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.kernel.audit.AuditCommand;
import dev.sluice.kernel.audit.PromptCipher;
import dev.sluice.spi.json.Json;
import dev.sluice.testkit.FakeOpenAi;
import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import dev.sluice.testkit.SseStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One audit record per request, written by the {@code jsonl} sink plugin from the distribution,
 * read back from its files: successes, upstream failures, failovers, rejections and streams, in
 * both inbound APIs, with each prompt mode; and {@code sluice audit} over what was written.
 */
class AuditRecordsTest {
    private static final String KEY = PromptCipher.newKey();
    private static final String UPSTREAM_SECRET = "sk-upstream-audit-secret-0123456789";

    @TempDir
    static Path dir;
    private static FakeOpenAi openai;
    private static FakeOpenAi broken;
    private static RunningGateway gateway;
    private static SseClient client;

    @BeforeAll
    static void start() {
        openai = FakeOpenAi.start().reply("audited answer").usage(21, 7);
        broken = FakeOpenAi.start().failWith(500);
        gateway = RunningGateway.start("""
                audit:
                  prompts: hash
                  sinks:
                    - { type: jsonl, path: "%s", fsync: never }
                    - { type: sql, url: "jdbc:sqlite:%s" }
                providers:
                  - { name: openai, type: openai, base_url: "%s", api_key: "%s" }
                  - { name: broken, type: openai, base_url: "%s", api_key: "%s" }
                models:
                  - { name: mini, targets: [ { provider: openai, model: gpt-4o-mini } ] }
                  - { name: down, targets: [ { provider: broken, model: gpt-4o-mini } ] }
                  - name: failover
                    targets:
                      - { provider: broken, model: gpt-4o }
                      - { provider: openai, model: gpt-4o-mini }
                  - name: kept
                    audit: { prompts: full }
                    targets: [ { provider: openai, model: gpt-4o-mini } ]
                  - name: sealed
                    audit: { prompts: encrypted }
                    targets: [ { provider: openai, model: gpt-4o-mini } ]
                  - name: unlogged
                    audit: { prompts: none }
                    targets: [ { provider: openai, model: gpt-4o-mini } ]
                """.formatted(dir.resolve("audit"), dir.resolve("audit.db"), openai.baseUrl(), UPSTREAM_SECRET,
                broken.baseUrl(),
                UPSTREAM_SECRET), RunningGateway.dist().resolve("plugins"), Map.of("SLUICE_AUDIT_KEY", KEY));
        client = new SseClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
        openai.close();
        broken.close();
    }

    private static String ask(String model, String text) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    private static HttpResult post(String body, Map<String, String> headers) {
        return client.postJson(gateway.url("/v1/chat/completions"), body, headers);
    }

    /** The record of one request, once the sink has written it. */
    private static JsonNode recordOf(String requestId) {
        return AuditFiles.recordOf(dir.resolve("audit"), requestId);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private record Cli(int status, String out, String err) {
    }

    private static Cli audit(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = AuditCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), RunningGateway.dist(),
                name -> Optional.ofNullable(Map.of("SLUICE_AUDIT_KEY", KEY).get(name)));
        return new Cli(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aSuccessfulRequestIsRecordedWithWhoAskedWhatItCostAndHowLongItTook() throws Exception {
        HttpResult result = post(ask("mini", "hello audit"), Map.of("x-sluice-user", "ada", "x-sluice-team",
                "search", "x-sluice-project", "web", "x-sluice-session", "s-1", "traceparent",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        assertThat(result.status()).isEqualTo(200);

        JsonNode r = recordOf(result.header("x-sluice-request-id").orElseThrow());

        assertThat(r.path("timestamp").asText()).isNotBlank();
        assertThat(r.path("user_id").asText()).isEqualTo("ada");
        assertThat(r.path("team").asText()).isEqualTo("search");
        assertThat(r.path("project").asText()).isEqualTo("web");
        assertThat(r.path("session_id").asText()).isEqualTo("s-1");
        assertThat(r.path("key_id").isNull()).isTrue();
        assertThat(r.path("operation").asText()).isEqualTo("chat");
        assertThat(r.path("inbound").asText()).isEqualTo("openai");
        assertThat(r.path("route").asText()).isEqualTo("mini");
        assertThat(r.path("model_requested").asText()).isEqualTo("mini");
        assertThat(r.path("model_served").asText()).startsWith("gpt-4o-mini");
        assertThat(r.path("provider").asText()).isEqualTo("openai");
        assertThat(r.path("prompt_tokens").asInt()).isEqualTo(21);
        assertThat(r.path("completion_tokens").asInt()).isEqualTo(7);
        assertThat(r.path("total_tokens").asInt()).isEqualTo(28);
        assertThat(r.path("prompt_hash").asText()).isEqualTo(sha256("[{\"content\":\"hello audit\",\"role\":\"user\"}]"));
        assertThat(r.path("prompt").isNull()).isTrue();
        assertThat(r.path("latency_ms").asDouble()).isPositive();
        assertThat(r.path("gateway_overhead_ms").asDouble()).isBetween(0.0, r.path("latency_ms").asDouble());
        assertThat(r.path("status").asInt()).isEqualTo(200);
        assertThat(r.path("error").isNull()).isTrue();
        // gpt-4o-mini: $0.15 per 1M input tokens, $0.60 per 1M output tokens.
        assertThat(r.path("cost_usd").decimalValue()).isEqualByComparingTo("0.00000735");
        assertThat(r.path("guardrails_triggered").isArray()).isTrue();
        assertThat(r.path("pii_detected").asBoolean()).isFalse();
        assertThat(r.path("routing_strategy").asText()).isEqualTo("fallback");
        assertThat(r.path("attempts")).hasSize(1);
        assertThat(r.path("attempts").get(0).path("status").asInt()).isEqualTo(200);
        assertThat(r.path("failover_attempted").asBoolean()).isFalse();
        assertThat(r.path("cache_hit").asBoolean()).isFalse();
        assertThat(r.path("stream").asBoolean()).isFalse();
        assertThat(r.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(r.path("traceparent").asText()).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-");
        assertThat(r.toString()).doesNotContain(UPSTREAM_SECRET);
    }

    @Test
    void anUpstreamFailureIsRecordedWithTheErrorTheClientGot() {
        HttpResult result = post(ask("down", "will fail"), Map.of());
        assertThat(result.status()).isGreaterThanOrEqualTo(500);

        JsonNode r = recordOf(result.header("x-sluice-request-id").orElseThrow());

        assertThat(r.path("status").asInt()).isEqualTo(result.status());
        assertThat(r.path("error").asText()).isNotBlank();
        assertThat(r.path("error_type").asText()).isNotBlank();
        assertThat(r.path("provider").asText()).isEqualTo("broken");
        assertThat(r.path("attempts").get(0).path("status").asInt()).isEqualTo(500);
        assertThat(r.path("cost_usd").isNull()).isTrue();
        assertThat(r.toString()).doesNotContain(UPSTREAM_SECRET);
    }

    @Test
    void aFailoverRecordsEveryAttemptAndTheTargetThatAnswered() {
        HttpResult result = post(ask("failover", "try twice"), Map.of());
        assertThat(result.status()).isEqualTo(200);

        JsonNode r = recordOf(result.header("x-sluice-request-id").orElseThrow());

        assertThat(r.path("failover_attempted").asBoolean()).isTrue();
        assertThat(r.path("attempts")).hasSize(2);
        assertThat(r.path("attempts").get(0).path("provider").asText()).isEqualTo("broken");
        assertThat(r.path("attempts").get(0).path("status").asInt()).isEqualTo(500);
        assertThat(r.path("attempts").get(0).path("error").asText()).isNotBlank();
        assertThat(r.path("attempts").get(1).path("provider").asText()).isEqualTo("openai");
        assertThat(r.path("attempts").get(1).path("error").isNull()).isTrue();
        assertThat(r.path("provider").asText()).isEqualTo("openai");
        assertThat(r.path("status").asInt()).isEqualTo(200);
    }

    @Test
    void aRejectedRequestIsRecordedToo() {
        HttpResult unknown = post(ask("no-such-route", "hi"), Map.of("x-sluice-user", "eve"));
        HttpResult malformed = post("{\"model\":", Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(malformed.status()).isEqualTo(400);

        JsonNode u = recordOf(unknown.header("x-sluice-request-id").orElseThrow());
        JsonNode m = recordOf(malformed.header("x-sluice-request-id").orElseThrow());

        assertThat(u.path("status").asInt()).isEqualTo(404);
        assertThat(u.path("model_requested").asText()).isEqualTo("no-such-route");
        assertThat(u.path("user_id").asText()).isEqualTo("eve");
        assertThat(u.path("error_type").asText()).isEqualTo("model_not_found");
        assertThat(u.path("attempts")).isEmpty();
        assertThat(m.path("status").asInt()).isEqualTo(400);
        assertThat(m.path("error_type").asText()).isEqualTo("invalid_request");
        assertThat(m.path("model_requested").isNull()).isTrue();
    }

    @Test
    void aStreamIsRecordedWhenItEndsWithItsUsageAndTimeToFirstToken() {
        String body = "{\"model\":\"mini\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"stream it\"}]}";
        String id;
        try (SseStream stream = client.postStream(gateway.url("/v1/chat/completions"), body, Map.of())) {
            assertThat(stream.status()).isEqualTo(200);
            stream.readToEnd(Duration.ofSeconds(10));
            id = stream.header("x-sluice-request-id").orElseThrow();
        }

        JsonNode r = recordOf(id);

        assertThat(r.path("stream").asBoolean()).isTrue();
        assertThat(r.path("status").asInt()).isEqualTo(200);
        assertThat(r.path("error").isNull()).isTrue();
        assertThat(r.path("time_to_first_token_ms").asDouble()).isPositive()
                .isLessThanOrEqualTo(r.path("latency_ms").asDouble());
        assertThat(r.path("prompt_tokens").asInt()).isEqualTo(21);
        assertThat(r.path("completion_tokens").asInt()).isEqualTo(7);
        assertThat(r.path("cost_usd").decimalValue()).isPositive();
        assertThat(r.path("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void anAnthropicClientsRequestIsRecordedAsSuch() {
        HttpResult result = client.postJson(gateway.url("/v1/messages"), """
                {"model":"mini","max_tokens":64,"messages":[{"role":"user","content":"hello from claude land"}]}""",
                Map.of("anthropic-version", "2023-06-01"));
        assertThat(result.status()).isEqualTo(200);

        JsonNode r = recordOf(result.header("x-sluice-request-id").orElseThrow());

        assertThat(r.path("inbound").asText()).isEqualTo("anthropic");
        assertThat(r.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(r.path("prompt_tokens").asInt()).isEqualTo(21);
    }

    @Test
    void eachRouteKeepsThePromptAsItsModeSays() {
        String full = post(ask("kept", "keep me"), Map.of()).header("x-sluice-request-id").orElseThrow();
        String sealed = post(ask("sealed", "seal me"), Map.of()).header("x-sluice-request-id").orElseThrow();
        String none = post(ask("unlogged", "forget me"), Map.of()).header("x-sluice-request-id").orElseThrow();

        assertThat(recordOf(full).path("prompt").asText()).isEqualTo("[{\"content\":\"keep me\",\"role\":\"user\"}]");
        JsonNode s = recordOf(sealed);
        assertThat(s.path("prompt").isNull()).isTrue();
        assertThat(s.path("prompt_encrypted").asText()).startsWith("v1:");
        assertThat(s.toString()).doesNotContain("seal me");
        assertThat(s.path("prompt_hash").asText()).hasSize(64);
        JsonNode n = recordOf(none);
        assertThat(n.path("prompt_hash").isNull()).isTrue();
        assertThat(n.toString()).doesNotContain("forget me");
    }

    @Test
    void sluiceAuditVerifiesTheFilesAndDecryptsSealedPromptsWithTheKey() {
        String sealed = post(ask("sealed", "open me later"), Map.of()).header("x-sluice-request-id").orElseThrow();
        recordOf(sealed);
        String location = dir.resolve("audit").toString();

        Cli verify = audit("verify", location);
        Cli decrypt = audit("decrypt", location);

        assertThat(verify.status()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).startsWith("OK: ").contains("chain intact");
        assertThat(decrypt.status()).as(decrypt.err()).isZero();
        assertThat(decrypt.out()).contains(sealed).contains("open me later");
        assertThat(decrypt.out() + decrypt.err()).doesNotContain(KEY);
    }

    @Test
    void sluiceAuditFindsAnEditedRecord() throws IOException {
        String id = post(ask("mini", "to be tampered with"), Map.of("x-sluice-team", "honest"))
                .header("x-sluice-request-id").orElseThrow();
        recordOf(id);
        Path copy = dir.resolve("tampered");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(dir.resolve("audit"))) {
            for (Path f : files.toList()) {
                String text = Files.readString(f);
                Files.writeString(copy.resolve(f.getFileName()), text.replace("\"team\":\"honest\"", "\"team\":\"other\""));
            }
        }

        Cli verify = audit("verify", copy.toString());

        assertThat(verify.status()).isEqualTo(1);
        assertThat(verify.out()).startsWith("BROKEN").contains("was changed after it was written");
    }

    @Test
    void sluiceAuditQueryAnswersFromTheSqlSinkAsATableAndAsJson() throws Exception {
        String id = post(ask("mini", "count me"), Map.of("x-sluice-team", "ledger", "x-sluice-project", "books",
                "x-sluice-user", "ada")).header("x-sluice-request-id").orElseThrow();
        post(ask("mini", "count me too"), Map.of("x-sluice-team", "ledger", "x-sluice-project", "books"));
        recordOf(id);
        String db = "jdbc:sqlite:" + dir.resolve("audit.db");
        Cli json = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            json = audit("query", db, "--team", "ledger", "--format", "json");
            if (json.status() == 0 && Json.tree(json.out().getBytes(StandardCharsets.UTF_8)).size() == 2) {
                break;
            }
            Thread.onSpinWait();
        }

        Cli table = audit("query", db, "--team", "ledger", "--user", "ada");
        Cli byProject = audit("query", db, "--team", "ledger", "--group-by", "project", "--format", "json");
        Cli verify = audit("verify", db);

        assertThat(json.status()).as(json.err()).isZero();
        JsonNode rows = Json.tree(json.out().getBytes(StandardCharsets.UTF_8));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).path("team").asText()).isEqualTo("ledger");
        assertThat(table.out()).contains(id).contains("1 record(s)");
        JsonNode groups = Json.tree(byProject.out().getBytes(StandardCharsets.UTF_8));
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).path("project").asText()).isEqualTo("books");
        assertThat(groups.get(0).path("requests").asInt()).isEqualTo(2);
        assertThat(groups.get(0).path("cost_usd").decimalValue()).isPositive();
        assertThat(verify.status()).as(verify.out()).isZero();
    }
}
