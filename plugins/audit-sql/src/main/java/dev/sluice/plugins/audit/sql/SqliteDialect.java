package dev.sluice.plugins.audit.sql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * SQLite: an embedded file in WAL mode with {@code synchronous=NORMAL}. A commit survives a crash
 * of the gateway; the write-ahead log is fsynced at each checkpoint, which SQLite runs every 1000
 * pages and this sink runs at every {@code flush()} and at {@code close()}, so an OS crash or
 * power loss can only lose what was committed since the last checkpoint.
 *
 * <p>SQLite has no exact decimal type, so a cost is kept twice: {@code cost_usd} as the exact
 * decimal text (what {@code verify} compares and what people read) and {@code cost_pico} as a
 * whole number of picodollars (10<sup>-12</sup> USD) for filters and sums, which are exact to the
 * picodollar: any price per million tokens with up to six decimals gives an exact cost.
 */
final class SqliteDialect implements Dialect {
    static final String URL_PREFIX = "jdbc:sqlite:";
    private static final int PICO = 12;
    private static final long MICRO_IN_PICO = 1_000_000L;
    /** How long a statement waits for a lock held by another connection (a reader's checkpoint). */
    private static final int BUSY_TIMEOUT_MS = 5_000;

    @Override
    public String name() {
        return "SQLite";
    }

    @Override
    public Connection connect(String url, Properties properties) throws SQLException {
        Connection connection = new org.sqlite.JDBC().connect(url, new Properties());
        if (connection == null) {
            throw new SQLException("not a SQLite URL");
        }
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA synchronous = NORMAL");
            s.execute("PRAGMA foreign_keys = ON");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    @Override
    public String idColumn() {
        // An alias of the rowid: assigned in insertion order.
        return "id INTEGER PRIMARY KEY";
    }

    @Override
    public List<String> costDeclarations() {
        return List.of("cost_usd TEXT", "cost_pico BIGINT");
    }

    @Override
    public List<String> costColumns() {
        return List.of("cost_usd", "cost_pico");
    }

    @Override
    public int bindCost(PreparedStatement statement, int index, BigDecimal cost) throws SQLException {
        if (cost == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, cost.toPlainString());
        }
        Long pico = pico(cost);
        if (pico == null) {
            statement.setNull(index + 1, Types.BIGINT);
        } else {
            statement.setLong(index + 1, pico);
        }
        return index + 2;
    }

    @Override
    public Optional<String> costMismatch(ResultSet rows, BigDecimal expected) throws SQLException {
        String text = rows.getString("cost_usd");
        if (!Objects.equals(text, expected == null ? null : expected.toPlainString())) {
            return Optional.of("cost_usd");
        }
        long pico = rows.getLong("cost_pico");
        Long stored = rows.wasNull() ? null : pico;
        return Objects.equals(stored, pico(expected)) ? Optional.empty() : Optional.of("cost_pico");
    }

    @Override
    public String costAbove(String alias) {
        return alias + ".cost_pico > ?";
    }

    @Override
    public void bindCostAbove(PreparedStatement statement, int index, BigDecimal dollars) throws SQLException {
        // cost > c exactly when picos > floor(c in picos), for a cost exact to the picodollar.
        BigInteger floor = dollars.movePointRight(PICO).setScale(0, RoundingMode.FLOOR).toBigInteger();
        long bound = floor.bitLength() < 64 ? floor.longValue()
                : floor.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        statement.setLong(index, bound);
    }

    @Override
    public List<String> costSum(String alias) {
        // Two sums that cannot overflow a 64-bit integer: whole microdollars and the picodollars left.
        return List.of("SUM(" + alias + ".cost_pico / " + MICRO_IN_PICO + ")",
                "SUM(" + alias + ".cost_pico % " + MICRO_IN_PICO + ")");
    }

    @Override
    public BigDecimal readCostSum(ResultSet rows, int index) throws SQLException {
        BigInteger micros = BigInteger.valueOf(rows.getLong(index));
        BigInteger rest = BigInteger.valueOf(rows.getLong(index + 1));
        BigInteger picos = micros.multiply(BigInteger.valueOf(MICRO_IN_PICO)).add(rest);
        return Dialect.plain(new BigDecimal(picos, PICO));
    }

    @Override
    public void begin(Connection connection) throws SQLException {
        // The connection stays in auto-commit mode and transactions are explicit: the driver's
        // own mode would keep a transaction open between batches, which blocks checkpoints.
        try (Statement s = connection.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
        }
    }

    @Override
    public void commit(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("COMMIT");
        }
    }

    @Override
    public void rollback(Connection connection) throws SQLException {
        if (connection.isClosed()) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            // No transaction open (it failed to begin, or the commit went through): nothing to undo.
            if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
                throw e;
            }
        }
    }

    @Override
    public void sync(Connection connection) throws SQLException {
        // A checkpoint fsyncs the write-ahead log before copying it into the database file.
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(FULL)");
        }
    }

    /** A cost in whole picodollars, rounded half up; {@code null} without a cost or beyond 64 bits. */
    static Long pico(BigDecimal cost) {
        if (cost == null) {
            return null;
        }
        BigInteger picos = cost.setScale(PICO, RoundingMode.HALF_UP).unscaledValue();
        return picos.bitLength() < 64 ? picos.longValue() : null;
    }
}
