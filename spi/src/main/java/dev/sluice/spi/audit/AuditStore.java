package dev.sluice.spi.audit;

import java.util.List;

/**
 * What an audit sink wrote, opened for reading by {@code sluice audit verify} and
 * {@code sluice audit query}.
 */
public interface AuditStore extends AutoCloseable {

    /** Checks the hash chain (or chains) of everything stored. */
    VerifyReport verify();

    /**
     * The records that match, oldest first.
     *
     * @throws UnsupportedOperationException when this store cannot filter (a file sink)
     */
    default List<AuditRecord> query(AuditQuery query) {
        throw new UnsupportedOperationException("this audit store cannot be queried; use the sql sink");
    }

    /**
     * Totals of the matching records grouped by one field: {@code team}, {@code project},
     * {@code user}, {@code model}, {@code provider}, {@code key} or {@code day}.
     *
     * @throws UnsupportedOperationException when this store cannot aggregate
     */
    default List<AuditSummary> summarize(AuditQuery query, String groupBy) {
        throw new UnsupportedOperationException("this audit store cannot be queried; use the sql sink");
    }

    @Override
    void close();
}
