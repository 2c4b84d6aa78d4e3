package dev.sluice.plugins.audit.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Edits a sink's table behind its back, as someone with write access to the database could. */
final class TableEdits {
    private final Database database;
    private final String table;

    TableEdits(Database database, String table) {
        this.database = database;
        this.table = table;
    }

    /** Runs one statement in its own transaction. */
    void execute(String sql) throws SQLException {
        try (Connection c = database.connect()) {
            database.dialect().begin(c);
            try (Statement s = c.createStatement()) {
                s.executeUpdate(sql);
            }
            database.dialect().commit(c);
        }
    }

    /** The first column of the first row of a query. */
    String value(String sql) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            String value = rows.getString(1);
            database.dialect().rollback(c);
            return value;
        }
    }

    /** Swaps everything but the id between the rows of two sequence numbers. */
    void swap(long seqA, long seqB) throws SQLException {
        try (Connection c = database.connect()) {
            database.dialect().begin(c);
            Map<String, Object> a = row(c, seqA);
            Map<String, Object> b = row(c, seqB);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE " + table + " SET seq = -1 WHERE seq = " + seqA);
            }
            update(c, seqB, a);
            update(c, -1, b);
            database.dialect().commit(c);
        }
    }

    private Map<String, Object> row(Connection c, long seq) throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT * FROM " + table + " WHERE seq = " + seq)) {
            rows.next();
            ResultSetMetaData meta = rows.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String name = meta.getColumnName(i).toLowerCase();
                if (!name.equals("id")) {
                    values.put(name, rows.getObject(i));
                }
            }
        }
        return values;
    }

    private void update(Connection c, long seq, Map<String, Object> values) throws SQLException {
        List<String> sets = values.keySet().stream().map(k -> k + " = ?").toList();
        try (PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET " + String.join(", ", sets)
                + " WHERE seq = " + seq)) {
            int i = 1;
            for (Object value : values.values()) {
                s.setObject(i++, value);
            }
            s.executeUpdate();
        }
    }
}
