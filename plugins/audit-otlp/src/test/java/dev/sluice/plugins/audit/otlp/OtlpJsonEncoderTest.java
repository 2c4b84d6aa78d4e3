package dev.sluice.plugins.audit.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.audit.AuditAttempt;
import dev.sluice.spi.audit.AuditRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpJsonEncoderTest {

    /** A failover: openai answered 503, azure answered; ids come from a seeded generator. */
    private static byte[] encodedFailover() {
        AuditRecord record = Fixtures.chat("req-golden").provider("azure").sessionId("agent-42")
                .failoverAttempted(true).attempts(List.of(
                        new AuditAttempt("openai", "gpt-4o", 503, "upstream unavailable", 120),
                        new AuditAttempt("azure", "gpt-4o", 200, null, 700))).build();
        SpanLayout layout = new SpanLayout(new ProviderNames(Map.of()), new SpanIds(42));
        return new OtlpJsonEncoder("sluice").encode(layout.spans(record));
    }

    @Test
    void encodesARecordAsTheGoldenOtlpJson() throws IOException {
        byte[] actual = encodedFailover();
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "failover.actual.json"), actual); // for a look when the test fails

        JsonNode expected;
        try (InputStream in = getClass().getResourceAsStream("failover.otlp.json")) {
            expected = Fixtures.JSON.readTree(in);
        }
        assertThat(Fixtures.JSON.readTree(actual)).isEqualTo(expected);
    }

    @Test
    void followsTheOtlpJsonEncodingRules() throws IOException {
        JsonNode span = Fixtures.JSON.readTree(encodedFailover())
                .at("/resourceSpans/0/scopeSpans/0/spans/1");

        assertThat(span.get("traceId").asText()).matches("[0-9a-f]{32}");
        assertThat(span.get("spanId").asText()).matches("[0-9a-f]{16}");
        assertThat(span.get("kind").isInt()).as("enums are integers").isTrue();
        assertThat(span.get("status").get("code").isInt()).isTrue();
        assertThat(span.get("startTimeUnixNano").isTextual()).as("64-bit integers are decimal strings").isTrue();
        assertThat(span.has("start_time_unix_nano")).as("keys are lowerCamelCase").isFalse();
    }
}
