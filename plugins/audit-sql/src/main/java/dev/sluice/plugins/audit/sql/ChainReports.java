package dev.sluice.plugins.audit.sql;

import dev.sluice.spi.audit.VerifyReport;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@link VerifyReport} for a table that holds several chains (one per gateway): records and
 * problems of all of them; {@code anchored} when every chain starts at record 1; the first and
 * last sequence numbers and the last hash of the chain written last, since a report has room for
 * one (each chain's own are logged).
 */
final class ChainReports {
    private ChainReports() {
    }

    /** A chain's report. */
    record Entry(String chain, VerifyReport report) {
    }

    static VerifyReport merge(List<Entry> entries, String newest, List<String> extraProblems) {
        long records = 0;
        long problemCount = extraProblems.size();
        boolean anchored = !entries.isEmpty();
        List<String> problems = new ArrayList<>();
        VerifyReport last = null;
        for (Entry entry : entries) {
            VerifyReport r = entry.report();
            records += r.records();
            problemCount += r.problemCount();
            anchored &= r.anchored();
            problems.addAll(r.problems());
            if (entry.chain().equals(newest) || last == null) {
                last = r;
            }
        }
        problems.addAll(extraProblems);
        if (last == null) {
            return new VerifyReport(0, 0, 0, null, false, problemCount, problems);
        }
        return new VerifyReport(records, last.firstSeq(), last.lastSeq(), last.lastHash(), anchored, problemCount,
                problems);
    }
}
