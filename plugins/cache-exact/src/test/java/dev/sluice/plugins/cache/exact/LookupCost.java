package dev.sluice.plugins.cache.exact;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sluice.spi.cache.CacheKey;
import dev.sluice.spi.cache.CacheStore;
import dev.sluice.spi.config.Settings;
import java.time.Clock;

/**
 * A rough measure of what a lookup costs, in nanoseconds per call, for a hit and for a miss, on
 * the system clock as in production: a store of 10,000 entries of 2 KB, warmed up, then 100,000
 * lookups of each kind timed. Not a benchmark (no JMH, one fork, one thread); a figure to notice
 * a regression by.
 */
public final class LookupCost {
    private static final int ENTRIES = 10_000;
    private static final int ITERATIONS = 100_000;
    private static final int WARM_UP_ROUNDS = 20;

    private LookupCost() {
    }

    public static void main(String[] args) {
        try (CacheStore store = new ExactCache().open(Settings.of(JsonNodeFactory.instance.objectNode()),
                new FakeContext(Clock.systemUTC()))) {
            CacheKey[] present = new CacheKey[ENTRIES];
            CacheKey[] absent = new CacheKey[ENTRIES];
            for (int i = 0; i < ENTRIES; i++) {
                present[i] = Stores.key(String.format("%064x", i));
                absent[i] = Stores.key(String.format("%064x", ENTRIES + i));
                store.store(present[i], Stores.weighing(2_048));
            }
            long sink = 0;
            for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                sink += run(store, present) + run(store, absent);
            }
            long hitStart = System.nanoTime();
            long hits = run(store, present);
            long hitNanos = System.nanoTime() - hitStart;
            long missStart = System.nanoTime();
            long misses = run(store, absent);
            long missNanos = System.nanoTime() - missStart;
            long statsStart = System.nanoTime();
            for (int i = 0; i < ITERATIONS; i++) {
                sink += store.stats().entries();
            }
            long statsNanos = System.nanoTime() - statsStart;

            System.out.printf("hit:   %.1f ns/op (%d of %d found)%n", (double) hitNanos / ITERATIONS, hits, ITERATIONS);
            System.out.printf("miss:  %.1f ns/op (%d of %d found)%n", (double) missNanos / ITERATIONS, misses,
                    ITERATIONS);
            System.out.printf("stats: %.1f ns/op%n", (double) statsNanos / ITERATIONS);
            System.out.println(sink == 42 ? "" : "entries: " + store.stats().entries());
        }
    }

    private static long run(CacheStore store, CacheKey[] keys) {
        long found = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            if (store.lookup(keys[i % keys.length]).isPresent()) {
                found++;
            }
        }
        return found;
    }
}
