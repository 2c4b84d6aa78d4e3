package dev.sluice.plugins.audit.sql;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * PostgreSQL: a commit is durable when it returns (with the server's default
 * {@code synchronous_commit = on}), and {@code cost_usd} is an exact {@code NUMERIC}.
 */
final class PostgresDialect implements Dialect {
    static final String URL_PREFIX = "jdbc:postgresql:";

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public Connection connect(String url, Properties credentials) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(credentials);
        properties.setProperty("ApplicationName", "sluice-audit");
        properties.setProperty("reWriteBatchedInserts", "true");
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "300");
        properties.setProperty("tcpKeepAlive", "true");
        Connection connection = new org.postgresql.Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL URL");
        }
        connection.setAutoCommit(false);
        return connection;
    }

    @Override
    public String idColumn() {
        return "id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
    }

    @Override
    public List<String> costDeclarations() {
        return List.of("cost_usd NUMERIC");
    }

    @Override
    public List<String> costColumns() {
        return List.of("cost_usd");
    }

    @Override
    public int bindCost(PreparedStatement statement, int index, BigDecimal cost) throws SQLException {
        if (cost == null) {
            statement.setNull(index, Types.NUMERIC);
        } else {
            statement.setBigDecimal(index, cost);
        }
        return index + 1;
    }

    @Override
    public Optional<String> costMismatch(ResultSet rows, BigDecimal expected) throws SQLException {
        BigDecimal stored = rows.getBigDecimal("cost_usd");
        boolean same = stored == null ? expected == null : expected != null && stored.compareTo(expected) == 0;
        return same ? Optional.empty() : Optional.of("cost_usd");
    }

    @Override
    public String costAbove(String alias) {
        return alias + ".cost_usd > ?";
    }

    @Override
    public void bindCostAbove(PreparedStatement statement, int index, BigDecimal dollars) throws SQLException {
        statement.setBigDecimal(index, dollars);
    }

    @Override
    public List<String> costSum(String alias) {
        return List.of("SUM(" + alias + ".cost_usd)");
    }

    @Override
    public BigDecimal readCostSum(ResultSet rows, int index) throws SQLException {
        BigDecimal sum = rows.getBigDecimal(index);
        return sum == null ? BigDecimal.ZERO : Dialect.plain(sum);
    }

    @Override
    public void begin(Connection connection) {
        // Not in auto-commit mode: the first statement starts the transaction.
    }

    @Override
    public void commit(Connection connection) throws SQLException {
        connection.commit();
    }

    @Override
    public void rollback(Connection connection) throws SQLException {
        if (!connection.isClosed()) {
            connection.rollback();
        }
    }

    @Override
    public void sync(Connection connection) {
        // Every commit was already made durable by the server.
    }
}
