package dev.sluice.plugins.audit.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.spi.audit.AuditAttempt;
import dev.sluice.spi.audit.AuditLog;
import dev.sluice.spi.audit.AuditRecord;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpanAttributesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private OtlpReceiver receiver;
    private AuditLog log;

    @BeforeEach
    void start() {
        receiver = OtlpReceiver.start();
        log = Fixtures.open(Fixtures.fast(receiver).put("service_name", "gateway-eu"));
    }

    @AfterEach
    void stop() {
        log.close();
        receiver.close();
    }

    private List<ReceivedSpan> export(AuditRecord record, int spans) throws InterruptedException {
        log.write(record);
        return receiver.awaitSpans(spans, WAIT);
    }

    @Test
    void chatRecordBecomesAServerSpanWithTheGenAiAttributes() throws InterruptedException {
        ReceivedSpan request = export(Fixtures.chat("req-1").sessionId("sess-9").stream(true)
                .timeToFirstTokenMs(250.0).build(), 2).get(0);

        assertThat(request.name()).isEqualTo("chat gpt-4o");
        assertThat(request.kind()).isEqualTo(ReceivedSpan.SERVER);
        assertThat(request.serviceName()).isEqualTo("gateway-eu");
        assertThat(request.scopeName()).isEqualTo("dev.sluice.audit");
        assertThat(request.attributes()).containsEntry("gen_ai.operation.name", "chat")
                .containsEntry("gen_ai.provider.name", "openai")
                .containsEntry("gen_ai.request.model", "gpt-4o")
                .containsEntry("gen_ai.response.model", "gpt-4o-2024-08-06")
                .containsEntry("gen_ai.usage.input_tokens", 120L)
                .containsEntry("gen_ai.usage.output_tokens", 45L)
                .containsEntry("gen_ai.request.temperature", 0.7)
                .containsEntry("gen_ai.request.max_tokens", 256L)
                .containsEntry("gen_ai.request.stream", true)
                .containsEntry("gen_ai.response.finish_reasons", List.of("stop"))
                .containsEntry("gen_ai.response.time_to_first_chunk", 0.25)
                .containsEntry("gen_ai.conversation.id", "sess-9")
                .containsEntry("session.id", "sess-9")
                .containsEntry("http.response.status_code", 200L)
                .doesNotContainKey("error.type");
        assertThat(request.statusCode()).isZero();
    }

    @Test
    void requestSpanCarriesTheSluiceAttributes() throws InterruptedException {
        ReceivedSpan request = export(Fixtures.chat("req-2").cacheHit(true).cacheStatus("hit")
                .failoverAttempted(true).tags(List.of("batch", "nightly"))
                .guardrailsTriggered(List.of(Fixtures.piiEmail())).piiDetected(true).build(), 2).get(0);

        assertThat(request.attributes()).containsEntry("sluice.request_id", "req-2")
                .containsEntry("sluice.route", "chat-default")
                .containsEntry("sluice.provider", "openai")
                .containsEntry("sluice.inbound", "openai")
                .containsEntry("sluice.routing_strategy", "fallback")
                .containsEntry("sluice.team", "search")
                .containsEntry("sluice.project", "ranker")
                .containsEntry("sluice.user", "alice")
                .containsEntry("sluice.key_id", "key_123")
                .containsEntry("sluice.tags", List.of("batch", "nightly"))
                .containsEntry("sluice.cache_hit", true)
                .containsEntry("sluice.cache_status", "hit")
                .containsEntry("sluice.gateway_overhead_ms", 2.25)
                .containsEntry("sluice.failover_attempted", true)
                .containsEntry("sluice.stream", false)
                .containsEntry("sluice.guardrails", List.of("pii/email:redact@input"))
                .containsEntry("sluice.pii_detected", true)
                .containsEntry("sluice.prompt_hash", "ab12");
        assertThat((Double) request.attribute("sluice.cost_usd")).isCloseTo(0.00123, within(1e-12));
    }

    @Test
    void embeddingsRecordIsAnEmbeddingsOperation() throws InterruptedException {
        List<ReceivedSpan> spans = export(Fixtures.embeddings("req-3").build(), 2);

        ReceivedSpan request = spans.get(0);
        assertThat(request.name()).isEqualTo("embeddings text-embedding-3-small");
        assertThat(request.attributes()).containsEntry("gen_ai.operation.name", "embeddings")
                .containsEntry("gen_ai.provider.name", "openai")
                .containsEntry("gen_ai.request.model", "text-embedding-3-small")
                .containsEntry("gen_ai.response.model", "text-embedding-3-small")
                .containsEntry("gen_ai.usage.input_tokens", 8L)
                .doesNotContainKeys("gen_ai.usage.output_tokens", "gen_ai.request.stream",
                        "gen_ai.response.finish_reasons", "gen_ai.conversation.id", "session.id");
        ReceivedSpan attempt = spans.get(1);
        assertThat(attempt.name()).isEqualTo("embeddings text-embedding-3-small");
        assertThat(attempt.attributes()).containsEntry("gen_ai.operation.name", "embeddings");
    }

    @Test
    void eachAttemptIsAClientChildLaidOutAfterThePreviousOne() throws InterruptedException {
        AuditRecord record = Fixtures.chat("req-4").provider("azure").failoverAttempted(true).attempts(List.of(
                new AuditAttempt("openai", "gpt-4o", 503, "upstream unavailable", 120),
                new AuditAttempt("azure", "gpt-4o", 200, null, 700))).build();

        List<ReceivedSpan> spans = export(record, 3);

        ReceivedSpan request = spans.get(0);
        ReceivedSpan first = spans.get(1);
        ReceivedSpan second = spans.get(2);
        assertThat(request.startNanos()).isEqualTo(Fixtures.AT_NANOS);
        assertThat(request.endNanos() - request.startNanos()).isEqualTo(850_500_000L);
        assertThat(List.of(first, second)).allSatisfy(attempt -> {
            assertThat(attempt.kind()).isEqualTo(ReceivedSpan.CLIENT);
            assertThat(attempt.parentSpanId()).isEqualTo(request.spanId());
            assertThat(attempt.traceId()).isEqualTo(request.traceId());
            assertThat(attempt.spanId()).isNotEqualTo(request.spanId());
        });
        assertThat(first.startNanos()).isEqualTo(request.startNanos());
        assertThat(first.endNanos()).isEqualTo(first.startNanos() + 120_000_000L);
        assertThat(second.startNanos()).isEqualTo(first.endNanos());
        assertThat(second.endNanos()).isEqualTo(second.startNanos() + 700_000_000L);
        assertThat(first.statusCode()).isEqualTo(ReceivedSpan.ERROR);
        assertThat(first.statusMessage()).isEqualTo("upstream unavailable");
        assertThat(first.attributes()).containsEntry("error.type", "503")
                .containsEntry("http.response.status_code", 503L)
                .containsEntry("sluice.attempt", 1L)
                .doesNotContainKeys("gen_ai.usage.input_tokens", "gen_ai.response.model");
        assertThat(second.statusCode()).isZero();
        assertThat(second.attributes()).containsEntry("gen_ai.provider.name", "azure.ai.openai")
                .containsEntry("sluice.provider", "azure")
                .containsEntry("sluice.attempt", 2L)
                .containsEntry("gen_ai.request.model", "gpt-4o")
                .containsEntry("gen_ai.response.model", "gpt-4o-2024-08-06")
                .containsEntry("gen_ai.usage.input_tokens", 120L)
                .containsEntry("gen_ai.usage.output_tokens", 45L)
                .doesNotContainKey("error.type");
        assertThat(request.statusCode()).as("a failover that succeeded is no error of the request").isZero();
    }

    @Test
    void failedRecordHasErrorStatusMessageAndErrorType() throws InterruptedException {
        AuditRecord record = Fixtures.chat("req-5").status(502).error("every upstream target failed")
                .errorType("upstream_error").completionTokens(null).finishReason(null).attempts(List.of(
                        new AuditAttempt("openai", "gpt-4o", 0, "connect timed out", 10_000))).build();

        List<ReceivedSpan> spans = export(record, 2);

        ReceivedSpan request = spans.get(0);
        assertThat(request.statusCode()).isEqualTo(ReceivedSpan.ERROR);
        assertThat(request.statusMessage()).isEqualTo("every upstream target failed");
        assertThat(request.attributes()).containsEntry("error.type", "upstream_error")
                .containsEntry("http.response.status_code", 502L);
        ReceivedSpan attempt = spans.get(1);
        assertThat(attempt.statusCode()).isEqualTo(ReceivedSpan.ERROR);
        assertThat(attempt.statusMessage()).isEqualTo("connect timed out");
        assertThat(attempt.attributes()).containsEntry("error.type", "_OTHER")
                .doesNotContainKeys("http.response.status_code", "gen_ai.usage.input_tokens");
    }

    @Test
    void streamThatFailedAfterItsFirstByteIsAnErrorWithoutAnErrorKind() throws InterruptedException {
        ReceivedSpan request = export(Fixtures.chat("req-6").stream(true).error("upstream closed the stream")
                .build(), 2).get(0);

        assertThat(request.statusCode()).isEqualTo(ReceivedSpan.ERROR);
        assertThat(request.attributes()).containsEntry("error.type", "_OTHER")
                .containsEntry("http.response.status_code", 200L);
    }

    @Test
    void recordWithoutAttemptsIsOneServerSpan() throws InterruptedException {
        AuditRecord rejected = AuditRecord.builder("req-7", Fixtures.AT).modelRequested("gpt-4o").status(429)
                .error("budget exhausted").errorType("budget_exceeded").latencyMs(1.5).build();

        List<ReceivedSpan> spans = export(rejected, 1);

        assertThat(spans).singleElement().satisfies(span -> {
            assertThat(span.kind()).isEqualTo(ReceivedSpan.SERVER);
            assertThat(span.attributes()).containsEntry("error.type", "budget_exceeded")
                    .doesNotContainKey("gen_ai.provider.name");
        });
    }

    @Test
    void promptTextIsNeverExported() throws InterruptedException {
        List<ReceivedSpan> spans = export(Fixtures.chat("req-8").prompt("my secret plan")
                .promptEncrypted("ZW5jcnlwdGVk").build(), 2);

        assertThat(spans).allSatisfy(span -> assertThat(span.attributes().values())
                .noneMatch(v -> String.valueOf(v).contains("secret plan") || String.valueOf(v).contains("ZW5j")));
    }

    @Test
    void providerEntryNamesMapToWellKnownProviderNames() throws InterruptedException {
        List<ReceivedSpan> spans = export(Fixtures.chat("req-9").provider("local").attempts(List.of(
                new AuditAttempt("gemini", "gemini-2.0-flash", 500, "boom", 5),
                new AuditAttempt("anthropic", "claude-sonnet-4", 529, "overloaded", 5),
                new AuditAttempt("local", "llama3.2", 200, null, 5))).build(), 4);

        assertThat(spans.get(0).attribute("gen_ai.provider.name")).isEqualTo("local");
        assertThat(spans.get(1).attribute("gen_ai.provider.name")).isEqualTo("gcp.gemini");
        assertThat(spans.get(2).attribute("gen_ai.provider.name")).isEqualTo("anthropic");
        assertThat(spans.get(3).attribute("gen_ai.provider.name")).isEqualTo("local");
    }
}
