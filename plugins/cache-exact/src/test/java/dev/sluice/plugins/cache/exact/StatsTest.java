package dev.sluice.plugins.cache.exact;

import static dev.sluice.plugins.cache.exact.Stores.answer;
import static dev.sluice.plugins.cache.exact.Stores.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.cache.CacheStats;
import dev.sluice.spi.cache.CacheStore;
import org.junit.jupiter.api.Test;

class StatsTest {
    private final CacheStore store = Stores.open(new FakeClock());

    @Test
    void newStoreCountsNothing() {
        assertThat(store.stats()).isEqualTo(new CacheStats(0, 0, 0, 0, 0, 0));
    }

    @Test
    void lookupsAreCountedAsHitsAndMisses() {
        store.store(key("h1"), answer("Paris."));

        store.lookup(key("h1"));
        store.lookup(key("h1"));
        store.lookup(key("h2"));

        CacheStats stats = store.stats();
        assertThat(stats.hits()).isEqualTo(2);
        assertThat(stats.misses()).isEqualTo(1);
    }

    @Test
    void entriesAndBytesDescribeWhatIsHeld() {
        store.store(key("h1"), answer("Paris."));
        store.store(key("h2"), answer("Rome."));

        CacheStats stats = store.stats();
        assertThat(stats.entries()).isEqualTo(2);
        assertThat(stats.bytes()).isEqualTo(answer("Paris.").weight() + answer("Rome.").weight());
    }

    @Test
    void replacedEntriesAreNeitherEvictionsNorExpirations() {
        store.store(key("h1"), answer("first"));
        store.store(key("h1"), answer("second"));

        assertThat(store.stats().evictions()).isZero();
        assertThat(store.stats().expirations()).isZero();
    }
}
