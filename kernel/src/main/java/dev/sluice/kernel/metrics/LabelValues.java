package dev.sluice.kernel.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values one label may take, capped so that clients cannot grow the number of series: a
 * team or a directly addressed model comes from the request, so the first {@code limit}
 * distinct values are kept as they are and every later one is reported as {@code other}.
 * An absent value is {@code none}. Thread-safe; a value already seen costs one hash lookup.
 */
final class LabelValues {
    static final String NONE = "none";
    static final String OTHER = "other";
    private static final int MAX_LENGTH = 128;

    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final int limit;

    LabelValues(int limit) {
        this.limit = limit;
    }

    /** The label value to report for {@code value}. */
    String of(String value) {
        if (value == null || value.isEmpty()) {
            return NONE;
        }
        if (seen.contains(value)) {
            return value;
        }
        if (value.length() > MAX_LENGTH) {
            return OTHER;
        }
        // The size check and the add race; a few values over the limit under contention are harmless.
        if (seen.size() >= limit) {
            return OTHER;
        }
        seen.add(value);
        return value;
    }
}
