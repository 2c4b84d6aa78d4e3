package dev.sluice.spi.audit;

import java.util.List;

/**
 * The outcome of checking an audit chain.
 *
 * @param records how many records were read
 * @param firstSeq the first sequence number read (0 when none)
 * @param lastSeq the last sequence number read
 * @param lastHash the hash of the last record, to compare with one kept elsewhere
 * @param anchored whether the chain starts at record 1 (a rotated file starts later)
 * @param problemCount how many problems were found
 * @param problems the first problems found, each naming where
 */
public record VerifyReport(long records, long firstSeq, long lastSeq, String lastHash, boolean anchored,
        long problemCount, List<String> problems) {

    public VerifyReport {
        problems = List.copyOf(problems);
    }

    /** Whether the chain is intact. */
    public boolean ok() {
        return problemCount == 0;
    }
}
