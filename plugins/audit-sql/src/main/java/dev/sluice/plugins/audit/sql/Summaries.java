package dev.sluice.plugins.audit.sql;

import dev.sluice.spi.audit.AuditQuery;
import dev.sluice.spi.audit.AuditSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Totals of the matching records grouped by one field, summed in SQL: requests, errors (not a
 * 2xx status, or an error), tokens, and the exact cost (records without a price add nothing).
 * {@code model} groups by the model served, else the one requested; {@code day} by UTC day.
 * Groups come sorted by name, the group of records without a value last.
 */
final class Summaries {
    /** The fields a summary can group by, and the SQL that gives each group's name. */
    static final Map<String, String> GROUPS = Map.of(
            "team", "a.team",
            "project", "a.project",
            "user", "a.user_id",
            "model", "COALESCE(a.model_served, a.model_requested)",
            "provider", "a.provider",
            "key", "a.key_id",
            "day", "a.ts / 86400000");

    private final Dialect dialect;
    private final Tables tables;

    Summaries(Dialect dialect, Tables tables) {
        this.dialect = dialect;
        this.tables = tables;
    }

    List<AuditSummary> summarize(Connection connection, AuditQuery query, String groupBy) throws SQLException {
        String group = GROUPS.get(groupBy);
        if (group == null) {
            throw new IllegalArgumentException("cannot group by '" + groupBy
                    + "': expected team, project, user, model, provider, key or day");
        }
        QueryFilter filter = QueryFilter.of(query, dialect, tables);
        List<String> cost = dialect.costSum(QueryFilter.ALIAS);
        String sql = "SELECT " + group + " AS grp, COUNT(*),"
                + " SUM(CASE WHEN a.status >= 200 AND a.status <= 299 AND a.error IS NULL THEN 0 ELSE 1 END),"
                + " SUM(COALESCE(a.prompt_tokens, 0)), SUM(COALESCE(a.completion_tokens, 0)), "
                + String.join(", ", cost) + " FROM " + tables.records() + " a" + filter.where() + " GROUP BY " + group;
        List<AuditSummary> out = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            filter.bind(s, 1);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    String name = groupBy.equals("day") ? day(rows) : rows.getString(1);
                    out.add(new AuditSummary(name, rows.getLong(2), rows.getLong(3), rows.getLong(4),
                            rows.getLong(5), dialect.readCostSum(rows, 6)));
                }
            }
        } finally {
            dialect.rollback(connection);
        }
        out.sort(Comparator.comparing(AuditSummary::group, Comparator.nullsLast(Comparator.naturalOrder())));
        return out;
    }

    private static String day(ResultSet rows) throws SQLException {
        long day = rows.getLong(1);
        return rows.wasNull() ? null : LocalDate.ofEpochDay(day).toString();
    }
}
