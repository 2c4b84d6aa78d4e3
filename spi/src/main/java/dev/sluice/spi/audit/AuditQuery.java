package dev.sluice.spi.audit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * Filters for {@link AuditStore#query}: every present filter must match.
 *
 * @param from records at or after this time
 * @param to records before this time
 * @param team the caller's team
 * @param project the caller's project
 * @param user the caller's user
 * @param model the model requested or served (or the route)
 * @param session the caller's session
 * @param status {@code ok}, {@code error} or an HTTP status such as {@code 429}
 * @param guardrail a guardrail that fired ({@code any} for any)
 * @param pii only records with (true) or without (false) personal data detected
 * @param costAbove records that cost more than this, in US dollars
 * @param limit at most this many records
 */
public record AuditQuery(Optional<Instant> from, Optional<Instant> to, Optional<String> team,
        Optional<String> project, Optional<String> user, Optional<String> model, Optional<String> session,
        Optional<String> status, Optional<String> guardrail, Optional<Boolean> pii, Optional<BigDecimal> costAbove,
        int limit) {

    /** No filter, at most 1000 records. */
    public static final AuditQuery ALL = new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), 1000);

    /** Whether a record passes every filter; stores that filter in memory use it, SQL stores match it. */
    public boolean matches(AuditRecord r) {
        return from.map(t -> !r.timestamp().isBefore(t)).orElse(true)
                && to.map(t -> r.timestamp().isBefore(t)).orElse(true)
                && team.map(t -> t.equals(r.team())).orElse(true)
                && project.map(p -> p.equals(r.project())).orElse(true)
                && user.map(u -> u.equals(r.userId())).orElse(true)
                && model.map(m -> m.equals(r.modelRequested()) || m.equals(r.modelServed()) || m.equals(r.route()))
                        .orElse(true)
                && session.map(s -> s.equals(r.sessionId())).orElse(true)
                && status.map(s -> switch (s) {
                    case "ok" -> r.succeeded();
                    case "error" -> !r.succeeded();
                    default -> s.equals(Integer.toString(r.status()));
                }).orElse(true)
                && guardrail.map(g -> g.equals("any") ? !r.guardrailsTriggered().isEmpty()
                        : r.guardrailsTriggered().stream().anyMatch(t -> t.guardrail().equals(g))).orElse(true)
                && pii.map(p -> p == r.piiDetected()).orElse(true)
                && costAbove.map(c -> r.costUsd() != null && r.costUsd().compareTo(c) > 0).orElse(true);
    }
}
