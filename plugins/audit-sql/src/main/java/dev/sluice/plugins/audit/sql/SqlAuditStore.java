package dev.sluice.plugins.audit.sql;

import dev.sluice.spi.audit.AuditQuery;
import dev.sluice.spi.audit.AuditRecord;
import dev.sluice.spi.audit.AuditStore;
import dev.sluice.spi.audit.AuditSummary;
import dev.sluice.spi.audit.VerifyReport;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * What the {@code sql} sink wrote, opened for {@code sluice audit verify} and
 * {@code sluice audit query}: every chain of the table verified, records filtered and totals
 * grouped in SQL. Not thread-safe: one command, one store.
 */
final class SqlAuditStore implements AuditStore {
    private static final Logger LOG = Logger.getLogger(SqlAuditStore.class.getName());

    private final Database database;
    private final Tables tables;
    private Connection connection;

    SqlAuditStore(Database database, Tables tables) {
        this.database = database;
        this.tables = tables;
    }

    @Override
    public VerifyReport verify() {
        try {
            Connection c = connection();
            List<String> chains = new ArrayList<>();
            String newest = null;
            try (Statement s = c.createStatement()) {
                try (ResultSet rows = s.executeQuery("SELECT DISTINCT chain FROM " + tables.records()
                        + " ORDER BY chain")) {
                    while (rows.next()) {
                        chains.add(rows.getString(1));
                    }
                }
                try (ResultSet rows = s.executeQuery("SELECT chain FROM " + tables.records()
                        + " ORDER BY id DESC LIMIT 1")) {
                    newest = rows.next() ? rows.getString(1) : null;
                }
            }
            ChainCheck check = new ChainCheck(c, database.dialect(), tables);
            List<ChainReports.Entry> reports = new ArrayList<>();
            for (String chain : chains) {
                VerifyReport report = check.check(chain);
                LOG.info("audit chain '" + chain + "' in " + database + ": " + report.records() + " records, "
                        + report.firstSeq() + " to " + report.lastSeq() + ", last hash " + report.lastHash());
                reports.add(new ChainReports.Entry(chain, report));
            }
            List<String> extra = new ArrayList<>();
            long orphans = orphanGuardrailRows(c);
            if (orphans > 0) {
                extra.add(tables.guardrails() + ": " + orphans + " rows belong to no record (records removed)");
            }
            database.dialect().rollback(c);
            return ChainReports.merge(reports, newest, extra);
        } catch (SQLException e) {
            throw failure("cannot verify", e);
        }
    }

    @Override
    public List<AuditRecord> query(AuditQuery query) {
        QueryFilter filter = QueryFilter.of(query, database.dialect(), tables);
        String sql = "SELECT a.record FROM " + tables.records() + " a" + filter.where()
                + " ORDER BY a.ts, a.ts_nano, a.id" + (query.limit() > 0 ? " LIMIT " + query.limit() : "");
        try {
            Connection c = connection();
            List<AuditRecord> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setFetchSize(ChainCheck.FETCH_SIZE);
                filter.bind(s, 1);
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        out.add(RecordBody.read(rows.getString(1).getBytes(StandardCharsets.UTF_8)));
                    }
                }
            }
            database.dialect().rollback(c);
            return out;
        } catch (SQLException e) {
            throw failure("cannot query", e);
        }
    }

    @Override
    public List<AuditSummary> summarize(AuditQuery query, String groupBy) {
        try {
            return new Summaries(database.dialect(), tables).summarize(connection(), query, groupBy);
        } catch (SQLException e) {
            throw failure("cannot summarize", e);
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.fine(() -> "closing the audit database failed: " + database.redaction().describe(e));
            }
            connection = null;
        }
    }

    private long orphanGuardrailRows(Connection c) throws SQLException {
        String sql = "SELECT COUNT(*) FROM " + tables.guardrails() + " g WHERE NOT EXISTS (SELECT 1 FROM "
                + tables.records() + " a WHERE a.id = g.request_row_id)";
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = database.connect();
            if (!new Schema(tables, database.dialect()).exists(connection)) {
                Connection c = connection;
                connection = null;
                c.close();
                throw new IllegalArgumentException("no audit table " + tables.records() + " in " + database);
            }
        }
        return connection;
    }

    private IllegalStateException failure(String what, SQLException e) {
        if (connection != null) {
            try {
                database.dialect().rollback(connection);
            } catch (SQLException ignored) {
                close();
            }
        }
        return database.redaction().failure("audit sink sql: " + what + " " + database, e);
    }
}
