package dev.sluice.plugins.audit.sql;

import dev.sluice.spi.audit.AuditChain;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The last record of a chain: the next one gets {@code seq + 1} and links to {@code hash}.
 *
 * @param seq the last sequence number (0 for an empty chain)
 * @param hash the last hash ({@link AuditChain#GENESIS} for an empty chain)
 */
record ChainHead(long seq, String hash) {
    /** The head of a chain with no record yet. */
    static final ChainHead EMPTY = new ChainHead(0, AuditChain.GENESIS);

    /** The head of {@code chain} as the table holds it. */
    static ChainHead read(Connection connection, Tables tables, String chain) throws SQLException {
        String sql = "SELECT seq, hash FROM " + tables.records() + " WHERE chain = ? ORDER BY seq DESC LIMIT 1";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, chain);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? new ChainHead(rows.getLong(1), rows.getString(2)) : EMPTY;
            }
        }
    }

    /** The head after a link. */
    static ChainHead of(AuditChain.Link link) {
        return new ChainHead(link.seq(), link.hash());
    }
}
