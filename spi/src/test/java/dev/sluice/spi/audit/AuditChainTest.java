package dev.sluice.spi.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    private static AuditRecord record(int i) {
        return AuditRecord.builder("req_" + i, Instant.parse("2026-11-25T10:00:00Z").plusSeconds(i))
                .team("search").userId("u" + i).modelRequested("gpt-4o-mini").provider("openai")
                .promptTokens(10 + i).completionTokens(5).totalTokens(15 + i).costUsd(new BigDecimal("0.000123"))
                .guardrailsTriggered(List.of(new GuardrailTrigger("pii", "email", "redact", "input")))
                .piiDetected(true).piiTypes(Map.of("email", 2)).latencyMs(12.345).gatewayOverheadMs(0.25)
                .attempts(List.of(new AuditAttempt("openai", "gpt-4o-mini", 200, null, 12))).build();
    }

    private static List<String> lines(int n) {
        List<String> lines = new ArrayList<>();
        String prev = AuditChain.GENESIS;
        for (int i = 1; i <= n; i++) {
            AuditChain.Link link = AuditChain.link(record(i), i, prev);
            lines.add(new String(link.line(), StandardCharsets.UTF_8));
            prev = link.hash();
        }
        return lines;
    }

    private static VerifyReport verify(List<String> lines) {
        ChainVerifier verifier = new ChainVerifier();
        for (int i = 0; i < lines.size(); i++) {
            verifier.line("line " + (i + 1), lines.get(i));
        }
        return verifier.report();
    }

    @Test
    void anUntouchedChainVerifies() {
        VerifyReport report = verify(lines(5));

        assertThat(report.ok()).isTrue();
        assertThat(report.records()).isEqualTo(5);
        assertThat(report.anchored()).isTrue();
        assertThat(report.lastSeq()).isEqualTo(5);
    }

    @Test
    void aLineReadsBackAsTheRecordWritten() {
        AuditChain.Link link = AuditChain.parseLine(lines(1).get(0));

        assertThat(link.record()).isEqualTo(record(1));
        assertThat(link.seq()).isEqualTo(1);
        assertThat(link.prevHash()).isEqualTo(AuditChain.GENESIS);
    }

    @Test
    void anEditedValueIsFound() {
        List<String> lines = lines(4);
        lines.set(2, lines.get(2).replace("\"team\":\"search\"", "\"team\":\"ads\""));

        VerifyReport report = verify(lines);

        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).singleElement().asString().startsWith("line 3: record 3 was changed");
    }

    @Test
    void aRemovedRecordIsFound() {
        List<String> lines = lines(4);
        lines.remove(1);

        VerifyReport report = verify(lines);

        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).anySatisfy(p -> assertThat(p).startsWith("line 2: record 3 follows record 1"));
    }

    @Test
    void swappedRecordsAreFound() {
        List<String> lines = lines(4);
        String second = lines.get(1);
        lines.set(1, lines.get(2));
        lines.set(2, second);

        VerifyReport report = verify(lines);

        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).anySatisfy(p -> assertThat(p).contains("does not link to the record before it"));
    }

    @Test
    void aRecordRehashedAfterAnEditStillBreaksTheLinkToTheNext() {
        List<String> lines = lines(3);
        AuditChain.Link original = AuditChain.parseLine(lines.get(1));
        AuditRecord forged = original.record().toBuilder().team("ads").build();
        lines.set(1, new String(AuditChain.link(forged, 2, original.prevHash()).line(), StandardCharsets.UTF_8));

        VerifyReport report = verify(lines);

        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).singleElement().asString().startsWith("line 3: record 3 does not link");
    }

    @Test
    void aFragmentOfALaterFileVerifiesUnanchored() {
        VerifyReport report = verify(lines(6).subList(3, 6));

        assertThat(report.ok()).isTrue();
        assertThat(report.anchored()).isFalse();
        assertThat(report.firstSeq()).isEqualTo(4);
    }

    @Test
    void aCostComesBackWithEveryDigit() {
        AuditRecord precise = record(1).toBuilder().costUsd(new BigDecimal("0.0000073500")).build();

        AuditChain.Link link = AuditChain.parseLine(new String(AuditChain.link(precise, 1, AuditChain.GENESIS).line(),
                StandardCharsets.UTF_8));

        assertThat(link.record().costUsd()).isEqualTo(new BigDecimal("0.0000073500"));
    }
}
