package dev.sluice.plugins.audit.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables and indexes, created if missing; the same statements in SQLite and PostgreSQL but
 * for the id and cost columns.
 *
 * <p>The indexes answer the auditors' usual questions without a full scan: {@code (team, ts)}
 * and the partial {@code (team, ts) WHERE pii_detected} and {@code (ts) WHERE pii_detected} for
 * "every request of team X in Q1 that involved personal data"; {@code (ts)} and
 * {@code (project, ts)} for "spend by project last month"; {@code (user_id, ts)},
 * {@code (session_id, ts)}, and the three model columns for lookups; {@code request_id} for one
 * request; {@code (chain, seq)} is unique and finds a chain's head at start.
 */
final class Schema {
    private final Tables tables;
    private final Dialect dialect;

    Schema(Tables tables, Dialect dialect) {
        this.tables = tables;
        this.dialect = dialect;
    }

    /** Creates what is missing, in one transaction where the database allows it. */
    void create(Connection connection) throws SQLException {
        dialect.begin(connection);
        try (Statement s = connection.createStatement()) {
            for (String statement : statements()) {
                s.execute(statement);
            }
            dialect.commit(connection);
        } catch (SQLException | RuntimeException e) {
            dialect.rollback(connection);
            throw e;
        }
    }

    /** Whether the records' table exists (a reader must not create it). */
    boolean exists(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeQuery("SELECT id FROM " + tables.records() + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            dialect.rollback(connection);
            return false;
        }
    }

    /** Every statement, in order. */
    List<String> statements() {
        String t = tables.records();
        String g = tables.guardrails();
        List<String> columns = new ArrayList<>();
        columns.add(dialect.idColumn());
        columns.add("chain TEXT NOT NULL");
        columns.add("seq BIGINT NOT NULL");
        columns.add("prev_hash TEXT NOT NULL");
        columns.add("hash TEXT NOT NULL");
        columns.add("record TEXT NOT NULL");
        for (Column column : Column.values()) {
            columns.add(column.declaration());
        }
        columns.addAll(dialect.costDeclarations());
        columns.add("UNIQUE (chain, seq)");
        List<String> out = new ArrayList<>();
        out.add("CREATE TABLE IF NOT EXISTS " + t + " (\n  " + String.join(",\n  ", columns) + "\n)");
        out.add("CREATE TABLE IF NOT EXISTS " + g + " (\n  " + dialect.idColumn() + ",\n"
                + "  request_row_id BIGINT NOT NULL REFERENCES " + t + " (id) ON DELETE CASCADE,\n"
                + "  guardrail TEXT NOT NULL,\n  rule TEXT NOT NULL,\n  action TEXT NOT NULL,\n"
                + "  stage TEXT NOT NULL\n)");
        out.add(index("ts", t, "ts", ""));
        out.add(index("team_ts", t, "team, ts", ""));
        out.add(index("pii_ts", t, "ts", " WHERE pii_detected"));
        out.add(index("pii_team_ts", t, "team, ts", " WHERE pii_detected"));
        out.add(index("project_ts", t, "project, ts", ""));
        out.add(index("user_ts", t, "user_id, ts", ""));
        out.add(index("session_ts", t, "session_id, ts", ""));
        out.add(index("model_requested_ts", t, "model_requested, ts", ""));
        out.add(index("model_served_ts", t, "model_served, ts", ""));
        out.add(index("route_ts", t, "route, ts", ""));
        out.add(index("request_id", t, "request_id", ""));
        out.add(index("guardrails_guardrail", g, "guardrail, request_row_id", ""));
        out.add(index("guardrails_request", g, "request_row_id", ""));
        return out;
    }

    private String index(String suffix, String table, String columns, String where) {
        return "CREATE INDEX IF NOT EXISTS " + tables.index(suffix) + " ON " + table + " (" + columns + ")" + where;
    }
}
