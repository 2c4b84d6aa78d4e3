package dev.sluice.plugins.audit.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * How a queryable column is declared, bound and read back. The declarations are the same in
 * SQLite and PostgreSQL: SQLite gives {@code BIGINT} integer affinity, {@code DOUBLE PRECISION}
 * real affinity and stores {@code BOOLEAN} as 0 or 1.
 */
enum ColumnType {
    TEXT("TEXT", Types.VARCHAR),
    INTEGER("INTEGER", Types.INTEGER),
    BIGINT("BIGINT", Types.BIGINT),
    DOUBLE("DOUBLE PRECISION", Types.DOUBLE),
    BOOLEAN("BOOLEAN", Types.BOOLEAN);

    private final String sql;
    private final int jdbcType;

    ColumnType(String sql, int jdbcType) {
        this.sql = sql;
        this.jdbcType = jdbcType;
    }

    /** The SQL type in {@code CREATE TABLE}. */
    String sql() {
        return sql;
    }

    /** Binds a value as {@link Column#of} produced it ({@code null} for none). */
    void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, jdbcType);
            return;
        }
        switch (this) {
            case TEXT -> statement.setString(index, (String) value);
            case INTEGER -> statement.setInt(index, (Integer) value);
            case BIGINT -> statement.setLong(index, (Long) value);
            case DOUBLE -> statement.setDouble(index, (Double) value);
            case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
        }
    }

    /** Reads a value back in the form {@link Column#of} produces, to compare the two. */
    Object read(ResultSet rows, String column) throws SQLException {
        Object value = switch (this) {
            case TEXT -> rows.getString(column);
            case INTEGER -> rows.getInt(column);
            case BIGINT -> rows.getLong(column);
            case DOUBLE -> rows.getDouble(column);
            case BOOLEAN -> rows.getBoolean(column);
        };
        return rows.wasNull() ? null : value;
    }
}
