package dev.sluice.plugins.audit.sql;

import dev.sluice.spi.audit.AuditQuery;
import dev.sluice.spi.audit.AuditRecord;
import dev.sluice.spi.audit.AuditSummary;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

/** Records, queries and expectations shared by the tests. */
class Fixtures {

    static Instant at(int minute) {
        return Instant.parse("2026-02-01T00:00:00Z").plusSeconds(60L * minute);
    }

    static List<AuditRecord> simpleRecords(int count) {
        List<AuditRecord> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            out.add(Records.simple("req_" + i, at(i)));
        }
        return out;
    }

    static List<AuditRecord> byTime(List<AuditRecord> records) {
        return records.stream().sorted(Comparator.comparing(AuditRecord::timestamp)).toList();
    }

    static boolean inQ1(AuditRecord r) {
        return !r.timestamp().isBefore(Records.Q1_START) && r.timestamp().isBefore(Records.Q1_END);
    }

    static AuditQuery unlimited() {
        return query(q -> q);
    }

    static AuditQuery query(Function<QueryBuilder, QueryBuilder> filters) {
        return filters.apply(new QueryBuilder()).build();
    }

    static List<AuditSummary> expectedSummaries(List<AuditRecord> records, AuditQuery query,
            Function<AuditRecord, String> key) {
        Map<Optional<String>, List<AuditRecord>> groups = new LinkedHashMap<>();
        for (AuditRecord r : records) {
            if (query.matches(r)) {
                groups.computeIfAbsent(Optional.ofNullable(key.apply(r)), k -> new ArrayList<>()).add(r);
            }
        }
        List<AuditSummary> out = new ArrayList<>();
        groups.forEach((group, members) -> out.add(new AuditSummary(group.orElse(null), members.size(),
                members.stream().filter(Predicate.not(AuditRecord::succeeded)).count(),
                members.stream().mapToLong(r -> r.promptTokens() == null ? 0 : r.promptTokens()).sum(),
                members.stream().mapToLong(r -> r.completionTokens() == null ? 0 : r.completionTokens()).sum(),
                Dialect.plain(members.stream().map(r -> r.costUsd() == null ? BigDecimal.ZERO : r.costUsd())
                        .reduce(BigDecimal.ZERO, BigDecimal::add)))));
        out.sort(Comparator.comparing(AuditSummary::group, Comparator.nullsLast(Comparator.naturalOrder())));
        return out;
    }

    static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(5);
        }
    }
}
