package dev.sluice.plugins.audit.jsonl;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of one audit file, {@code audit-20261125T101500Z-000001.jsonl}: the UTC second the
 * file was started, then its number in the folder. Names sort in write order because the writer
 * never gives a new file an earlier time than the newest one (even if the clock steps back) and
 * always the next number.
 *
 * @param started when the file was started (whole seconds)
 * @param number the file's number, one more than the file before it
 */
record SegmentName(Instant started, long number) {
    static final String SUFFIX = ".jsonl";
    private static final Pattern NAME = Pattern.compile("audit-(\\d{8}T\\d{6}Z)-(\\d{6,18})\\.jsonl");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    SegmentName {
        started = started.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The file name. */
    String fileName() {
        return "audit-" + TIME.format(started) + "-" + String.format("%06d", number) + SUFFIX;
    }

    /** The next file's name, started at {@code now} but never before this one. */
    SegmentName next(Instant now) {
        Instant at = now.isBefore(started) ? started : now;
        return new SegmentName(at, number + 1);
    }

    /** The name of a file this sink wrote, if {@code fileName} is one. */
    static Optional<SegmentName> parse(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SegmentName(Instant.from(TIME.parse(m.group(1))), Long.parseLong(m.group(2))));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Write order for file names: names of this sink by time and number (so that number 1000000
     * follows 999999), any other name by its text, after them.
     */
    static final Comparator<String> WRITE_ORDER = Comparator.comparing(SegmentName::sortKey);

    private static String sortKey(String fileName) {
        return parse(fileName).map(n -> "0" + TIME.format(n.started()) + String.format("%019d", n.number()))
                .orElse("1" + fileName);
    }
}
