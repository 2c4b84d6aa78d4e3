package dev.sluice.plugins.cache.semantic;

import dev.sluice.spi.cache.CachedAnswer;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A stored answer with what finds it (its partition, exact hash, vector and words) and what
 * removes it (its route and scope for purges, its expiry, its last use for eviction). The prompt
 * text itself is not kept.
 */
final class Entry {
    final long id;
    final String partition;
    final String hash;
    final String route;
    final String scope;
    final CachedAnswer answer;
    final float[] vector;
    final PromptWords words;
    final Instant expiresAt;
    /** The store's use counter when the entry was last stored or served: the eviction order. */
    volatile long lastUsed;

    Entry(long id, String partition, String hash, String route, String scope, CachedAnswer answer, float[] vector,
            PromptWords words, Instant expiresAt, long lastUsed) {
        this.id = id;
        this.partition = partition;
        this.hash = hash;
        this.route = route;
        this.scope = scope;
        this.answer = answer;
        this.vector = vector;
        this.words = words;
        this.expiresAt = expiresAt;
        this.lastUsed = lastUsed;
    }

    boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** The {@code count} entries used least recently, in one pass with a bounded heap. */
    static List<Entry> leastRecentlyUsed(Collection<Entry> entries, int count) {
        PriorityQueue<Entry> mostRecentFirst = new PriorityQueue<>(count + 1,
                (a, b) -> Long.compare(b.lastUsed, a.lastUsed));
        for (Entry e : entries) {
            mostRecentFirst.add(e);
            if (mostRecentFirst.size() > count) {
                mostRecentFirst.poll();
            }
        }
        return List.copyOf(mostRecentFirst);
    }
}
