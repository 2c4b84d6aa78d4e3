package dev.sluice.plugins.audit.jsonl;

import dev.sluice.spi.audit.AuditRecord;
import dev.sluice.spi.audit.AuditSummary;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Totals of records grouped by one field, added up as the records stream by. {@code model} is
 * the model the client asked for; {@code day} the UTC date of the request.
 */
final class Summaries {
    private static final Map<String, Function<AuditRecord, String>> GROUPS = Map.of(
            "team", AuditRecord::team,
            "project", AuditRecord::project,
            "user", AuditRecord::userId,
            "model", AuditRecord::modelRequested,
            "provider", AuditRecord::provider,
            "key", AuditRecord::keyId,
            "day", r -> r.timestamp().atOffset(ZoneOffset.UTC).toLocalDate().toString());
    static final List<String> GROUP_NAMES = List.of("team", "project", "user", "model", "provider", "key", "day");

    private final Function<AuditRecord, String> groupOf;
    private final Map<String, Totals> totals = new HashMap<>();

    private static final class Totals {
        long requests;
        long errors;
        long promptTokens;
        long completionTokens;
        BigDecimal cost = BigDecimal.ZERO;
    }

    /**
     * @throws IllegalArgumentException when {@code groupBy} is not one of {@link #GROUP_NAMES}
     */
    Summaries(String groupBy) {
        this.groupOf = GROUPS.get(groupBy);
        if (groupOf == null) {
            throw new IllegalArgumentException("cannot group by \"" + groupBy + "\"; use one of "
                    + String.join(", ", GROUP_NAMES));
        }
    }

    void add(AuditRecord r) {
        Totals t = totals.computeIfAbsent(groupOf.apply(r), g -> new Totals());
        t.requests++;
        t.errors += r.succeeded() ? 0 : 1;
        t.promptTokens += r.promptTokens() == null ? 0 : r.promptTokens();
        t.completionTokens += r.completionTokens() == null ? 0 : r.completionTokens();
        if (r.costUsd() != null) {
            t.cost = t.cost.add(r.costUsd());
        }
    }

    /** One summary per group, by group; records without a value for the field last. */
    List<AuditSummary> result() {
        List<AuditSummary> out = new ArrayList<>();
        totals.forEach((group, t) -> out.add(new AuditSummary(group, t.requests, t.errors, t.promptTokens,
                t.completionTokens, t.cost)));
        out.sort(Comparator.comparing(AuditSummary::group, Comparator.nullsLast(Comparator.naturalOrder())));
        return out;
    }
}
