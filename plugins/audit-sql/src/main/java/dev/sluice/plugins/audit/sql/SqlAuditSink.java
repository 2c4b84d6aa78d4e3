package dev.sluice.plugins.audit.sql;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.audit.AuditLog;
import dev.sluice.spi.audit.AuditSink;
import dev.sluice.spi.audit.AuditStore;
import dev.sluice.spi.config.Settings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.logging.Logger;
import org.pf4j.Extension;

/**
 * The {@code sql} audit sink: every record, hash-chained, as one row of an SQLite file (the
 * default) or a PostgreSQL table, with the fields auditors filter on as indexed columns.
 *
 * <pre>{@code
 * audit:
 *   sinks:
 *     - { type: sql }                                     # SQLite at data/audit.db
 *     - type: sql
 *       url: jdbc:postgresql://db.internal:5432/audit
 *       user: sluice
 *       password: ${AUDIT_DB_PASSWORD}
 *       chain: gateway-eu-1                               # one chain per gateway
 * }</pre>
 *
 * <p>Opening creates the tables and indexes if missing and continues the configured chain after
 * its last record; it fails (without quoting a password) when the database cannot be reached.
 * See {@link SqlAuditLog} for the write path and {@code docs/audit/sql.md} for the schema.
 */
@Extension
public class SqlAuditSink implements AuditSink {
    private static final Logger LOG = Logger.getLogger(SqlAuditSink.class.getName());
    private static final int SCHEMA_ATTEMPTS = 3;

    @Override
    public String name() {
        return "sql";
    }

    @Override
    public AuditLog open(Settings settings, GatewayContext context) {
        return open(SinkSettings.read(settings, context), null);
    }

    @Override
    public Optional<AuditStore> store(String location) {
        return StoreLocation.open(location, name -> Optional.ofNullable(System.getenv(name))).map(s -> s);
    }

    /**
     * Opens a log on the settings' database; {@code connector} replaces the database's own
     * connections for the writer (tests put failures in its way), {@code null} keeps them.
     */
    static SqlAuditLog open(SinkSettings s, Connector connector) {
        Database database = s.database();
        Connection connection = null;
        ChainHead head;
        try {
            connection = database.connect();
            createSchema(connection, s);
            head = ChainHead.read(connection, s.tables(), s.chain());
            database.dialect().rollback(connection);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            throw database.redaction().failure("audit sink sql: cannot open " + database, e);
        }
        if (connector != null) {
            closeQuietly(connection);
            connection = null;
        }
        Intake intake = new Intake(s.queueCapacity());
        Progress progress = new Progress();
        ChainWriter writer = new ChainWriter(database, connector == null ? database : connector, s.tables(),
                s.chain(), intake, s.batchSize(), progress, connection, head);
        LOG.info("audit sink sql: writing chain '" + s.chain() + "' to " + database + " from record "
                + (head.seq() + 1));
        return new SqlAuditLog(intake, progress, writer, s.chain(), database.description(), s.closeTimeout())
                .start();
    }

    private static void createSchema(Connection connection, SinkSettings s) throws SQLException {
        Schema schema = new Schema(s.tables(), s.database().dialect());
        for (int attempt = 1; ; attempt++) {
            try {
                schema.create(connection);
                return;
            } catch (SQLException e) {
                // Two gateways creating the same PostgreSQL tables at once: one loses the race
                // on the catalog; its next attempt finds the tables.
                if (attempt >= SCHEMA_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.fine(() -> "audit sink sql: closing a connection failed: " + e.getClass().getSimpleName());
            }
        }
    }
}
