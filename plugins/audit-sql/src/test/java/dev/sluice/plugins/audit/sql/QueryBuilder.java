package dev.sluice.plugins.audit.sql;

import dev.sluice.spi.audit.AuditQuery;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** Builds an {@link AuditQuery} one filter at a time; no limit unless set. */
final class QueryBuilder {
    private Optional<Instant> from = Optional.empty();
    private Optional<Instant> to = Optional.empty();
    private Optional<String> team = Optional.empty();
    private Optional<String> project = Optional.empty();
    private Optional<String> user = Optional.empty();
    private Optional<String> model = Optional.empty();
    private Optional<String> session = Optional.empty();
    private Optional<String> status = Optional.empty();
    private Optional<String> guardrail = Optional.empty();
    private Optional<Boolean> pii = Optional.empty();
    private Optional<BigDecimal> costAbove = Optional.empty();
    private int limit;

    QueryBuilder from(Instant v) { from = Optional.of(v); return this; }
    QueryBuilder to(Instant v) { to = Optional.of(v); return this; }
    QueryBuilder team(String v) { team = Optional.of(v); return this; }
    QueryBuilder project(String v) { project = Optional.of(v); return this; }
    QueryBuilder user(String v) { user = Optional.of(v); return this; }
    QueryBuilder model(String v) { model = Optional.of(v); return this; }
    QueryBuilder session(String v) { session = Optional.of(v); return this; }
    QueryBuilder status(String v) { status = Optional.of(v); return this; }
    QueryBuilder guardrail(String v) { guardrail = Optional.of(v); return this; }
    QueryBuilder pii(boolean v) { pii = Optional.of(v); return this; }
    QueryBuilder costAbove(BigDecimal v) { costAbove = Optional.of(v); return this; }
    QueryBuilder limit(int v) { limit = v; return this; }

    AuditQuery build() {
        return new AuditQuery(from, to, team, project, user, model, session, status, guardrail, pii, costAbove, limit);
    }
}
