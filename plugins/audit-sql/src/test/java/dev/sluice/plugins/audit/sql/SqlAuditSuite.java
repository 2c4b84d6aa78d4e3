package dev.sluice.plugins.audit.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.audit.AuditLog;
import dev.sluice.spi.audit.AuditQuery;
import dev.sluice.spi.audit.AuditRecord;
import dev.sluice.spi.audit.AuditStats;
import dev.sluice.spi.audit.AuditStore;
import dev.sluice.spi.audit.AuditSummary;
import dev.sluice.spi.audit.VerifyReport;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.json.Json;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour of the {@code sql} sink, the same on every database: each subclass names one
 * (SQLite in a file, a real PostgreSQL server). Every test writes its own table.
 */
abstract class SqlAuditSuite extends Fixtures {
    private static final AtomicInteger TABLES = new AtomicInteger();

    @TempDir
    Path home;
    String table;

    /** The JDBC URL of the test database. */
    abstract String url();

    /** Adds the credentials the database needs to sink settings. */
    abstract void credentials(ObjectNode settings);

    /** The location {@code sluice audit query} would be given for a table. */
    abstract String location(String table);

    @BeforeEach
    void newTable() {
        table = "audit_" + getClass().getSimpleName().toLowerCase().replace("audittest", "") + "_"
                + TABLES.incrementAndGet();
    }

    @Test
    void concurrentWritersLoseNothingAndTheChainVerifies() throws Exception {
        int threads = 16;
        int each = 250;
        List<Thread> writers = new ArrayList<>();
        try (AuditLog log = open(settings().put("batch_size", 64))) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < each; i++) {
                        try {
                            log.write(Records.simple("req_" + thread + "_" + i, Instant.now()));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }));
            }
            for (Thread writer : writers) {
                writer.join();
            }
            log.flush();
            assertThat(log.stats().written()).isEqualTo(threads * each);
            assertThat(log.stats().dropped()).isZero();
        }
        try (AuditStore store = store()) {
            VerifyReport report = store.verify();
            assertThat(report.ok()).as("%s", report.problems()).isTrue();
            assertThat(report.records()).isEqualTo(threads * each);
            assertThat(report.anchored()).isTrue();
            assertThat(report.lastSeq()).isEqualTo(threads * each);
            assertThat(store.query(unlimited()).stream().map(AuditRecord::requestId).distinct().count())
                    .isEqualTo(threads * each);
        }
    }

    @Test
    void reopeningContinuesTheChain() throws Exception {
        writeAll(settings(), List.of(Records.simple("a1", at(1)), Records.simple("a2", at(2))));
        String firstHash;
        try (AuditStore store = store()) {
            firstHash = store.verify().lastHash();
        }
        writeAll(settings(), List.of(Records.simple("b1", at(3)), Records.simple("b2", at(4)),
                Records.simple("b3", at(5))));
        try (AuditStore store = store()) {
            VerifyReport report = store.verify();
            assertThat(report.ok()).as("%s", report.problems()).isTrue();
            assertThat(report.records()).isEqualTo(5);
            assertThat(report.firstSeq()).isEqualTo(1);
            assertThat(report.lastSeq()).isEqualTo(5);
            assertThat(rowValue("SELECT prev_hash FROM " + table + " WHERE seq = 3")).isEqualTo(firstHash);
        }
    }

    @Test
    void gatewaysWritingOneTableKeepOneChainEach() throws Exception {
        try (AuditLog eu = open(settings().put("chain", "eu-1")); AuditLog us = open(settings().put("chain", "us-1"))) {
            for (int i = 0; i < 20; i++) {
                eu.write(Records.simple("eu_" + i, at(i)));
                us.write(Records.simple("us_" + i, at(i)));
            }
        }
        try (AuditLog eu = open(settings().put("chain", "eu-1"))) {
            eu.write(Records.simple("eu_20", at(21)));
        }
        try (AuditStore store = store()) {
            VerifyReport report = store.verify();
            assertThat(report.ok()).as("%s", report.problems()).isTrue();
            assertThat(report.records()).isEqualTo(41);
            assertThat(report.anchored()).isTrue();
            assertThat(rowValue("SELECT MAX(seq) FROM " + table + " WHERE chain = 'eu-1'")).isEqualTo("21");
            assertThat(rowValue("SELECT MAX(seq) FROM " + table + " WHERE chain = 'us-1'")).isEqualTo("20");
        }
    }

    @Test
    void queriedRecordsEqualTheRecordsWritten() throws Exception {
        List<AuditRecord> seeded = Records.seeded();
        writeAll(settings(), seeded);
        try (AuditStore store = store()) {
            assertThat(store.query(unlimited())).containsExactlyElementsOf(byTime(seeded));
        }
    }

    @Test
    void auditorFindsEveryPiiRequestOfATeamInAQuarter() throws Exception {
        List<AuditRecord> seeded = Records.seeded();
        writeAll(settings(), seeded);
        AuditQuery q1Pii = query(q -> q.from(Records.Q1_START).to(Records.Q1_END).team("risk").pii(true));
        List<AuditRecord> expected = byTime(seeded.stream().filter(r -> "risk".equals(r.team()) && r.piiDetected()
                && !r.timestamp().isBefore(Records.Q1_START) && r.timestamp().isBefore(Records.Q1_END)).toList());
        try (AuditStore store = store()) {
            List<AuditRecord> found = store.query(q1Pii);
            assertThat(found).containsExactlyElementsOf(expected);
            assertThat(found).extracting(AuditRecord::requestId).contains("edge_q1_first", "edge_q1_last")
                    .doesNotContain("edge_q1_before", "edge_q1_after");
            // The seeded data has decoys of every kind: other teams, no PII, outside the quarter.
            assertThat(seeded).anyMatch(r -> !"risk".equals(r.team()) && r.piiDetected() && inQ1(r));
            assertThat(seeded).anyMatch(r -> "risk".equals(r.team()) && !r.piiDetected() && inQ1(r));
            assertThat(seeded).anyMatch(r -> "risk".equals(r.team()) && r.piiDetected() && !inQ1(r));
            assertThat(expected).hasSizeGreaterThan(5);
        }
    }

    @Test
    void auditorSumsSpendByProjectForLastMonthExactly() throws Exception {
        List<AuditRecord> seeded = Records.seeded();
        writeAll(settings(), seeded);
        AuditQuery october = query(q -> q.from(Records.OCTOBER).to(Records.NOVEMBER));
        Map<String, BigDecimal> expected = new LinkedHashMap<>();
        for (AuditRecord r : seeded) {
            if (!r.timestamp().isBefore(Records.OCTOBER) && r.timestamp().isBefore(Records.NOVEMBER)) {
                expected.merge(String.valueOf(r.project()), r.costUsd() == null ? BigDecimal.ZERO : r.costUsd(),
                        BigDecimal::add);
            }
        }
        try (AuditStore store = store()) {
            List<AuditSummary> spend = store.summarize(october, "project");
            Map<String, BigDecimal> found = new LinkedHashMap<>();
            spend.forEach(s -> found.put(String.valueOf(s.group()), s.costUsd()));
            assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((project, cost) -> assertThat(found.get(project)).as(project)
                    .isEqualByComparingTo(cost));
            // Twelve decimals survive the sum: the edge records cost 1.000000000001 each.
            assertThat(found.get("atlas").scale()).isGreaterThanOrEqualTo(12);
        }
    }

    @Test
    void everyFilterSelectsExactlyWhatAuditQueryMatches() throws Exception {
        List<AuditRecord> seeded = Records.seeded();
        writeAll(settings(), seeded);
        Instant subMilli = Instant.parse("2026-03-10T12:00:00.000500001Z");
        Map<String, AuditQuery> queries = new LinkedHashMap<>();
        queries.put("from", query(q -> q.from(Records.Q1_END)));
        queries.put("to", query(q -> q.to(Records.Q1_START)));
        queries.put("from and to within a millisecond", query(q -> q.from(subMilli).to(subMilli.plusSeconds(86_400 * 40))));
        queries.put("to within a millisecond", query(q -> q.to(Records.Q1_END.minusNanos(1))));
        queries.put("team", query(q -> q.team("growth")));
        queries.put("project", query(q -> q.project("cygnus")));
        queries.put("user", query(q -> q.user("chloe")));
        queries.put("model requested", query(q -> q.model("claude-sonnet")));
        queries.put("model served", query(q -> q.model("gpt-4o-2024-08-06")));
        queries.put("model by route", query(q -> q.model("local")));
        queries.put("session", query(q -> q.session("sess_3")));
        queries.put("status ok", query(q -> q.status("ok")));
        queries.put("status error", query(q -> q.status("error")));
        queries.put("status 429", query(q -> q.status("429")));
        queries.put("status 200", query(q -> q.status("200")));
        queries.put("status not a number", query(q -> q.status("teapot")));
        queries.put("any guardrail", query(q -> q.guardrail("any")));
        queries.put("one guardrail", query(q -> q.guardrail("toxicity")));
        queries.put("unknown guardrail", query(q -> q.guardrail("jailbreak")));
        queries.put("pii", query(q -> q.pii(true)));
        queries.put("no pii", query(q -> q.pii(false)));
        queries.put("cost above", query(q -> q.costAbove(new BigDecimal("0.125"))));
        queries.put("cost above, to the picodollar", query(q -> q.costAbove(new BigDecimal("1.000000000000"))));
        queries.put("everything at once", query(q -> q.from(Records.Q1_START).to(Records.NOVEMBER).team("risk")
                .project("atlas").status("ok").pii(false).costAbove(new BigDecimal("0.1"))));
        try (AuditStore store = store()) {
            queries.forEach((name, query) -> {
                List<AuditRecord> expected = byTime(seeded.stream().filter(query::matches).toList());
                assertThat(store.query(query)).as(name).containsExactlyElementsOf(expected);
            });
            assertThat(queries.values()).allMatch(q -> seeded.stream().anyMatch(q::matches)
                    || q.status().isPresent() || q.guardrail().isPresent());
            AuditQuery limited = query(q -> q.team("risk").limit(7));
            assertThat(store.query(limited)).containsExactlyElementsOf(
                    byTime(seeded.stream().filter(limited::matches).toList()).subList(0, 7));
        }
    }

    @Test
    void summariesGroupByEveryFieldWithExactTotals() throws Exception {
        List<AuditRecord> seeded = Records.seeded();
        writeAll(settings(), seeded);
        Map<String, Function<AuditRecord, String>> groups = new LinkedHashMap<>();
        groups.put("team", AuditRecord::team);
        groups.put("project", AuditRecord::project);
        groups.put("user", AuditRecord::userId);
        groups.put("model", r -> r.modelServed() != null ? r.modelServed() : r.modelRequested());
        groups.put("provider", AuditRecord::provider);
        groups.put("key", AuditRecord::keyId);
        groups.put("day", r -> LocalDate.ofInstant(r.timestamp(), ZoneOffset.UTC).toString());
        AuditQuery filter = query(q -> q.from(Records.Q1_START).status("error").pii(false));
        try (AuditStore store = store()) {
            for (AuditQuery query : List.of(unlimited(), filter)) {
                groups.forEach((groupBy, key) -> assertThat(store.summarize(query, groupBy)).as(groupBy)
                        .containsExactlyElementsOf(expectedSummaries(seeded, query, key)));
            }
        }
    }

    @Test
    void summarizeRejectsAnUnknownGroup() throws Exception {
        writeAll(settings(), List.of(Records.simple("a", at(1))));
        try (AuditStore store = store()) {
            assertThatThrownBy(() -> store.summarize(unlimited(), "colour"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("team, project");
        }
    }

    @Test
    void unusualValuesRoundTripAndVerify() throws Exception {
        AuditRecord odd = AuditRecord.builder("odd", at(1)).team("nul\0team").project("ünïcødé 🚀")
                .latencyMs(Double.NaN).gatewayOverheadMs(-0.0).costUsd(new BigDecimal("1E-15"))
                .error("line one\nline two").status(200).build();
        writeAll(settings(), List.of(odd, Records.simple("plain", at(2))));
        try (AuditStore store = store()) {
            VerifyReport report = store.verify();
            assertThat(report.ok()).as("%s", report.problems()).isTrue();
            assertThat(store.query(query(q -> q.team("nul\0team")))).containsExactly(odd);
            assertThat(store.query(query(q -> q.status("error")))).containsExactly(odd);
        }
    }

    @Test
    void verifyFindsAColumnUpdatedAlone() throws Exception {
        writeAll(settings(), simpleRecords(6));
        execute("UPDATE " + table + " SET team = 'growth' WHERE seq = 3");
        assertProblem("column team is 'growth' but the record says 'risk'");
    }

    @Test
    void verifyFindsACostUpdatedAlone() throws Exception {
        writeAll(settings(), simpleRecords(6));
        execute("UPDATE " + table + " SET cost_usd = '0.000001' WHERE seq = 2");
        assertProblem("column cost_usd does not match");
    }

    @Test
    void verifyFindsAnEditedRecordBody() throws Exception {
        writeAll(settings(), simpleRecords(6));
        // The body and its column edited together: only the hash can tell.
        execute("UPDATE " + table + " SET record = REPLACE(record, '\"team\":\"risk\"', '\"team\":\"growth\"'),"
                + " team = 'growth' WHERE seq = 4");
        assertProblem("record 4 was changed after it was written");
    }

    @Test
    void verifyFindsADeletedRow() throws Exception {
        writeAll(settings(), simpleRecords(6));
        execute("DELETE FROM " + table + " WHERE seq = 3");
        assertProblem("record 4 follows record 2 (records removed)");
    }

    @Test
    void verifyFindsTwoRowsWithSwappedContent() throws Exception {
        writeAll(settings(), simpleRecords(6));
        swapRows(2, 3);
        assertProblem("record 2 follows record 3");
    }

    @Test
    void verifyFindsARemovedGuardrailRow() throws Exception {
        AuditRecord flagged = AuditRecord.builder("flagged", at(1)).piiDetected(true)
                .guardrailsTriggered(List.of(Records.EMAIL, Records.TOXIC)).build();
        writeAll(settings(), List.of(flagged, Records.simple("plain", at(2))));
        execute("DELETE FROM " + table + "_guardrails WHERE guardrail = 'toxicity'");
        assertProblem("do not match the record's guardrails_triggered");
    }

    @Test
    void retentionThatDeletesAChainPrefixKeepsTheRestVerifiable() throws Exception {
        writeAll(settings(), simpleRecords(10));
        // docs/audit/sql.md: delete whole prefixes of each chain, never single rows by time.
        execute("DELETE FROM " + table + " WHERE chain = 'default' AND seq < (SELECT MIN(seq) FROM " + table
                + " WHERE chain = 'default' AND ts >= " + at(5).toEpochMilli() + ")");
        try (AuditStore store = store()) {
            VerifyReport report = store.verify();
            assertThat(report.ok()).as("%s", report.problems()).isTrue();
            assertThat(report.anchored()).isFalse();
            assertThat(report.firstSeq()).isEqualTo(5);
            assertThat(report.records()).isEqualTo(6);
        }
    }

    @Test
    void aFullQueueMakesWritersWaitAndDropsNothing() throws Exception {
        SinkSettings s = sinkSettings(settings().put("queue_capacity", 2).put("batch_size", 1));
        FaultyConnector connector = new FaultyConnector(s.database()).close();
        List<Thread> writers = new ArrayList<>();
        try (AuditLog log = SqlAuditSink.open(s, connector)) {
            for (int i = 0; i < 12; i++) {
                AuditRecord record = Records.simple("bp_" + i, at(i));
                writers.add(Thread.ofVirtual().start(() -> {
                    try {
                        log.write(record);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            awaitTrue(() -> log.stats().waits() > 0 && log.stats().queued() >= 2);
            assertThat(writers).anyMatch(Thread::isAlive);
            assertThat(log.stats().capacity()).isEqualTo(2);
            connector.open();
            for (Thread writer : writers) {
                writer.join();
            }
            log.flush();
            AuditStats stats = log.stats();
            assertThat(stats.written()).isEqualTo(12);
            assertThat(stats.dropped()).isZero();
            assertThat(stats.queued()).isZero();
        }
        try (AuditStore store = store()) {
            assertThat(store.verify().records()).isEqualTo(12);
        }
    }

    @Test
    void failedBatchesAreRetriedWithTheirRecords() throws Exception {
        SinkSettings s = sinkSettings(settings().put("batch_size", 4));
        FaultyConnector connector = new FaultyConnector(s.database()).failNext(3);
        try (AuditLog log = SqlAuditSink.open(s, connector)) {
            for (AuditRecord record : simpleRecords(10)) {
                log.write(record);
            }
            log.flush();
            assertThat(log.stats().failed()).isGreaterThanOrEqualTo(3);
            assertThat(log.stats().written()).isEqualTo(10);
            assertThat(log.stats().dropped()).isZero();
        }
        try (AuditStore store = store()) {
            VerifyReport report = store.verify();
            assertThat(report.ok()).as("%s", report.problems()).isTrue();
            assertThat(store.query(unlimited())).containsExactlyElementsOf(simpleRecords(10));
        }
    }

    @Test
    void aCommitWhoseAnswerWasLostIsNotWrittenTwice() throws Exception {
        SinkSettings s = sinkSettings(settings().put("batch_size", 100));
        FaultyConnector connector = new FaultyConnector(s.database()).loseNextCommitAnswer();
        try (AuditLog log = SqlAuditSink.open(s, connector)) {
            for (AuditRecord record : simpleRecords(5)) {
                log.write(record);
            }
            log.flush();
            assertThat(log.stats().failed()).isEqualTo(1);
            assertThat(log.stats().written()).isEqualTo(5);
        }
        try (AuditStore store = store()) {
            VerifyReport report = store.verify();
            assertThat(report.ok()).as("%s", report.problems()).isTrue();
            assertThat(report.records()).isEqualTo(5);
        }
    }

    @Test
    void closeWritesEverythingStillQueued() throws Exception {
        SinkSettings s = sinkSettings(settings().put("batch_size", 3));
        FaultyConnector connector = new FaultyConnector(s.database()).close();
        AuditLog log = SqlAuditSink.open(s, connector);
        for (AuditRecord record : simpleRecords(40)) {
            log.write(record);
        }
        assertThat(log.stats().queued()).isEqualTo(40);
        connector.open();
        log.close();
        assertThat(log.stats().written()).isEqualTo(40);
        assertThat(log.stats().queued()).isZero();
        try (AuditStore store = store()) {
            assertThat(store.verify().records()).isEqualTo(40);
        }
    }

    @Test
    void closeGivesUpOnAnUnreachableDatabaseAfterCloseTimeoutAndCountsTheLoss() throws Exception {
        SinkSettings s = sinkSettings(settings().put("close_timeout", "200ms"));
        FaultyConnector connector = new FaultyConnector(s.database()).unreachable();
        AuditLog log = SqlAuditSink.open(s, connector);
        for (AuditRecord record : simpleRecords(5)) {
            log.write(record);
        }
        awaitTrue(() -> log.stats().failed() > 0);
        log.close();
        AuditStats stats = log.stats();
        assertThat(stats.dropped()).isEqualTo(5);
        assertThat(stats.written()).isZero();
        assertThatThrownBy(() -> log.write(Records.simple("late", at(9))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void flushMakesEverythingWrittenVisibleToReaders() throws Exception {
        try (AuditLog log = open(settings())) {
            for (AuditRecord record : simpleRecords(3)) {
                log.write(record);
            }
            log.flush();
            assertThat(log.stats().queued()).isZero();
            try (AuditStore store = store()) {
                assertThat(store.query(unlimited())).hasSize(3);
            }
        }
    }

    // ---- settings, logs, stores and edits of the test table ----

    ObjectNode settings() {
        ObjectNode node = Json.mapper().createObjectNode().put("url", url()).put("table", table);
        credentials(node);
        return node;
    }

    SinkSettings sinkSettings(ObjectNode node) {
        return SinkSettings.read(Settings.of(node), new FakeContext(home));
    }

    AuditLog open(ObjectNode node) {
        return new SqlAuditSink().open(Settings.of(node), new FakeContext(home));
    }

    AuditStore store() {
        return new SqlAuditSink().store(location(table)).orElseThrow();
    }

    void writeAll(ObjectNode node, List<AuditRecord> records) throws InterruptedException {
        try (AuditLog log = open(node)) {
            for (AuditRecord record : records) {
                log.write(record);
            }
        }
    }

    void assertProblem(String problem) {
        try (AuditStore store = store()) {
            VerifyReport report = store.verify();
            assertThat(report.ok()).isFalse();
            assertThat(report.problems()).anyMatch(p -> p.contains(problem));
        }
    }

    Database database() {
        return sinkSettings(settings()).database();
    }

    void execute(String sql) throws SQLException {
        new TableEdits(database(), table).execute(sql);
    }

    String rowValue(String sql) throws SQLException {
        return new TableEdits(database(), table).value(sql);
    }

    void swapRows(long seqA, long seqB) throws SQLException {
        new TableEdits(database(), table).swap(seqA, seqB);
    }
}
