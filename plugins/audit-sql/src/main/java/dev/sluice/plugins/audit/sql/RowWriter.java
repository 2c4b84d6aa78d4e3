package dev.sluice.plugins.audit.sql;

import dev.sluice.spi.audit.AuditChain;
import dev.sluice.spi.audit.AuditRecord;
import dev.sluice.spi.audit.GuardrailTrigger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Inserts linked records: one row each, and one guardrail row per trigger that points at its
 * request's row (found by its unique {@code (chain, seq)}, so no generated key is needed).
 * The caller owns the transaction.
 */
final class RowWriter {
    private final Dialect dialect;
    private final String chain;
    private final String insertRecord;
    private final String insertGuardrail;

    RowWriter(Tables tables, Dialect dialect, String chain) {
        this.dialect = dialect;
        this.chain = chain;
        List<String> names = new ArrayList<>(List.of("chain", "seq", "prev_hash", "hash", "record"));
        for (Column column : Column.values()) {
            names.add(column.sqlName());
        }
        names.addAll(dialect.costColumns());
        this.insertRecord = "INSERT INTO " + tables.records() + " (" + String.join(", ", names) + ") VALUES ("
                + String.join(", ", Collections.nCopies(names.size(), "?")) + ")";
        this.insertGuardrail = "INSERT INTO " + tables.guardrails()
                + " (request_row_id, guardrail, rule, action, stage) SELECT id, ?, ?, ?, ? FROM "
                + tables.records() + " WHERE chain = ? AND seq = ?";
    }

    /** Inserts the links, in order. */
    void insert(Connection connection, List<AuditChain.Link> links) throws SQLException {
        boolean triggers = false;
        try (PreparedStatement s = connection.prepareStatement(insertRecord)) {
            for (AuditChain.Link link : links) {
                bind(s, link);
                s.addBatch();
                triggers |= !link.record().guardrailsTriggered().isEmpty();
            }
            s.executeBatch();
        }
        if (!triggers) {
            return;
        }
        try (PreparedStatement s = connection.prepareStatement(insertGuardrail)) {
            for (AuditChain.Link link : links) {
                for (GuardrailTrigger t : link.record().guardrailsTriggered()) {
                    s.setString(1, Column.text(t.guardrail()));
                    s.setString(2, Column.text(t.rule()));
                    s.setString(3, Column.text(t.action()));
                    s.setString(4, Column.text(t.stage()));
                    s.setString(5, chain);
                    s.setLong(6, link.seq());
                    s.addBatch();
                }
            }
            s.executeBatch();
        }
    }

    private void bind(PreparedStatement s, AuditChain.Link link) throws SQLException {
        AuditRecord record = link.record();
        int i = 1;
        s.setString(i++, chain);
        s.setLong(i++, link.seq());
        s.setString(i++, link.prevHash());
        s.setString(i++, link.hash());
        s.setString(i++, new String(link.body(), StandardCharsets.UTF_8));
        for (Column column : Column.values()) {
            column.type().bind(s, i++, column.of(record));
        }
        dialect.bindCost(s, i, record.costUsd());
    }
}
