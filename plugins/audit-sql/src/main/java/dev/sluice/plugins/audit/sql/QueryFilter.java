package dev.sluice.plugins.audit.sql;

import dev.sluice.spi.audit.AuditQuery;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The SQL {@code WHERE} clause of an {@link AuditQuery}, with the same meaning as
 * {@link AuditQuery#matches}: times compare to the nanosecond ({@code ts} in milliseconds, then
 * {@code ts_nano}), {@code model} matches the model requested, the model served or the route,
 * {@code ok} is a 2xx status without an error, {@code guardrail} looks in the guardrails table.
 * The records' table is aliased {@value #ALIAS}.
 */
final class QueryFilter {
    static final String ALIAS = "a";
    private static final Pattern STATUS = Pattern.compile("-?[1-9][0-9]{0,8}|0");

    private final List<String> conditions = new ArrayList<>();
    private final List<Parameter> parameters = new ArrayList<>();

    private QueryFilter() {
    }

    /** The filter of a query. */
    static QueryFilter of(AuditQuery query, Dialect dialect, Tables tables) {
        QueryFilter f = new QueryFilter();
        query.from().ifPresent(from -> f.from(from));
        query.to().ifPresent(to -> f.to(to));
        query.team().ifPresent(v -> f.equal("team", v));
        query.project().ifPresent(v -> f.equal("project", v));
        query.user().ifPresent(v -> f.equal("user_id", v));
        query.session().ifPresent(v -> f.equal("session_id", v));
        query.model().ifPresent(v -> {
            String text = Column.text(v);
            f.add("(a.model_requested = ? OR a.model_served = ? OR a.route = ?)",
                    (s, i) -> s.setString(i, text), (s, i) -> s.setString(i, text), (s, i) -> s.setString(i, text));
        });
        query.status().ifPresent(f::status);
        query.guardrail().ifPresent(g -> {
            String exists = "EXISTS (SELECT 1 FROM " + tables.guardrails() + " g WHERE g.request_row_id = a.id";
            if (g.equals("any")) {
                f.add(exists + ")");
            } else {
                String text = Column.text(g);
                f.add(exists + " AND g.guardrail = ?)", (s, i) -> s.setString(i, text));
            }
        });
        // Literal rather than bound, so that the planner can use the partial indexes on pii_detected.
        query.pii().ifPresent(p -> f.add(p ? "a.pii_detected" : "NOT a.pii_detected"));
        query.costAbove().ifPresent(c -> f.add(dialect.costAbove(ALIAS),
                (s, i) -> dialect.bindCostAbove(s, i, c)));
        return f;
    }

    /** {@code " WHERE …"}, or nothing without filters. */
    String where() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** Binds the parameters from {@code index} on; returns the next free index. */
    int bind(PreparedStatement statement, int index) throws SQLException {
        int i = index;
        for (Parameter p : parameters) {
            p.bind(statement, i++);
        }
        return i;
    }

    private void from(Instant from) {
        long millis = from.toEpochMilli();
        int nanos = from.getNano() % 1_000_000;
        if (nanos == 0) {
            add("a.ts >= ?", (s, i) -> s.setLong(i, millis));
        } else {
            add("(a.ts > ? OR (a.ts = ? AND a.ts_nano >= ?))", (s, i) -> s.setLong(i, millis),
                    (s, i) -> s.setLong(i, millis), (s, i) -> s.setInt(i, nanos));
        }
    }

    private void to(Instant to) {
        long millis = to.toEpochMilli();
        int nanos = to.getNano() % 1_000_000;
        if (nanos == 0) {
            add("a.ts < ?", (s, i) -> s.setLong(i, millis));
        } else {
            add("(a.ts < ? OR (a.ts = ? AND a.ts_nano < ?))", (s, i) -> s.setLong(i, millis),
                    (s, i) -> s.setLong(i, millis), (s, i) -> s.setInt(i, nanos));
        }
    }

    private void equal(String column, String value) {
        String text = Column.text(value);
        add("a." + column + " = ?", (s, i) -> s.setString(i, text));
    }

    private void status(String status) {
        switch (status) {
            case "ok" -> add("(a.status >= 200 AND a.status <= 299 AND a.error IS NULL)");
            case "error" -> add("(a.status < 200 OR a.status > 299 OR a.error IS NOT NULL)");
            default -> {
                if (STATUS.matcher(status).matches()) {
                    int code = Integer.parseInt(status);
                    add("a.status = ?", (s, i) -> s.setInt(i, code));
                } else {
                    // Like AuditQuery.matches: a status that is no number matches nothing.
                    add("1 = 0");
                }
            }
        }
    }

    private void add(String condition, Parameter... bound) {
        conditions.add(condition);
        parameters.addAll(List.of(bound));
    }

    /** Binds one parameter. */
    @FunctionalInterface
    private interface Parameter {
        void bind(PreparedStatement statement, int index) throws SQLException;
    }
}
