package dev.sluice.plugins.cache.exact;

import static dev.sluice.plugins.cache.exact.Stores.key;
import static dev.sluice.plugins.cache.exact.Stores.weighing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.cache.CacheHit;
import dev.sluice.spi.cache.CachePurge;
import dev.sluice.spi.cache.CacheStats;
import dev.sluice.spi.cache.CacheStore;
import dev.sluice.spi.cache.CachedAnswer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
    private static final int THREADS = 16;
    private static final int OPERATIONS = 5_000;
    private static final int HASHES = 500;
    private static final long WEIGHT = 1_000;

    @Test
    void manyThreadsStoringAndLookingUpKeepCountsConsistent() throws Exception {
        // Room for about 200 of the 500 hashes: stores evict while others look up.
        CacheStore store = Stores.open(new FakeClock(), "max_bytes", 200 * WEIGHT);
        CachedAnswer answer = weighing(WEIGHT);
        AtomicLong lookups = new AtomicLong();
        AtomicLong stores = new AtomicLong();
        AtomicLong wrongAnswers = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();

        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < OPERATIONS; i++) {
                        String hash = "h" + ((i * 31 + thread * 7) % HASHES);
                        if (i % 3 == 0) {
                            store.store(key(hash), answer);
                            stores.incrementAndGet();
                        } else {
                            Optional<CacheHit> hit = store.lookup(key(hash));
                            lookups.incrementAndGet();
                            if (hit.isPresent() && hit.get().answer() != answer) {
                                wrongAnswers.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS); // rethrows whatever a thread threw
            }
        }

        CacheStats stats = store.stats();
        assertThat(wrongAnswers).hasValue(0);
        assertThat(stats.hits() + stats.misses()).isEqualTo(lookups.get());
        assertThat(stats.hits()).isPositive();
        assertThat(stats.bytes()).isEqualTo(stats.entries() * WEIGHT).isLessThanOrEqualTo(200 * WEIGHT);
        assertThat(stats.entries()).isBetween(1L, (long) HASHES);
        assertThat(stats.evictions()).isPositive();
        assertThat(store.purge(CachePurge.ALL)).isEqualTo(stats.entries());
        assertThat(store.stats().bytes()).isZero();
        assertThat(stores.get()).isEqualTo(THREADS * ((OPERATIONS + 2) / 3));
    }

    @Test
    void purgesRacingStoresLeaveBytesMatchingEntries() throws Exception {
        CacheStore store = Stores.open(new FakeClock());
        CachedAnswer answer = weighing(WEIGHT);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();

        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 2_000; i++) {
                        String scope = "key:" + (i % 4);
                        if (thread == 0 && i % 50 == 0) {
                            store.purge(new CachePurge(Optional.empty(), Optional.of(scope)));
                        } else {
                            store.store(key("h" + (i % HASHES), scope, "chat"), answer);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        }

        CacheStats stats = store.stats();
        assertThat(stats.bytes()).isEqualTo(stats.entries() * WEIGHT);
    }
}
