package dev.sluice.plugins.audit.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.audit.AuditChain;
import dev.sluice.spi.audit.AuditLog;
import dev.sluice.spi.audit.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotationTest {
    private static final long LINE = AuditChain.link(Records.record("req-0"), 1, AuditChain.GENESIS).line().length;

    @TempDir
    Path home;

    private final TestClock clock = new TestClock(Instant.parse("2026-11-25T10:15:00.500Z"));

    private void write(AuditLog log, int from, int to) throws InterruptedException {
        for (int i = from; i < to; i++) {
            log.write(Records.record("req-" + i));
        }
    }

    @Test
    void rotatesBySizeAndTheChainRunsOnAcrossFiles() throws Exception {
        try (AuditLog log = Sinks.open(home, clock, Map.of("max_file_size", 3 * LINE + 10))) {
            write(log, 0, 10);
        }

        List<Path> files = Sinks.files(home.resolve("audit"));
        assertThat(files).hasSize(4);
        for (Path file : files) {
            assertThat(Files.size(file)).isLessThanOrEqualTo(3 * LINE + 10);
        }
        assertThat(Sinks.requestIds(home.resolve("audit")))
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 10).mapToObj(i -> "req-" + i).toList());
        VerifyReport report = Sinks.verify(home.resolve("audit"));
        assertThat(report.ok()).as("%s", report.problems()).isTrue();
        assertThat(report.anchored()).isTrue();
        assertThat(report.records()).isEqualTo(10);
        assertThat(report.lastSeq()).isEqualTo(10);
    }

    @Test
    void namesTheFilesByStartTimeAndNumber() throws Exception {
        try (AuditLog log = Sinks.open(home, clock, Map.of("max_file_size", LINE))) {
            write(log, 0, 2);
        }

        assertThat(Sinks.files(home.resolve("audit"))).extracting(p -> p.getFileName().toString())
                .containsExactly("audit-20261125T101500Z-000001.jsonl", "audit-20261125T101500Z-000002.jsonl");
    }

    @Test
    void aRecordLargerThanAFileGetsAFileOfItsOwn() throws Exception {
        try (AuditLog log = Sinks.open(home, clock, Map.of("max_file_size", 100))) {
            write(log, 0, 3);
        }

        assertThat(Sinks.files(home.resolve("audit"))).hasSize(3);
        assertThat(Sinks.verify(home.resolve("audit")).ok()).isTrue();
    }

    @Test
    void rotatesByTimeOnTheGatewayClock() throws Exception {
        try (AuditLog log = Sinks.open(home, clock, Map.of("rotate_every", "1h"))) {
            write(log, 0, 3);
            log.flush();
            clock.advance(Duration.ofMinutes(59));
            write(log, 3, 5);
            log.flush();
            assertThat(Sinks.files(home.resolve("audit"))).hasSize(1);

            clock.advance(Duration.ofMinutes(1));
            write(log, 5, 8);
        }

        assertThat(Sinks.files(home.resolve("audit"))).extracting(p -> p.getFileName().toString())
                .containsExactly("audit-20261125T101500Z-000001.jsonl", "audit-20261125T111500Z-000002.jsonl");
        assertThat(Files.readAllLines(Sinks.files(home.resolve("audit")).get(1))).hasSize(3);
        VerifyReport report = Sinks.verify(home.resolve("audit"));
        assertThat(report.ok()).as("%s", report.problems()).isTrue();
        assertThat(report.records()).isEqualTo(8);
    }

    @Test
    void aReopenedFileOlderThanTheRotationTimeIsClosedAtTheFirstWrite() throws Exception {
        try (AuditLog log = Sinks.open(home, clock, Map.of("rotate_every", "1d"))) {
            write(log, 0, 2);
        }
        clock.advance(Duration.ofDays(2));
        try (AuditLog log = Sinks.open(home, clock, Map.of("rotate_every", "1d"))) {
            write(log, 2, 4);
        }

        assertThat(Sinks.files(home.resolve("audit"))).extracting(p -> p.getFileName().toString())
                .containsExactly("audit-20261125T101500Z-000001.jsonl", "audit-20261127T101500Z-000002.jsonl");
        assertThat(Sinks.verify(home.resolve("audit")).ok()).isTrue();
    }

    @Test
    void fileNamesSortInWriteOrderEvenWhenTheClockStepsBack() throws Exception {
        try (AuditLog log = Sinks.open(home, clock, Map.of("max_file_size", LINE))) {
            write(log, 0, 1);
            log.flush();
            clock.advance(Duration.ofHours(-3));
            write(log, 1, 3);
        }

        assertThat(Sinks.files(home.resolve("audit"))).extracting(p -> p.getFileName().toString())
                .containsExactly("audit-20261125T101500Z-000001.jsonl", "audit-20261125T101500Z-000002.jsonl",
                        "audit-20261125T101500Z-000003.jsonl");
        assertThat(Sinks.requestIds(home.resolve("audit"))).containsExactly("req-0", "req-1", "req-2");
    }

    @Test
    void retentionDeletesFilesWhoseRecordsAreAllOlder() throws Exception {
        Map<String, Object> settings = Map.of("rotate_every", "1d", "retention", "2d");
        try (AuditLog log = Sinks.open(home, clock, settings)) {
            for (int day = 0; day < 4; day++) {
                write(log, day * 2, day * 2 + 2);
                log.flush();
                clock.advance(Duration.ofDays(1));
            }
        }
        // Day 0's file was closed when day 1's began, two days before day 3's began: it went then.
        assertThat(Sinks.files(home.resolve("audit"))).extracting(p -> p.getFileName().toString())
                .containsExactly("audit-20261126T101500Z-000002.jsonl", "audit-20261127T101500Z-000003.jsonl",
                        "audit-20261128T101500Z-000004.jsonl");

        clock.advance(Duration.ofDays(10));
        AuditLog reopened = Sinks.open(home, clock, settings);
        assertThat(Sinks.files(home.resolve("audit"))).hasSize(1);
        reopened.close();
        VerifyReport report = Sinks.verify(home.resolve("audit"));
        assertThat(report.ok()).as("%s", report.problems()).isTrue();
        assertThat(report.anchored()).isFalse();
        assertThat(report.firstSeq()).isEqualTo(7);
    }

    @Test
    void withoutRetentionEveryFileStays() throws Exception {
        try (AuditLog log = Sinks.open(home, clock, Map.of("rotate_every", "1h"))) {
            for (int hour = 0; hour < 5; hour++) {
                write(log, hour, hour + 1);
                log.flush();
                clock.advance(Duration.ofDays(30));
            }
        }

        assertThat(Sinks.files(home.resolve("audit"))).hasSize(5);
    }
}
