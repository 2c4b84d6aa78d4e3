package dev.sluice.kernel.audit;

import dev.sluice.spi.audit.AuditRecord;
import dev.sluice.spi.audit.AuditSummary;
import dev.sluice.spi.audit.GuardrailTrigger;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Plain-text tables for {@code sluice audit query}. */
final class AuditTable {

    private AuditTable() {
    }

    static void records(List<AuditRecord> records, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"TIME", "REQUEST", "TEAM", "PROJECT", "USER", "MODEL", "PROVIDER", "STATUS", "TOKENS",
            "COST_USD", "LATENCY_MS", "GUARDRAILS", "PII"});
        for (AuditRecord r : records) {
            rows.add(new String[] {r.timestamp().toString(), r.requestId(), dash(r.team()), dash(r.project()),
                dash(r.userId()), dash(r.modelRequested()), dash(r.provider()),
                r.status() + (r.error() == null ? "" : " " + dash(r.errorType())),
                r.promptTokens() == null ? "-" : r.promptTokens() + "/" + r.completionTokens(),
                r.costUsd() == null ? "-" : r.costUsd().toPlainString(), Double.toString(r.latencyMs()),
                r.guardrailsTriggered().isEmpty() ? "-" : r.guardrailsTriggered().stream()
                        .map(AuditTable::trigger).collect(Collectors.joining(",")),
                r.piiDetected() ? String.join(",", r.piiTypes().keySet()) : "-"});
        }
        print(rows, out);
        out.println(records.size() + " record(s)");
    }

    static void summaries(String groupBy, List<AuditSummary> summaries, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {groupBy.toUpperCase(java.util.Locale.ROOT), "REQUESTS", "ERRORS", "PROMPT_TOKENS",
            "COMPLETION_TOKENS", "COST_USD"});
        BigDecimal total = BigDecimal.ZERO;
        for (AuditSummary s : summaries) {
            rows.add(new String[] {dash(s.group()), Long.toString(s.requests()), Long.toString(s.errors()),
                Long.toString(s.promptTokens()), Long.toString(s.completionTokens()), s.costUsd().toPlainString()});
            total = total.add(s.costUsd());
        }
        print(rows, out);
        out.println(summaries.size() + " group(s), total cost " + total.toPlainString() + " USD");
    }

    private static String trigger(GuardrailTrigger t) {
        return t.guardrail() + ":" + t.rule() + ":" + t.action();
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }

    private static void print(List<String[]> rows, PrintStream out) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
