package dev.sluice.plugins.audit.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.audit.AuditLog;
import dev.sluice.spi.audit.AuditStats;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExportTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private OtlpReceiver receiver;

    @BeforeEach
    void start() {
        receiver = OtlpReceiver.start();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void postsJsonToTheTracesPathOfTheEndpoint() throws InterruptedException {
        try (AuditLog log = Fixtures.open(Fixtures.fast(receiver))) {
            log.write(Fixtures.chat("req-1").build());

            OtlpReceiver.Request request = receiver.awaitRequests(1, WAIT).get(0);

            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/v1/traces");
            assertThat(request.header("content-type")).isEqualTo("application/json");
            assertThat(request.status()).isEqualTo(200);
        }
    }

    @Test
    void manyRecordsTravelInFewerRequests() throws InterruptedException {
        ObjectNode settings = Fixtures.fast(receiver).put("batch_size", 100).put("export_interval", "10s");
        try (AuditLog log = Fixtures.open(settings)) {
            for (int i = 0; i < 230; i++) {
                log.write(Fixtures.chat("req-" + i).build()); // two spans each
            }

            List<ReceivedSpan> spans = receiver.awaitSpans(400, WAIT);

            assertThat(spans).hasSize(400);
            assertThat(receiver.requests()).hasSize(4)
                    .allSatisfy(r -> assertThat(r.spans()).hasSize(50 * 2));
            Fixtures.await(() -> log.stats().written() == 200, WAIT, "200 records written");
            assertThat(log.stats().queued()).isEqualTo(30); // the rest waits for its interval or a flush
        }
        assertThat(receiver.spans()).hasSize(460); // close sent the rest
    }

    @Test
    void partialBatchIsSentOnceTheExportIntervalHasPassed() throws InterruptedException {
        try (AuditLog log = Fixtures.open(Fixtures.fast(receiver).put("export_interval", "50ms"))) {
            long start = System.nanoTime();
            log.write(Fixtures.chat("req-1").build());

            receiver.awaitSpans(2, WAIT);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        }
    }

    @Test
    void flushSendsWhatIsQueuedWithoutWaitingForTheInterval() throws InterruptedException {
        try (AuditLog log = Fixtures.open(Fixtures.fast(receiver).put("export_interval", "1h"))) {
            log.write(Fixtures.chat("req-1").build());
            log.write(Fixtures.chat("req-2").build());

            log.flush();

            assertThat(receiver.spans()).hasSize(4);
            assertThat(log.stats().written()).isEqualTo(2);
            assertThat(log.stats().queued()).isZero();
        }
    }

    @Test
    void closeSendsEverythingStillQueued() throws InterruptedException {
        AuditLog log = Fixtures.open(Fixtures.fast(receiver).put("export_interval", "1h"));
        for (int i = 0; i < 3; i++) {
            log.write(Fixtures.chat("req-" + i).build());
        }

        log.close();

        assertThat(receiver.spans()).hasSize(6);
        assertThat(log.stats()).isEqualTo(new AuditStats(0, 20_000, 3, 0, 0, 0));
    }

    @Test
    void writeAfterCloseFails() {
        AuditLog log = Fixtures.open(Fixtures.fast(receiver));
        log.close();

        assertThatThrownBy(() -> log.write(Fixtures.chat("req-1").build())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void collectorAnswering503IsRetriedUntilItTakesTheBatch() throws InterruptedException {
        receiver.answerNext(OtlpReceiver.Answer.of(503), OtlpReceiver.Answer.of(503));
        try (AuditLog log = Fixtures.open(Fixtures.fast(receiver))) {
            log.write(Fixtures.chat("req-1").build());

            List<ReceivedSpan> spans = receiver.awaitSpans(2, WAIT);

            assertThat(spans).hasSize(2);
            assertThat(receiver.requests()).extracting(OtlpReceiver.Request::status).containsExactly(503, 503, 200);
            Fixtures.await(() -> log.stats().written() == 1, WAIT, "the record written");
            assertThat(log.stats().failed()).isEqualTo(2);
            assertThat(log.stats().dropped()).isZero();
        }
    }

    @Test
    void retryAfterOfTheCollectorIsHonouredOverTheBackoff() throws InterruptedException {
        receiver.answerNext(new OtlpReceiver.Answer(429, Map.of("Retry-After", "0"), ""));
        // A backoff of an hour: only the collector's "Retry-After: 0" lets the retry come now.
        ObjectNode settings = Fixtures.fast(receiver).put("retry_initial_backoff", "1h").put("retry_max_backoff", "1h");
        try (AuditLog log = Fixtures.open(settings)) {
            log.write(Fixtures.chat("req-1").build());

            receiver.awaitSpans(2, WAIT);

            assertThat(receiver.requests()).extracting(OtlpReceiver.Request::status).containsExactly(429, 200);
        }
    }

    @Test
    void collectorRefusingTheBatchWith400DropsItWithoutRetrying() throws InterruptedException {
        receiver.answerNext(new OtlpReceiver.Answer(400, Map.of("Content-Type", "application/json"),
                "{\"message\":\"bad data\"}"));
        try (AuditLog log = Fixtures.open(Fixtures.fast(receiver))) {
            log.write(Fixtures.chat("req-1").build());
            Fixtures.await(() -> log.stats().dropped() == 1, WAIT, "the record dropped");
            log.write(Fixtures.chat("req-2").build());

            receiver.awaitSpans(2, WAIT);

            assertThat(receiver.requests()).extracting(OtlpReceiver.Request::status).containsExactly(400, 200);
            Fixtures.await(() -> log.stats().written() == 1, WAIT, "the second record written");
            assertThat(log.stats().dropped()).isEqualTo(1);
            assertThat(log.stats().failed()).isEqualTo(1);
        }
    }

    @Test
    void retriesStopAfterTheLastAttemptAndTheBatchIsCountedDropped() throws InterruptedException {
        receiver.answerNext(OtlpReceiver.Answer.of(502), OtlpReceiver.Answer.of(502), OtlpReceiver.Answer.of(502));
        try (AuditLog log = Fixtures.open(Fixtures.fast(receiver).put("retry_max_attempts", 3))) {
            log.write(Fixtures.chat("req-1").build());

            Fixtures.await(() -> log.stats().dropped() == 1, WAIT, "the record dropped");

            assertThat(receiver.requests()).hasSize(3);
            assertThat(log.stats().failed()).isEqualTo(3);
            assertThat(log.stats().written()).isZero();
        }
    }

    @Test
    void configuredHeadersAreSentWithEveryRequest() throws InterruptedException {
        ObjectNode settings = Fixtures.fast(receiver);
        settings.putObject("headers").put("Authorization", "Bearer t0ken").put("X-Scope-OrgID", "tenant-1");
        try (AuditLog log = Fixtures.open(settings)) {
            log.write(Fixtures.chat("req-1").build());

            OtlpReceiver.Request request = receiver.awaitRequests(1, WAIT).get(0);

            assertThat(request.header("authorization")).isEqualTo("Bearer t0ken");
            assertThat(request.header("x-scope-orgid")).isEqualTo("tenant-1");
        }
    }

    @Test
    void endpointAlreadyEndingInTheTracesPathIsUsedAsItIs() throws InterruptedException {
        ObjectNode settings = Fixtures.fast(receiver).put("endpoint", receiver.endpoint() + "/v1/traces");
        try (AuditLog log = Fixtures.open(settings)) {
            log.write(Fixtures.chat("req-1").build());

            assertThat(receiver.awaitRequests(1, WAIT).get(0).path()).isEqualTo("/v1/traces");
        }
    }

    @Test
    void protobufProtocolSendsTheSameSpansInBinary() throws InterruptedException {
        try (AuditLog log = Fixtures.open(Fixtures.fast(receiver).put("protocol", "http/protobuf"))) {
            log.write(Fixtures.chat("req-1").sessionId("s-1").build());

            List<ReceivedSpan> spans = receiver.awaitSpans(2, WAIT);

            assertThat(receiver.requests().get(0).header("content-type")).isEqualTo("application/x-protobuf");
            ReceivedSpan request = spans.get(0);
            assertThat(request.name()).isEqualTo("chat gpt-4o");
            assertThat(request.kind()).isEqualTo(ReceivedSpan.SERVER);
            assertThat(request.serviceName()).isEqualTo("sluice");
            assertThat(request.traceId()).isEqualTo(SpanIds.sessionTraceId("s-1"));
            assertThat(request.startNanos()).isEqualTo(Fixtures.AT_NANOS);
            assertThat(request.attributes()).containsEntry("gen_ai.usage.input_tokens", 120L)
                    .containsEntry("gen_ai.request.temperature", 0.7)
                    .containsEntry("sluice.stream", false)
                    .containsEntry("gen_ai.response.finish_reasons", List.of("stop"));
            assertThat(spans.get(1).parentSpanId()).isEqualTo(request.spanId());
            assertThat(spans.get(1).kind()).isEqualTo(ReceivedSpan.CLIENT);
        }
    }

    @Test
    void gzipCompressionIsDeclaredAndDecodable() throws InterruptedException {
        try (AuditLog log = Fixtures.open(Fixtures.fast(receiver).put("compression", "gzip"))) {
            log.write(Fixtures.chat("req-1").build());

            receiver.awaitSpans(2, WAIT);

            assertThat(receiver.requests().get(0).header("content-encoding")).isEqualTo("gzip");
        }
    }
}
