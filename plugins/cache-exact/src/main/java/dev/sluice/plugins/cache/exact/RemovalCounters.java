package dev.sluice.plugins.cache.exact;

import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.RemovalListener;
import java.util.concurrent.atomic.LongAdder;

/**
 * The store's counters. Bytes go up when an entry is handed to the cache and down when Caffeine
 * reports it removed, whatever the cause; evictions and expirations are told apart by the cause
 * Caffeine gives ({@code SIZE} and {@code EXPIRED}; {@code EXPLICIT} and {@code REPLACED} are
 * neither).
 */
final class RemovalCounters implements RemovalListener<String, CacheEntry> {
    private final LongAdder bytes = new LongAdder();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder expirations = new LongAdder();

    @Override
    public void onRemoval(String hash, CacheEntry entry, RemovalCause cause) {
        if (entry != null) {
            bytes.add(-entry.weight());
        }
        switch (cause) {
            case SIZE -> evictions.increment();
            case EXPIRED -> expirations.increment();
            default -> {
                // EXPLICIT (purge, close) and REPLACED (a newer answer) are neither; COLLECTED cannot
                // happen: values are held strongly.
            }
        }
    }

    void added(CacheEntry entry) {
        bytes.add(entry.weight());
    }

    void hit() {
        hits.increment();
    }

    void miss() {
        misses.increment();
    }

    long bytes() {
        return bytes.sum();
    }

    long hits() {
        return hits.sum();
    }

    long misses() {
        return misses.sum();
    }

    long evictions() {
        return evictions.sum();
    }

    long expirations() {
        return expirations.sum();
    }
}
