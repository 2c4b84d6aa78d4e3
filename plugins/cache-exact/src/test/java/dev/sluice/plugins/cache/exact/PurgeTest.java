package dev.sluice.plugins.cache.exact;

import static dev.sluice.plugins.cache.exact.Stores.answer;
import static dev.sluice.plugins.cache.exact.Stores.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.cache.CachePurge;
import dev.sluice.spi.cache.CacheStats;
import dev.sluice.spi.cache.CacheStore;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PurgeTest {
    private final FakeClock clock = new FakeClock();
    private final CacheStore store = Stores.open(clock);

    @BeforeEach
    void fill() {
        store.store(key("1", "key:alice", "chat"), answer("alice chat"));
        store.store(key("2", "key:alice", "summarize"), answer("alice summarize"));
        store.store(key("3", "key:bob", "chat"), answer("bob chat"));
        store.store(key("4", "key:bob", "summarize"), answer("bob summarize"));
        store.store(key("5", "global", "chat"), answer("global chat"));
    }

    @Test
    void purgeByRouteRemovesThatRouteInEveryScope() {
        long removed = store.purge(new CachePurge(Optional.of("chat"), Optional.empty()));

        assertThat(removed).isEqualTo(3);
        assertThat(store.lookup(key("1", "key:alice", "chat"))).isEmpty();
        assertThat(store.lookup(key("3", "key:bob", "chat"))).isEmpty();
        assertThat(store.lookup(key("5", "global", "chat"))).isEmpty();
        assertThat(store.lookup(key("2", "key:alice", "summarize"))).isPresent();
        assertThat(store.lookup(key("4", "key:bob", "summarize"))).isPresent();
    }

    @Test
    void purgeByScopeRemovesThatScopeOnEveryRoute() {
        long removed = store.purge(new CachePurge(Optional.empty(), Optional.of("key:alice")));

        assertThat(removed).isEqualTo(2);
        assertThat(store.lookup(key("1", "key:alice", "chat"))).isEmpty();
        assertThat(store.lookup(key("2", "key:alice", "summarize"))).isEmpty();
        assertThat(store.stats().entries()).isEqualTo(3);
    }

    @Test
    void purgeByRouteAndScopeRemovesOnlyWhereBothMatch() {
        long removed = store.purge(new CachePurge(Optional.of("chat"), Optional.of("key:bob")));

        assertThat(removed).isEqualTo(1);
        assertThat(store.lookup(key("3", "key:bob", "chat"))).isEmpty();
        assertThat(store.stats().entries()).isEqualTo(4);
    }

    @Test
    void purgeAllClearsTheStore() {
        long removed = store.purge(CachePurge.ALL);

        CacheStats stats = store.stats();
        assertThat(removed).isEqualTo(5);
        assertThat(stats.entries()).isZero();
        assertThat(stats.bytes()).isZero();
    }

    @Test
    void purgeOfNothingMatchingRemovesNothing() {
        long removed = store.purge(new CachePurge(Optional.of("translate"), Optional.empty()));

        assertThat(removed).isZero();
        assertThat(store.stats().entries()).isEqualTo(5);
    }

    @Test
    void purgedEntriesAreNeitherEvictionsNorExpirations() {
        store.purge(CachePurge.ALL);

        assertThat(store.stats().evictions()).isZero();
        assertThat(store.stats().expirations()).isZero();
    }

    @Test
    void expiredEntriesAreNotCountedAsPurged() {
        store.store(key("6", "key:carol", "chat", Duration.ofMinutes(1)), answer("carol chat"));
        clock.advance(Duration.ofMinutes(2));

        long removed = store.purge(new CachePurge(Optional.empty(), Optional.of("key:carol")));

        assertThat(removed).isZero();
        assertThat(store.stats().expirations()).isEqualTo(1);
    }
}
