package dev.sluice.plugins.cache.exact;

import dev.sluice.spi.config.Settings;
import java.util.OptionalInt;

/**
 * The settings of an {@code exact} store.
 *
 * @param maxBytes the bound on the total weight ({@code CachedAnswer.weight()}) of the entries held
 * @param maxEntries the bound on their number, if any
 */
record ExactCacheSettings(long maxBytes, OptionalInt maxEntries) {
    static final String MAX_BYTES = "max_bytes";
    static final String MAX_ENTRIES = "max_entries";
    static final String DEFAULT_MAX_BYTES_TEXT = "256MB";
    static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;
    /** No single entry may take more than this share of {@code max_bytes}. */
    static final int LARGEST_ENTRY_SHARE = 10;
    /** The weight of an answer with empty JSON. */
    static final long LIGHTEST_ENTRY = 256;

    static ExactCacheSettings from(Settings settings) {
        long maxBytes = settings.size(MAX_BYTES).orElse(DEFAULT_MAX_BYTES);
        if (maxBytes < LIGHTEST_ENTRY * LARGEST_ENTRY_SHARE) {
            throw settings.error(MAX_BYTES, "must be at least " + LIGHTEST_ENTRY * LARGEST_ENTRY_SHARE
                    + " bytes: an entry may take a tenth of it, and every entry weighs at least "
                    + LIGHTEST_ENTRY + " bytes");
        }
        OptionalInt maxEntries = settings.integer(MAX_ENTRIES).map(OptionalInt::of).orElseGet(OptionalInt::empty);
        if (maxEntries.isPresent() && maxEntries.getAsInt() < 1) {
            throw settings.error(MAX_ENTRIES, "must be at least 1, got " + maxEntries.getAsInt());
        }
        ExactCacheSettings parsed = new ExactCacheSettings(maxBytes, maxEntries);
        if (parsed.weightFloor() > Integer.MAX_VALUE) {
            throw settings.error(MAX_ENTRIES, "too small for max_bytes: max_bytes / max_entries must be at most "
                    + Integer.MAX_VALUE + " bytes");
        }
        return parsed;
    }

    /** The heaviest entry kept: heavier answers are not stored. */
    long largestEntry() {
        return maxBytes / LARGEST_ENTRY_SHARE;
    }

    /**
     * The least an entry counts against {@code max_bytes}: with {@code max_entries} set, each entry
     * counts as at least {@code max_bytes / max_entries} (rounded up), so that the one byte bound
     * also holds the number of entries to {@code max_entries}; without it, nothing.
     */
    long weightFloor() {
        return maxEntries.isEmpty() ? 0 : Math.ceilDiv(maxBytes, maxEntries.getAsInt());
    }
}
