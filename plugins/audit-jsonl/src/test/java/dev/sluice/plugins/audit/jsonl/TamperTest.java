package dev.sluice.plugins.audit.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.audit.AuditLog;
import dev.sluice.spi.audit.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every change to a written file makes verify fail, naming the file and line. */
class TamperTest {
    @TempDir
    Path home;

    private Path file;
    private List<String> lines;

    @BeforeEach
    void writeFiveRecords() throws Exception {
        try (AuditLog log = Sinks.open(home, new TestClock(Records.T0), Map.of())) {
            for (int i = 1; i <= 5; i++) {
                log.write(Records.record("req-" + i));
            }
        }
        file = Sinks.files(home.resolve("audit")).getFirst();
        lines = new ArrayList<>(Files.readAllLines(file));
        assertThat(Sinks.verify(home.resolve("audit")).ok()).isTrue();
    }

    private VerifyReport verifyAfter() throws Exception {
        Files.write(file, lines);
        return Sinks.verify(home.resolve("audit"));
    }

    private String line(int number) {
        return file.getFileName() + ":" + number + ": ";
    }

    @Test
    void anEditedValueFailsNamingItsLine() throws Exception {
        lines.set(2, lines.get(2).replace("\"cost_usd\":0.000036", "\"cost_usd\":0.000001"));

        VerifyReport report = verifyAfter();

        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).first().asString()
                .isEqualTo(line(3) + "record 3 was changed after it was written (its hash does not match)");
        // Whether the next record is also reported as not linking depends on the verifier's rule
        // for edited records; nothing beyond it is.
        assertThat(report.problems()).allSatisfy(p -> assertThat(p).matches(
                java.util.regex.Pattern.quote(line(3)) + ".*|" + java.util.regex.Pattern.quote(line(4)) + ".*"));
    }

    @Test
    void aRemovedLineFailsNamingTheLineWhereTheGapIs() throws Exception {
        lines.remove(2);

        VerifyReport report = verifyAfter();

        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).isNotEmpty().allSatisfy(p -> assertThat(p).startsWith(line(3)));
        assertThat(report.problems()).anyMatch(p -> p.contains("record 4 follows record 2 (records removed)"));
    }

    @Test
    void twoSwappedLinesFailNamingTheFirstOfThem() throws Exception {
        String third = lines.get(2);
        lines.set(2, lines.get(3));
        lines.set(3, third);

        VerifyReport report = verifyAfter();

        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).first().asString().startsWith(line(3) + "record 4 follows record 2");
        assertThat(report.problems()).anyMatch(p -> p.startsWith(line(4)));
    }

    @Test
    void aRecordRemovedFromTheEndShowsInTheLastHash() throws Exception {
        String lastHash = Sinks.verify(home.resolve("audit")).lastHash();
        lines.removeLast();

        VerifyReport report = verifyAfter();

        assertThat(report.ok()).isTrue();
        assertThat(report.lastSeq()).isEqualTo(4);
        assertThat(report.lastHash()).isNotEqualTo(lastHash);
    }
}
