package dev.sluice.plugins.audit.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.audit.AuditLog;
import dev.sluice.spi.audit.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailedWriteTest {
    @TempDir
    Path home;

    private final TestClock clock = new TestClock(Records.T0);

    @Test
    void aFailedWriteKeepsItsRecordsAndIsRetriedUntilItWorks() throws Exception {
        Path folder = home.resolve("audit");
        try (LogCapture logs = LogCapture.of(FailureStreak.class);
                AuditLog log = Sinks.open(home, clock, Map.of("max_file_size", 1))) {
            log.write(Records.record("req-1"));
            log.flush();
            // Every record needs a new file; a folder where the next file must go makes creating it fail.
            Path obstacle = Files.createDirectory(folder.resolve("audit-20261125T101500Z-000002.jsonl"));
            log.write(Records.record("req-2"));
            log.write(Records.record("req-3"));
            Sinks.await("several attempts failed", Duration.ofSeconds(10), () -> log.stats().failed() >= 3);
            assertThat(log.stats().written()).isEqualTo(1);
            assertThat(log.stats().queued()).isEqualTo(2);

            Files.delete(obstacle);
            log.flush();

            assertThat(log.stats().written()).isEqualTo(3);
            assertThat(log.stats().dropped()).isZero();
            assertThat(logs.messages(Level.WARNING)).singleElement().asString().contains("cannot write");
            assertThat(logs.messages(Level.INFO)).singleElement().asString().contains("writing again after");
        }

        assertThat(Sinks.requestIds(folder)).containsExactly("req-1", "req-2", "req-3");
        VerifyReport report = Sinks.verify(folder);
        assertThat(report.ok()).as("%s", report.problems()).isTrue();
        assertThat(report.records()).isEqualTo(3);
    }
}
