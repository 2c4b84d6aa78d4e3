package dev.sluice.plugins.audit.sql;

import dev.sluice.spi.audit.AuditChain;
import dev.sluice.spi.audit.AuditRecord;
import dev.sluice.spi.audit.ChainVerifier;
import dev.sluice.spi.audit.GuardrailTrigger;
import dev.sluice.spi.audit.VerifyReport;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies one chain of the table: its rows in insertion ({@code id}) order through
 * {@link ChainVerifier}, and for each row that every column still says what the record's body
 * says ({@code seq}, {@code prev_hash}, each {@link Column}, the cost) and that its guardrail rows
 * are the body's {@code guardrails_triggered}. A column edited alone is reported as such.
 */
final class ChainCheck {
    static final int FETCH_SIZE = 500;
    private static final int SHOWN = 60;

    private final Connection connection;
    private final Dialect dialect;
    private final Tables tables;

    ChainCheck(Connection connection, Dialect dialect, Tables tables) {
        this.connection = connection;
        this.dialect = dialect;
        this.tables = tables;
    }

    /** The report of one chain. */
    VerifyReport check(String chain) throws SQLException {
        ChainVerifier verifier = new ChainVerifier();
        String rowsSql = "SELECT * FROM " + tables.records() + " WHERE chain = ? ORDER BY id";
        String guardrailsSql = "SELECT g.request_row_id, g.guardrail, g.rule, g.action, g.stage FROM "
                + tables.guardrails() + " g JOIN " + tables.records() + " a ON a.id = g.request_row_id"
                + " WHERE a.chain = ? ORDER BY g.request_row_id, g.id";
        try (PreparedStatement rowsStatement = connection.prepareStatement(rowsSql);
                PreparedStatement guardrailsStatement = connection.prepareStatement(guardrailsSql)) {
            rowsStatement.setFetchSize(FETCH_SIZE);
            guardrailsStatement.setFetchSize(FETCH_SIZE);
            rowsStatement.setString(1, chain);
            guardrailsStatement.setString(1, chain);
            try (ResultSet rows = rowsStatement.executeQuery();
                    ResultSet guardrails = guardrailsStatement.executeQuery()) {
                GuardrailRows triggers = new GuardrailRows(guardrails);
                while (rows.next()) {
                    checkRow(verifier, chain, rows, triggers);
                }
            }
        }
        return verifier.report();
    }

    private void checkRow(ChainVerifier verifier, String chain, ResultSet rows, GuardrailRows triggers)
            throws SQLException {
        long id = rows.getLong("id");
        String where = tables.records() + " row " + id + " (chain " + chain + ")";
        List<GuardrailTrigger> stored = triggers.of(id);
        AuditChain.Link link;
        BigDecimal cost;
        try {
            byte[] body = rows.getString("record").getBytes(StandardCharsets.UTF_8);
            link = AuditChain.fromBody(body, rows.getString("hash"));
            cost = RecordBody.costUsd(body);
        } catch (IllegalArgumentException | NullPointerException e) {
            verifier.problem(where + ": unreadable record (" + e.getMessage() + ")");
            return;
        }
        verifier.link(where, link);
        if (rows.getLong("seq") != link.seq()) {
            verifier.problem(where + ": column seq is " + rows.getLong("seq") + " but the record says " + link.seq());
        }
        if (!link.prevHash().equals(rows.getString("prev_hash"))) {
            verifier.problem(where + ": column prev_hash does not match the record");
        }
        AuditRecord record = link.record();
        for (Column column : Column.values()) {
            Object expected = column.of(record);
            Object actual = column.type().read(rows, column.sqlName());
            if (!same(expected, actual)) {
                verifier.problem(where + ": column " + column.sqlName() + " is " + shown(actual)
                        + " but the record says " + shown(expected));
            }
        }
        dialect.costMismatch(rows, cost).ifPresent(column -> verifier.problem(where + ": column "
                + column + " does not match the record's cost_usd " + shown(cost)));
        List<GuardrailTrigger> expected = new ArrayList<>();
        for (GuardrailTrigger t : record.guardrailsTriggered()) {
            expected.add(new GuardrailTrigger(Column.text(t.guardrail()), Column.text(t.rule()),
                    Column.text(t.action()), Column.text(t.stage())));
        }
        if (!expected.equals(stored)) {
            verifier.problem(where + ": its rows in " + tables.guardrails() + " (" + stored.size()
                    + ") do not match the record's guardrails_triggered (" + expected.size() + ")");
        }
    }

    private static boolean same(Object expected, Object actual) {
        if (expected instanceof Double e && actual instanceof Double a) {
            // == so that -0.0 equals 0.0: SQLite may keep a whole REAL as an integer.
            return e.doubleValue() == a.doubleValue();
        }
        return Objects.equals(expected, actual);
    }

    private static String shown(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        return "'" + (text.length() > SHOWN ? text.substring(0, SHOWN) + "…" : text) + "'";
    }

    /** The guardrail rows of a chain, read alongside its records (both in row id order). */
    private static final class GuardrailRows {
        private final ResultSet rows;
        private boolean more;

        GuardrailRows(ResultSet rows) throws SQLException {
            this.rows = rows;
            this.more = rows.next();
        }

        /** The triggers of one record row, in insertion order; rows of earlier ids are skipped. */
        List<GuardrailTrigger> of(long id) throws SQLException {
            List<GuardrailTrigger> out = new ArrayList<>();
            while (more && rows.getLong(1) <= id) {
                if (rows.getLong(1) == id) {
                    out.add(new GuardrailTrigger(rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getString(5)));
                }
                more = rows.next();
            }
            return out;
        }
    }
}
