package dev.sluice.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testkit.FakeOpenAi;
import dev.sluice.testkit.HttpResult;
import dev.sluice.testkit.SseClient;
import dev.sluice.testkit.SseEvent;
import dev.sluice.testkit.SseStream;
import dev.sluice.testkit.replay.Replay;
import dev.sluice.testkit.replay.ReplayUpstream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guardrails through real HTTP with the {@code pii}, {@code rules} and {@code format} plugins of
 * the distribution: block, redact and flag on prompts and answers, streams in both modes,
 * restored placeholders, the format retry, JavaScript guardrails, and what the audit record keeps.
 */
class GuardrailsTest {
    private static final String EMAIL = "ada.lovelace@example.com";
    private static final String CARD = "4111 1111 1111 1111";
    /** Longer than the incremental mode's window, so that it is released before the email arrives. */
    private static final String PREAMBLE = "Thanks for asking. Our support team works around the clock on weekdays "
            + "and during most of the weekend, and the status page lists every planned maintenance window well "
            + "ahead of time. Invoices are sent on the first working day of each month, and the billing page keeps "
            + "every invoice of the last seven years, ready to download as a PDF or as a spreadsheet. ";

    @TempDir
    static Path dir;
    private static FakeOpenAi openai;
    private static FakeOpenAi leaky;
    private static ReplayUpstream replay;
    private static RunningGateway gateway;
    private static RunningGateway incremental;
    private static SseClient client;

    @BeforeAll
    static void start() {
        openai = FakeOpenAi.start().reply("noted").usage(10, 2);
        leaky = FakeOpenAi.start().chunks(40).reply(PREAMBLE + "Reach our admin at root.admin@example.org or call "
                + "us today, we answer every single question you might have about the service.");
        replay = ReplayUpstream.start();
        String policy = RunningGateway.root().resolve("policies/src/main/resources/policies/no-competitors.js")
                .toString();
        String common = """
                providers:
                  - { name: mock, type: mock }
                  - { name: openai, type: openai, base_url: "%s", api_key: sk-guard-test }
                  - { name: leaky, type: openai, base_url: "%s", api_key: sk-guard-test }
                  - { name: replay, type: openai, base_url: "%s/v1", api_key: sk-guard-test }
                models:
                  - { name: redacting, guardrails: [pii], targets: [ { provider: openai, model: gpt-4o-mini } ] }
                  - { name: strict, guardrails: [cards, banned], targets: [ { provider: openai, model: gpt-4o-mini } ] }
                  - { name: echo, guardrails: [pii], targets: [ { provider: mock, model: mock-echo } ] }
                  - { name: leaky, guardrails: [pii-out], targets: [ { provider: leaky, model: gpt-4o-mini } ] }
                  - { name: blocking-out, guardrails: [no-email-out], targets: [ { provider: leaky, model: gpt-4o-mini } ] }
                  - { name: json, guardrails: [json], targets: [ { provider: replay, model: gpt-4o-mini } ] }
                  - { name: open, guardrails: [], targets: [ { provider: openai, model: gpt-4o-mini } ] }
                chain:
                  - js: "%s"
                """.formatted(openai.baseUrl(), leaky.baseUrl(), replay.baseUrl(), policy);
        String checks = """
                audit:
                  sinks: [ { type: jsonl, path: "%s", fsync: never } ]
                guardrails:
                  stream_mode: %s
                  checks:
                    - { name: pii, type: pii, stages: [input, output], action: redact, restore: true }
                    - { name: cards, type: pii, stages: [input], types: [credit_card], action: block }
                    - { name: banned, type: rules, stages: [input], deny: ["project falcon"], action: block }
                    - { name: pii-out, type: pii, stages: [output], types: [email], action: redact }
                    - { name: no-email-out, type: pii, stages: [output], types: [email], action: block }
                    - { name: json, type: format, stages: [output], on_invalid: retry }
                """;
        gateway = RunningGateway.start(checks.formatted(dir.resolve("audit"), "buffer") + common);
        incremental = RunningGateway.start(checks.formatted(dir.resolve("audit-incremental"), "incremental") + common);
        client = new SseClient(Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
        incremental.close();
        openai.close();
        leaky.close();
        replay.close();
    }

    private static HttpResult chat(RunningGateway g, String model, String text) {
        return client.postJson(g.url("/v1/chat/completions"), "{\"model\":\"" + model
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}", Map.of());
    }

    private static String content(HttpResult r) {
        return r.json().path("choices").get(0).path("message").path("content").asText();
    }

    private static JsonNode record(String requestId) {
        return AuditFiles.recordOf(dir.resolve("audit"), requestId);
    }

    @Test
    void aRedactedValueNeverReachesTheUpstream() {
        HttpResult r = chat(gateway, "redacting", "Please email " + EMAIL + " about the invoice");

        assertThat(r.status()).isEqualTo(200);
        String sent = openai.lastRequest().rawBody();
        assertThat(sent).doesNotContain(EMAIL).contains("Please email [EMAIL_1] about the invoice");
        JsonNode audit = record(r.header("x-sluice-request-id").orElseThrow());
        assertThat(audit.path("pii_detected").asBoolean()).isTrue();
        assertThat(audit.path("pii_types").path("email").asInt()).isEqualTo(1);
        assertThat(audit.path("guardrails_triggered").toString())
                .contains("\"guardrail\":\"pii\"", "\"action\":\"redact\"", "\"stage\":\"input\"");
        assertThat(audit.toString()).doesNotContain(EMAIL);
    }

    @Test
    void aRestoredPlaceholderGetsItsValueBackInTheSameResponseOnly() {
        HttpResult mine = chat(gateway, "echo", "Write to " + EMAIL);
        HttpResult other = chat(gateway, "echo", "Write to [EMAIL_1]");

        assertThat(content(mine)).isEqualTo("Write to " + EMAIL);
        assertThat(content(other)).isEqualTo("Write to [EMAIL_1]");
        assertThat(record(mine.header("x-sluice-request-id").orElseThrow()).toString()).doesNotContain(EMAIL);
    }

    @Test
    void aBlockedPromptIsA400InTheClientsShapeAndNeverLeaves() {
        int before = openai.requestCount();

        HttpResult openAi = chat(gateway, "strict", "my card is " + CARD);
        HttpResult anthropic = client.postJson(gateway.url("/v1/messages"), """
                {"model":"strict","max_tokens":20,"messages":[{"role":"user","content":"status of project falcon?"}]}""",
                Map.of("anthropic-version", "2023-06-01"));

        assertThat(openAi.status()).isEqualTo(400);
        assertThat(openAi.json().path("error").path("code").asText()).isEqualTo("guardrail_blocked");
        assertThat(openAi.json().path("error").path("message").asText()).contains("guardrail cards")
                .contains("credit_card").doesNotContain("4111");
        assertThat(anthropic.status()).isEqualTo(400);
        assertThat(anthropic.json().path("type").asText()).isEqualTo("error");
        assertThat(anthropic.json().path("error").path("message").asText()).contains("guardrail banned");
        assertThat(openai.requestCount()).isEqualTo(before);
        JsonNode audit = record(openAi.header("x-sluice-request-id").orElseThrow());
        assertThat(audit.path("status").asInt()).isEqualTo(400);
        assertThat(audit.path("error_type").asText()).isEqualTo("guardrail_blocked");
        assertThat(audit.toString()).doesNotContain("4111");
    }

    @Test
    void anAnswerIsRedactedOrRefusedBeforeTheClientSeesIt() {
        HttpResult redacted = chat(gateway, "leaky", "how do I reach you?");
        HttpResult refused = chat(gateway, "blocking-out", "how do I reach you?");

        assertThat(content(redacted)).contains("[EMAIL_1]").doesNotContain("root.admin@example.org");
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.json().path("choices").get(0).path("finish_reason").asText()).isEqualTo("content_filter");
        assertThat(content(refused)).contains("guardrail no-email-out").doesNotContain("root.admin");
        JsonNode audit = record(refused.header("x-sluice-request-id").orElseThrow());
        assertThat(audit.path("guardrails_triggered").toString()).contains("\"action\":\"block\"",
                "\"stage\":\"output\"");
    }

    private static List<SseEvent> stream(RunningGateway g, String model) {
        try (SseStream s = client.postStream(g.url("/v1/chat/completions"), "{\"model\":\"" + model
                + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"how do I reach you?\"}]}", Map.of())) {
            return s.readToEnd(Duration.ofSeconds(10));
        }
    }

    private static String text(List<SseEvent> events) {
        StringBuilder text = new StringBuilder();
        for (SseEvent e : events) {
            if (!e.data().equals("[DONE]") && e.json().has("choices")) {
                e.json().path("choices").forEach(c -> text.append(c.path("delta").path("content").asText("")));
            }
        }
        return text.toString();
    }

    @Test
    void bufferedStreamsAreCheckedWhole() {
        List<SseEvent> redacted = stream(gateway, "leaky");
        List<SseEvent> refused = stream(gateway, "blocking-out");

        assertThat(text(redacted)).contains("[EMAIL_1]").doesNotContain("root.admin@example.org")
                .endsWith("about the service.");
        assertThat(redacted.getLast().data()).isEqualTo("[DONE]");
        assertThat(text(refused)).contains("guardrail no-email-out");
    }

    @Test
    void incrementalStreamsRedactAsTheyGoAndStopOnABlock() {
        List<SseEvent> redacted = stream(incremental, "leaky");
        List<SseEvent> stopped = stream(incremental, "blocking-out");

        assertThat(text(redacted)).contains("[EMAIL_1]").doesNotContain("root.admin@example.org")
                .endsWith("about the service.");
        assertThat(redacted.getLast().data()).isEqualTo("[DONE]");
        assertThat(text(stopped)).as("what was released before the block").startsWith("Thanks for asking.")
                .doesNotContain("root.admin");
        SseEvent last = stopped.getLast();
        assertThat(last.data()).isNotEqualTo("[DONE]");
        assertThat(last.json().path("error").path("code").asText()).isEqualTo("guardrail_blocked");
    }

    @Test
    void theFormatGuardrailRetriesOnceWithTheValidationErrorAndThenPasses() {
        replay.enqueue(
                Replay.json(200, answer("Here you go: {\\\"name\\\": \\\"Ada\\\"")),
                Replay.json(200, answer("{\\\"name\\\": \\\"Ada\\\", \\\"age\\\": 36}")));
        int before = replay.requestCount();

        HttpResult r = client.postJson(gateway.url("/v1/chat/completions"), """
                {"model":"json","messages":[{"role":"user","content":"who?"}],
                 "response_format":{"type":"json_schema","json_schema":{"name":"person","schema":{
                   "type":"object","required":["name","age"],"properties":{"name":{"type":"string"},"age":{"type":"integer"}}}}}}""",
                Map.of());

        assertThat(r.status()).isEqualTo(200);
        assertThat(content(r)).isEqualTo("{\"name\": \"Ada\", \"age\": 36}");
        assertThat(replay.requestCount() - before).isEqualTo(2);
        JsonNode retried = replay.lastRequest().body().path("messages");
        assertThat(retried).hasSize(3);
        assertThat(retried.get(2).path("role").asText()).isEqualTo("user");
        assertThat(retried.get(2).path("content").asText()).containsIgnoringCase("json");
    }

    @Test
    void anAnswerThatStaysInvalidIsRefused() {
        replay.enqueue(Replay.json(200, answer("not json")), Replay.json(200, answer("still not json")));

        HttpResult r = client.postJson(gateway.url("/v1/chat/completions"), """
                {"model":"json","messages":[{"role":"user","content":"who?"}],"response_format":{"type":"json_object"}}""",
                Map.of());

        assertThat(r.json().path("choices").get(0).path("finish_reason").asText()).isEqualTo("content_filter");
        assertThat(content(r)).contains("guardrail json");
    }

    private static String answer(String content) {
        return """
                {"id":"chatcmpl-g","object":"chat.completion","created":1,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":5,"completion_tokens":5,"total_tokens":10}}""".formatted(content);
    }

    @Test
    void aJavaScriptPolicyCanBlockOrFlagAsAGuardrail() {
        HttpResult blocked = chat(gateway, "open", "is acme corp cheaper?");
        HttpResult fine = chat(gateway, "open", "what do you offer?");

        assertThat(blocked.status()).isEqualTo(400);
        assertThat(blocked.json().path("error").path("code").asText()).isEqualTo("guardrail_blocked");
        assertThat(blocked.json().path("error").path("message").asText()).contains("competitor");
        assertThat(fine.status()).isEqualTo(200);
        assertThat(record(blocked.header("x-sluice-request-id").orElseThrow()).path("guardrails_triggered").toString())
                .contains("\"rule\":\"competitor\"", "\"action\":\"block\"");
    }
}
