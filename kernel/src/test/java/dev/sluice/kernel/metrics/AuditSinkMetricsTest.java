package dev.sluice.kernel.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.kernel.route.health.HealthTracker;
import dev.sluice.spi.audit.AuditStats;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Each audit sink's queue and counters are read when the metrics are scraped. */
class AuditSinkMetricsTest {
    private final GatewayMetrics metrics = new GatewayMetrics(new HealthTracker(Clock.systemUTC()));

    @Test
    void aSinksQueueAndCountersAreLabelledWithItsName() {
        AtomicReference<AuditStats> stats = new AtomicReference<>(new AuditStats(3, 1024, 10, 1, 0, 2));
        metrics.auditSink("jsonl", stats::get);

        Samples first = Samples.parse(metrics.scrape());
        stats.set(new AuditStats(0, 1024, 14, 1, 0, 5));
        Samples later = Samples.parse(metrics.scrape());

        assertThat(first.value("sluice_audit_queue_depth", "sink", "jsonl")).isEqualTo(3);
        assertThat(first.value("sluice_audit_queue_capacity", "sink", "jsonl")).isEqualTo(1024);
        assertThat(first.value("sluice_audit_records_written_total", "sink", "jsonl")).isEqualTo(10);
        assertThat(first.value("sluice_audit_write_failures_total", "sink", "jsonl")).isEqualTo(1);
        assertThat(first.value("sluice_audit_records_dropped_total", "sink", "jsonl")).isZero();
        assertThat(first.value("sluice_audit_queue_waits_total", "sink", "jsonl")).isEqualTo(2);
        assertThat(later.value("sluice_audit_queue_depth", "sink", "jsonl")).isZero();
        assertThat(later.value("sluice_audit_records_written_total", "sink", "jsonl")).isEqualTo(14);
        assertThat(later.value("sluice_audit_queue_waits_total", "sink", "jsonl")).isEqualTo(5);
    }

    @Test
    void eachSinkHasItsOwnSeries() {
        metrics.auditSink("jsonl", () -> new AuditStats(1, 10, 0, 0, 0, 0));
        metrics.auditSink("sql", () -> new AuditStats(2, 20, 0, 0, 7, 0));

        Samples s = Samples.parse(metrics.scrape());

        assertThat(s.value("sluice_audit_queue_depth", "sink", "jsonl")).isEqualTo(1);
        assertThat(s.value("sluice_audit_queue_depth", "sink", "sql")).isEqualTo(2);
        assertThat(s.value("sluice_audit_records_dropped_total", "sink", "sql")).isEqualTo(7);
    }

    @Test
    void addingASinkAgainUnderTheSameNameReplacesItsFigures() {
        metrics.auditSink("jsonl", () -> new AuditStats(1, 10, 5, 0, 0, 0));
        metrics.auditSink("jsonl", () -> new AuditStats(4, 10, 9, 0, 0, 0));

        Samples s = Samples.parse(metrics.scrape());

        assertThat(s.find("sluice_audit_queue_depth")).hasSize(1);
        assertThat(s.value("sluice_audit_queue_depth", "sink", "jsonl")).isEqualTo(4);
        assertThat(s.value("sluice_audit_records_written_total", "sink", "jsonl")).isEqualTo(9);
    }
}
