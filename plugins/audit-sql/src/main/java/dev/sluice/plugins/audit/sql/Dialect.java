package dev.sluice.plugins.audit.sql;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What differs between SQLite and PostgreSQL: the driver, the identity column, how an exact
 * dollar amount is kept and summed, transactions and durability. Everything else is shared SQL.
 */
sealed interface Dialect permits SqliteDialect, PostgresDialect {

    /** The database's name for messages. */
    String name();

    /**
     * Connects with the driver inside this plugin, instantiated directly: PF4J loads plugin
     * classes first, so {@code DriverManager} would not see it.
     */
    Connection connect(String url, Properties properties) throws SQLException;

    /** The declaration of the id column that numbers rows in insertion order. */
    String idColumn();

    /** The declarations of the cost column or columns. */
    List<String> costDeclarations();

    /** The names of the cost column or columns, in declaration order. */
    List<String> costColumns();

    /** Binds a cost (or none) from {@code index} on; returns the next free index. */
    int bindCost(PreparedStatement statement, int index, BigDecimal cost) throws SQLException;

    /** What is wrong with the cost columns of the current row, given the record's cost; empty when right. */
    Optional<String> costMismatch(ResultSet rows, BigDecimal expected) throws SQLException;

    /** A condition with one parameter: the record cost more than the parameter. */
    String costAbove(String alias);

    /** Binds the parameter of {@link #costAbove}. */
    void bindCostAbove(PreparedStatement statement, int index, BigDecimal dollars) throws SQLException;

    /** Select expressions that sum the cost of a group; {@link #readCostSum} reads them back. */
    List<String> costSum(String alias);

    /** The exact sum from the expressions of {@link #costSum}, starting at column {@code index}. */
    BigDecimal readCostSum(ResultSet rows, int index) throws SQLException;

    /** Starts a write transaction. */
    void begin(Connection connection) throws SQLException;

    /** Commits the write transaction. */
    void commit(Connection connection) throws SQLException;

    /** Rolls the write transaction back, if one is open. */
    void rollback(Connection connection) throws SQLException;

    /** Makes every commit so far durable (fsync); nothing to do where commits already are. */
    void sync(Connection connection) throws SQLException;

    /** A dollar amount without trailing zeros, so that both databases print sums alike. */
    static BigDecimal plain(BigDecimal dollars) {
        BigDecimal stripped = dollars.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
