package dev.sluice.plugins.audit.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.audit.AuditLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TraceGroupingTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    private OtlpReceiver receiver;
    private AuditLog log;

    @BeforeEach
    void start() {
        receiver = OtlpReceiver.start();
        log = Fixtures.open(Fixtures.fast(receiver));
    }

    @AfterEach
    void stop() {
        log.close();
        receiver.close();
    }

    private List<ReceivedSpan> requestSpans(int count) throws InterruptedException {
        log.flush();
        return receiver.awaitSpans(count * 2, WAIT).stream().filter(s -> s.kind() == ReceivedSpan.SERVER).toList();
    }

    @Test
    void validTraceparentMakesTheRequestSpanAChildOfTheCallersSpan() throws InterruptedException {
        log.write(Fixtures.chat("req-1").sessionId("sess-1")
                .traceparent("00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01").build());

        List<ReceivedSpan> spans = receiver.awaitSpans(2, WAIT);

        assertThat(spans).allSatisfy(s -> assertThat(s.traceId()).isEqualTo(CALLER_TRACE));
        assertThat(spans.get(0).parentSpanId()).isEqualTo(CALLER_SPAN);
        assertThat(spans.get(0).attributes()).containsEntry("gen_ai.conversation.id", "sess-1");
    }

    @Test
    void invalidTraceparentIsIgnored() throws InterruptedException {
        log.write(Fixtures.chat("req-1").traceparent("00-" + CALLER_TRACE.toUpperCase() + "-" + CALLER_SPAN + "-01")
                .build());

        ReceivedSpan request = requestSpans(1).get(0);

        assertThat(request.traceId()).isNotEqualToIgnoringCase(CALLER_TRACE).hasSize(32);
        assertThat(request.isRoot()).isTrue();
    }

    @Test
    void twoRecordsOfOneSessionShareATraceDerivedFromTheSession() throws Exception {
        log.write(Fixtures.chat("req-1").sessionId("agent-run-7").build());
        log.write(Fixtures.chat("req-2").sessionId("agent-run-7").build());

        List<ReceivedSpan> requests = requestSpans(2);

        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest("sluice-session:agent-run-7".getBytes(StandardCharsets.UTF_8));
        String expected = HexFormat.of().formatHex(digest, 0, 16);
        assertThat(requests).hasSize(2).allSatisfy(r -> {
            assertThat(r.traceId()).isEqualTo(expected);
            assertThat(r.attributes()).containsEntry("gen_ai.conversation.id", "agent-run-7");
        });
        assertThat(requests.get(0).spanId()).isNotEqualTo(requests.get(1).spanId());
    }

    @Test
    void recordsOfTwoSessionsAreInDifferentTraces() throws InterruptedException {
        log.write(Fixtures.chat("req-1").sessionId("session-a").build());
        log.write(Fixtures.chat("req-2").sessionId("session-b").build());

        List<ReceivedSpan> requests = requestSpans(2);

        assertThat(requests.get(0).traceId()).isNotEqualTo(requests.get(1).traceId());
    }

    @Test
    void recordsWithoutSessionOrTraceparentEachGetTheirOwnRandomTrace() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            log.write(Fixtures.chat("req-" + i).build());
        }

        List<ReceivedSpan> requests = requestSpans(5);

        assertThat(requests).extracting(ReceivedSpan::traceId).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32)));
        assertThat(requests).allSatisfy(r -> assertThat(r.isRoot()).isTrue());
    }
}
