package dev.sluice.plugins.cache.exact;

import static dev.sluice.plugins.cache.exact.Stores.key;
import static dev.sluice.plugins.cache.exact.Stores.weighing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.cache.CacheStats;
import dev.sluice.spi.cache.CacheStore;
import org.junit.jupiter.api.Test;

class BoundTest {
    private final FakeClock clock = new FakeClock();

    @Test
    void storingBeyondMaxBytesEvictsAndCountsEvictions() {
        CacheStore store = Stores.open(clock, "max_bytes", 20_000);

        for (int i = 0; i < 40; i++) {
            store.store(key("h" + i), weighing(1_000));
        }

        CacheStats stats = store.stats();
        assertThat(stats.bytes()).isLessThanOrEqualTo(20_000).isEqualTo(stats.entries() * 1_000);
        assertThat(stats.entries()).isBetween(1L, 20L);
        assertThat(stats.evictions()).isEqualTo(40 - stats.entries());
        assertThat(stats.expirations()).isZero();
    }

    @Test
    void everyStoreReturnsWithinTheBound() {
        CacheStore store = Stores.open(clock, "max_bytes", 20_000);

        for (int i = 0; i < 100; i++) {
            store.store(key("h" + i), weighing(256 + (i * 37) % 1_700));

            assertThat(store.stats().bytes()).isLessThanOrEqualTo(20_000);
        }
    }

    @Test
    void answerHeavierThanATenthOfMaxBytesIsNotStored() {
        CacheStore store = Stores.open(clock, "max_bytes", 20_000);

        store.store(key("heavy"), weighing(2_001));

        assertThat(store.lookup(key("heavy"))).isEmpty();
        assertThat(store.stats().entries()).isZero();
        assertThat(store.stats().bytes()).isZero();
        assertThat(store.stats().evictions()).isZero();
    }

    @Test
    void answerOfExactlyATenthOfMaxBytesIsStored() {
        CacheStore store = Stores.open(clock, "max_bytes", 20_000);

        store.store(key("tenth"), weighing(2_000));

        assertThat(store.lookup(key("tenth"))).isPresent();
    }

    @Test
    void maxEntriesBoundsTheNumberOfEntries() {
        CacheStore store = Stores.open(clock, "max_bytes", "1MB", "max_entries", 5);

        for (int i = 0; i < 30; i++) {
            store.store(key("h" + i), weighing(300));
        }

        CacheStats stats = store.stats();
        assertThat(stats.entries()).isBetween(1L, 5L);
        assertThat(stats.bytes()).isEqualTo(stats.entries() * 300);
        assertThat(stats.evictions()).isEqualTo(30 - stats.entries());
    }

    @Test
    void withMaxEntriesTheByteBoundStillHolds() {
        CacheStore store = Stores.open(clock, "max_bytes", 20_000, "max_entries", 1_000);

        for (int i = 0; i < 40; i++) {
            store.store(key("h" + i), weighing(1_000));
        }

        assertThat(store.stats().bytes()).isLessThanOrEqualTo(20_000);
        assertThat(store.stats().evictions()).isPositive();
    }

    @Test
    void bytesAreTheSumOfTheWeightsHeld() {
        CacheStore store = Stores.open(clock);

        store.store(key("a"), weighing(300));
        store.store(key("b"), weighing(1_000));
        store.store(key("c"), weighing(5_000));

        assertThat(store.stats().bytes()).isEqualTo(6_300);
        assertThat(store.stats().entries()).isEqualTo(3);
    }
}
