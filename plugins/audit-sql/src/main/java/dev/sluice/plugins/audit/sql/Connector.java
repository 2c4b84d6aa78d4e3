package dev.sluice.plugins.audit.sql;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a new connection to the audit database. */
@FunctionalInterface
interface Connector {

    /** A new connection, configured for this sink (pragmas, transaction mode). */
    Connection connect() throws SQLException;
}
