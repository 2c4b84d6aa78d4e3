package dev.sluice.plugins.audit.jsonl;

import dev.sluice.spi.audit.AuditChain;

/**
 * The end of the chain: the last record written, which the next one links to.
 *
 * @param seq its sequence number (0 before the first record)
 * @param hash its hash ({@link AuditChain#GENESIS} before the first record)
 */
record ChainHead(long seq, String hash) {
    /** Before the first record. */
    static final ChainHead START = new ChainHead(0, AuditChain.GENESIS);

    /** The head after a link. */
    static ChainHead of(AuditChain.Link link) {
        return new ChainHead(link.seq(), link.hash());
    }
}
