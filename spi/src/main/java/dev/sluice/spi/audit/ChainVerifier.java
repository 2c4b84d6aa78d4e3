package dev.sluice.spi.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a sequence of chained records in order (see {@link AuditChain}): each one's hash, its
 * link to the one before, and its sequence number. Not thread-safe; one verifier per chain.
 *
 * <pre>{@code
 * ChainVerifier v = new ChainVerifier();
 * for (String line : lines) v.line("audit.jsonl:" + n++, line);
 * VerifyReport report = v.report();
 * }</pre>
 */
public final class ChainVerifier {
    private static final int MAX_PROBLEMS = 100;

    private final List<String> problems = new ArrayList<>();
    private long records;
    private long firstSeq = -1;
    private long lastSeq;
    private String lastHash;
    private boolean anchored;
    private long problemCount;

    /** Checks the next JSON line; {@code where} names it in problems (file and line number). */
    public void line(String where, String line) {
        AuditChain.Link link;
        try {
            link = AuditChain.parseLine(line);
        } catch (IllegalArgumentException e) {
            problem(where + ": unreadable record (" + e.getMessage() + ")");
            lastHash = null;
            return;
        }
        link(where, link);
    }

    /** Checks the next link. */
    public void link(String where, AuditChain.Link link) {
        records++;
        String real = AuditChain.hash(link.body());
        if (!real.equals(link.hash())) {
            problem(where + ": record " + link.seq() + " was changed after it was written (its hash does not match)");
        }
        if (firstSeq < 0) {
            firstSeq = link.seq();
            if (link.seq() == 1) {
                anchored = true;
                if (!AuditChain.GENESIS.equals(link.prevHash())) {
                    problem(where + ": record 1 does not start a chain (its previous hash is not the genesis hash)");
                }
            }
        } else {
            if (link.seq() != lastSeq + 1) {
                problem(where + ": record " + link.seq() + " follows record " + lastSeq
                        + (link.seq() > lastSeq + 1 ? " (records removed)" : " (records reordered or repeated)"));
            }
            if (lastHash == null || !lastHash.equals(link.prevHash())) {
                problem(where + ": record " + link.seq() + " does not link to the record before it"
                        + " (a record was removed, inserted or reordered)");
            }
        }
        lastSeq = link.seq();
        // Link the next record to the stated hash: an edit alone is reported once, at the edited
        // record; an edit that also rewrote the hash breaks the next link instead.
        lastHash = link.hash();
    }

    /** Records a problem found outside the chain itself (e.g. a column that disagrees with its record). */
    public void problem(String text) {
        problemCount++;
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(text);
        }
    }

    /** What was found so far. */
    public VerifyReport report() {
        return new VerifyReport(records, firstSeq < 0 ? 0 : firstSeq, lastSeq, lastHash, anchored, problemCount,
                List.copyOf(problems));
    }
}
