package dev.sluice.plugins.audit.jsonl;

import dev.sluice.spi.audit.AuditChain;
import dev.sluice.spi.audit.AuditQuery;
import dev.sluice.spi.audit.AuditRecord;
import dev.sluice.spi.audit.AuditStore;
import dev.sluice.spi.audit.AuditSummary;
import dev.sluice.spi.audit.ChainVerifier;
import dev.sluice.spi.audit.VerifyReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A folder of audit files, or one file, opened for {@code sluice audit verify} and
 * {@code sluice audit query}. Every call reads the files afresh, in write order, line by line.
 *
 * <p>A last line without its line feed at the very end (a writer killed mid-write; the sink cuts it
 * off when it next opens) is skipped and logged, neither a problem nor a record. A single file that
 * starts after record 1 (rotation or retention) is checked as a fragment: intact in itself, but not
 * anchored to the start of the chain.
 */
final class JsonlStore implements AuditStore {
    private static final Logger LOG = Logger.getLogger(JsonlStore.class.getName());

    private final Path location;
    private final boolean folder;

    private JsonlStore(Path location, boolean folder) {
        this.location = location;
        this.folder = folder;
    }

    static JsonlStore ofFile(Path file) {
        return new JsonlStore(file, false);
    }

    static JsonlStore ofFolder(Path folder) {
        return new JsonlStore(folder, true);
    }

    @Override
    public VerifyReport verify() {
        ChainVerifier verifier = new ChainVerifier();
        List<Path> files = files();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            String name = file.getFileName().toString();
            boolean lastFile = i == files.size() - 1;
            try (LineReader reader = new LineReader(file)) {
                for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                    if (!line.terminated() && lastFile) {
                        skipIncomplete(name, line);
                    } else {
                        verifier.line(name + ":" + line.number(), line.text());
                    }
                }
            } catch (IOException e) {
                verifier.problem(name + ": cannot be read (" + e + ")");
            }
        }
        return verifier.report();
    }

    @Override
    public List<AuditRecord> query(AuditQuery query) {
        int limit = query.limit() > 0 ? query.limit() : Integer.MAX_VALUE;
        List<AuditRecord> found = new ArrayList<>();
        scan(r -> {
            if (query.matches(r)) {
                found.add(r);
            }
            return found.size() < limit;
        });
        return found;
    }

    /** Totals over every matching record; the query's limit applies to listed records only, not here. */
    @Override
    public List<AuditSummary> summarize(AuditQuery query, String groupBy) {
        Summaries summaries = new Summaries(groupBy);
        scan(r -> {
            if (query.matches(r)) {
                summaries.add(r);
            }
            return true;
        });
        return summaries.result();
    }

    @Override
    public void close() {
        // Nothing stays open between calls.
    }

    /** Hands each readable record to {@code visitor} in write order until it returns false. */
    private void scan(Predicate<AuditRecord> visitor) {
        List<Path> files = files();
        long unreadable = 0;
        files:
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            boolean lastFile = i == files.size() - 1;
            try (LineReader reader = new LineReader(file)) {
                for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                    if (!line.terminated() && lastFile) {
                        skipIncomplete(file.getFileName().toString(), line);
                        continue;
                    }
                    AuditRecord record;
                    try {
                        record = AuditChain.parseLine(line.text()).record();
                    } catch (IllegalArgumentException e) {
                        unreadable++;
                        continue;
                    }
                    if (!visitor.test(record)) {
                        break files;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the audit file " + file, e);
            }
        }
        if (unreadable > 0) {
            long count = unreadable;
            LOG.warning(() -> location + ": skipped " + count
                    + " unreadable lines; sluice audit verify tells where they are");
        }
    }

    private static void skipIncomplete(String name, LineReader.Line line) {
        LOG.info(() -> name + ":" + line.number() + ": skipped an incomplete last line (" + line.text().length()
                + " characters without a line feed); the writer was stopped mid-write, and the sink cuts it off"
                + " when it opens again");
    }

    private List<Path> files() {
        if (!folder) {
            return List.of(location);
        }
        try (Stream<Path> listing = Files.list(location)) {
            return listing.filter(p -> p.getFileName().toString().endsWith(SegmentName.SUFFIX))
                    .filter(Files::isRegularFile)
                    .sorted((a, b) -> SegmentName.WRITE_ORDER.compare(a.getFileName().toString(),
                            b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the audit folder " + location, e);
        }
    }
}
