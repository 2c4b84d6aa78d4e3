package dev.sluice.kernel.metrics;

import dev.sluice.kernel.route.health.HealthTracker;
import dev.sluice.kernel.route.health.HealthTracker.HealthReport;
import dev.sluice.kernel.route.health.TargetStats;
import dev.sluice.spi.TargetHealth;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Each tracked target's health, the same facts {@code GET /admin/health} shows, as gauges
 * labelled {@code target="provider/model"}, in Prometheus' text format. Computed at scrape time
 * from the health tracker; nothing is kept for it on the request path. The window figures are
 * those of the tracker's last refresh (at most a quarter second old).
 */
final class TargetGauges {
    private TargetGauges() {
    }

    /** The exposition text for every tracked target. */
    static String text(HealthTracker tracker) {
        List<HealthReport> reports = tracker.all().stream().sorted(Comparator.comparing(TargetStats::label))
                .map(tracker::report).toList();
        StringBuilder out = new StringBuilder(256 + reports.size() * 512);
        gauge(out, "sluice_target_state",
                "Circuit breaker state of a target: 0 healthy, 1 degraded, 2 half open, 3 open.", reports,
                r -> (double) code(r.health().state()));
        gauge(out, "sluice_target_window_requests", "Attempts in the target's sliding window.", reports,
                r -> (double) r.health().requests());
        gauge(out, "sluice_target_error_rate", "Share of the window's attempts that failed, 0 to 1.", reports,
                r -> r.health().errorRate());
        gauge(out, "sluice_target_latency_seconds", "Typical (exponentially weighted) time of a complete answer.",
                reports, r -> seconds(r.health().latency()));
        gauge(out, "sluice_target_first_token_seconds", "Typical (exponentially weighted) time to a stream's first chunk.",
                reports, r -> seconds(r.health().firstToken()));
        gauge(out, "sluice_target_latency_p95_seconds", "95th percentile of latency in the window.", reports,
                r -> seconds(r.health().p95()));
        return out.toString();
    }

    private static void gauge(StringBuilder out, String name, String help, List<HealthReport> reports,
            Function<HealthReport, Double> value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        for (HealthReport report : reports) {
            out.append(name).append("{target=\"").append(escape(report.label())).append("\"} ")
                    .append(number(value.apply(report))).append('\n');
        }
    }

    private static int code(TargetHealth.State state) {
        return switch (state) {
            case HEALTHY -> 0;
            case DEGRADED -> 1;
            case HALF_OPEN -> 2;
            case OPEN -> 3;
        };
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }

    /** Label values escape backslash, quote and newline, as the format requires. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
