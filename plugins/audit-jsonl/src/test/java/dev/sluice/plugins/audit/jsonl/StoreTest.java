package dev.sluice.plugins.audit.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.audit.AuditLog;
import dev.sluice.spi.audit.AuditQuery;
import dev.sluice.spi.audit.AuditRecord;
import dev.sluice.spi.audit.AuditStore;
import dev.sluice.spi.audit.AuditSummary;
import dev.sluice.spi.audit.VerifyReport;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
    @TempDir
    Path home;

    private final JsonlSink sink = new JsonlSink();

    private Path folder() {
        return home.resolve("audit");
    }

    private void write(AuditRecord... records) throws InterruptedException {
        try (AuditLog log = Sinks.open(home, new TestClock(Records.T0), Map.of("max_file_size", "4KB"))) {
            for (AuditRecord r : records) {
                log.write(r);
            }
        }
    }

    private void writeTen() throws InterruptedException {
        AuditRecord[] records = new AuditRecord[10];
        for (int i = 0; i < 10; i++) {
            records[i] = Records.record("req-" + i);
        }
        write(records);
    }

    private static AuditQuery query(Optional<String> team, Optional<String> status, int limit) {
        return new AuditQuery(Optional.empty(), Optional.empty(), team, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), status, Optional.empty(), Optional.empty(), Optional.empty(),
                limit);
    }

    @Test
    void claimsAFolderOfJsonLinesFilesAndASingleFile() throws Exception {
        writeTen();

        assertThat(sink.store(folder().toString())).isPresent();
        assertThat(sink.store(Sinks.files(folder()).getFirst().toString())).isPresent();
    }

    @Test
    void leavesEverythingElseToOtherSinks() throws Exception {
        Files.createDirectories(home.resolve("empty"));
        Files.writeString(home.resolve("audit.db"), "not ours");

        assertThat(sink.store(home.resolve("empty").toString())).isEmpty();
        assertThat(sink.store(home.resolve("audit.db").toString())).isEmpty();
        assertThat(sink.store(home.resolve("missing").toString())).isEmpty();
        assertThat(sink.store("jdbc:sqlite:data/audit.db")).isEmpty();
        assertThat(sink.store("http://127.0.0.1:4318")).isEmpty();
        assertThat(sink.store("\0")).isEmpty();
    }

    @Test
    void verifiesTheWholeChainAcrossFiles() throws Exception {
        writeTen();
        assertThat(Sinks.files(folder())).hasSizeGreaterThan(2);

        VerifyReport report = Sinks.verify(folder());

        assertThat(report).isEqualTo(new VerifyReport(10, 1, 10, Sinks.links(folder()).getLast().hash(), true, 0,
                List.of()));
    }

    @Test
    void aSingleLaterFileIsVerifiedAsAFragment() throws Exception {
        writeTen();
        Path second = Sinks.files(folder()).get(1);

        VerifyReport report = Sinks.verify(second);

        assertThat(report.ok()).isTrue();
        assertThat(report.anchored()).isFalse();
        assertThat(report.firstSeq()).isGreaterThan(1);
    }

    @Test
    void aFileMissingFromTheMiddleOfTheFolderFailsVerify() throws Exception {
        writeTen();
        Path second = Sinks.files(folder()).get(1);
        Files.delete(second);

        VerifyReport report = Sinks.verify(folder());

        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).first().asString().contains("(records removed)");
    }

    @Test
    void anIncompleteLastLineIsSkippedAndLoggedNotReportedAsAProblem() throws Exception {
        writeTen();
        Path last = Sinks.files(folder()).getLast();
        Files.writeString(last, "{\"seq\":11,\"request_id\":\"req-", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        try (LogCapture logs = LogCapture.of(JsonlStore.class)) {
            VerifyReport report = Sinks.verify(folder());

            assertThat(report.ok()).as("%s", report.problems()).isTrue();
            assertThat(report.records()).isEqualTo(10);
            assertThat(logs.messages(Level.INFO)).singleElement().asString()
                    .startsWith(last.getFileName() + ":" + (Files.readAllLines(last).size()) + ": skipped an incomplete last line");
        }
    }

    @Test
    void anIncompleteLineInsideTheChainIsAProblem() throws Exception {
        writeTen();
        Path first = Sinks.files(folder()).getFirst();
        Files.writeString(first, "{\"seq\":", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        VerifyReport report = Sinks.verify(folder());

        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).first().asString().contains(first.getFileName() + ":").contains("unreadable");
    }

    @Test
    void queryReturnsMatchingRecordsOldestFirstUpToTheLimit() throws Exception {
        write(Records.record("req-1"), Records.record("req-2").toBuilder().team("ads").build(),
                Records.record("req-3").toBuilder().status(429).error("rate limited").build(),
                Records.record("req-4"), Records.record("req-5"));

        try (AuditStore store = sink.store(folder().toString()).orElseThrow()) {
            assertThat(store.query(AuditQuery.ALL)).extracting(AuditRecord::requestId)
                    .containsExactly("req-1", "req-2", "req-3", "req-4", "req-5");
            assertThat(store.query(query(Optional.of("search"), Optional.empty(), 1000)))
                    .extracting(AuditRecord::requestId).containsExactly("req-1", "req-3", "req-4", "req-5");
            assertThat(store.query(query(Optional.empty(), Optional.of("error"), 1000)))
                    .extracting(AuditRecord::requestId).containsExactly("req-3");
            assertThat(store.query(query(Optional.of("search"), Optional.of("ok"), 2)))
                    .extracting(AuditRecord::requestId).containsExactly("req-1", "req-4");
        }
    }

    @Test
    void queryGivesBackEveryFieldAsWritten() throws Exception {
        AuditRecord written = Records.record("req-1");
        write(written);

        try (AuditStore store = sink.store(folder().toString()).orElseThrow()) {
            assertThat(store.query(AuditQuery.ALL)).containsExactly(written);
        }
    }

    @Test
    void summarizeTotalsEveryMatchingRecordByGroup() throws Exception {
        Instant day2 = Records.T0.plus(Duration.ofDays(1));
        write(Records.record("req-1"), Records.record("req-2").toBuilder().team("ads").build(),
                Records.record("req-3").toBuilder().status(500).error("upstream failed").costUsd(null).build(),
                Records.record("req-4", day2), Records.record("req-5").toBuilder().team(null).build());

        try (AuditStore store = sink.store(folder().toString()).orElseThrow()) {
            assertThat(store.summarize(AuditQuery.ALL, "team")).containsExactly(
                    new AuditSummary("ads", 1, 0, 120, 30, new BigDecimal("0.000036")),
                    new AuditSummary("search", 3, 1, 360, 90, new BigDecimal("0.000072")),
                    new AuditSummary(null, 1, 0, 120, 30, new BigDecimal("0.000036")));
            assertThat(store.summarize(AuditQuery.ALL, "day")).extracting(AuditSummary::group, AuditSummary::requests)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("2026-11-25", 4L),
                            org.assertj.core.groups.Tuple.tuple("2026-11-26", 1L));
            assertThat(store.summarize(query(Optional.empty(), Optional.empty(), 1), "model"))
                    .singleElement().extracting(AuditSummary::group, AuditSummary::requests)
                    .containsExactly("gpt-4o-mini", 5L);
        }
    }

    @Test
    void summarizeNamesTheGroupsItKnowsWhenGivenAnother() throws Exception {
        writeTen();

        try (AuditStore store = sink.store(folder().toString()).orElseThrow()) {
            assertThatThrownBy(() -> store.summarize(AuditQuery.ALL, "colour"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot group by \"colour\"; use one of team, project, user, model, provider, key, day");
        }
    }

    @Test
    void unreadableLinesAreLeftOutOfQueries() throws Exception {
        writeTen();
        Path first = Sinks.files(folder()).getFirst();
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(first));
        lines.set(0, "garbage");
        Files.write(first, lines);

        try (AuditStore store = sink.store(folder().toString()).orElseThrow()) {
            assertThat(store.query(AuditQuery.ALL)).hasSize(9);
        }
    }
}
