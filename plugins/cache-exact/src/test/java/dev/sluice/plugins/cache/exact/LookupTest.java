package dev.sluice.plugins.cache.exact;

import static dev.sluice.plugins.cache.exact.Stores.answer;
import static dev.sluice.plugins.cache.exact.Stores.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.cache.CacheHit;
import dev.sluice.spi.cache.CacheStore;
import dev.sluice.spi.cache.CachedAnswer;
import org.junit.jupiter.api.Test;

class LookupTest {
    private final CacheStore store = Stores.open(new FakeClock());

    @Test
    void storedAnswerIsFoundUnderItsHash() {
        CachedAnswer answer = answer("Paris.");
        store.store(key("h1"), answer);

        assertThat(store.lookup(key("h1"))).map(CacheHit::answer).containsSame(answer);
    }

    @Test
    void exactHitHasNoSimilarity() {
        store.store(key("h1"), answer("Paris."));

        assertThat(store.lookup(key("h1")).orElseThrow().similarity()).isEmpty();
    }

    @Test
    void unknownHashIsAMiss() {
        store.store(key("h1"), answer("Paris."));

        assertThat(store.lookup(key("h2"))).isEmpty();
    }

    @Test
    void entryOfAnotherScopeIsNeverServedEvenUnderTheSameHash() {
        store.store(key("h1", "key:alice", "chat"), answer("for alice"));

        assertThat(store.lookup(key("h1", "key:bob", "chat"))).isEmpty();
        assertThat(store.lookup(key("h1", "global", "chat"))).isEmpty();
        assertThat(store.lookup(key("h1", "key:alice", "chat"))).isPresent();
    }

    @Test
    void entryOfAnotherRouteIsNeverServedEvenUnderTheSameHash() {
        store.store(key("h1", "key:alice", "chat"), answer("from chat"));

        assertThat(store.lookup(key("h1", "key:alice", "summarize"))).isEmpty();
    }

    @Test
    void refusedEntryCountsAsAMiss() {
        store.store(key("h1", "key:alice", "chat"), answer("for alice"));

        store.lookup(key("h1", "key:bob", "chat"));

        assertThat(store.stats().misses()).isEqualTo(1);
        assertThat(store.stats().hits()).isZero();
    }

    @Test
    void laterAnswerReplacesEarlierOneUnderTheSameHash() {
        store.store(key("h1"), answer("first"));
        CachedAnswer second = answer("second");
        store.store(key("h1"), second);

        assertThat(store.lookup(key("h1"))).map(CacheHit::answer).containsSame(second);
        assertThat(store.stats().entries()).isEqualTo(1);
        assertThat(store.stats().bytes()).isEqualTo(second.weight());
    }

    @Test
    void closedStoreKeepsNothing() {
        store.store(key("h1"), answer("Paris."));

        store.close();
        store.store(key("h2"), answer("Rome."));

        assertThat(store.lookup(key("h1"))).isEmpty();
        assertThat(store.lookup(key("h2"))).isEmpty();
        assertThat(store.stats().entries()).isZero();
        assertThat(store.stats().bytes()).isZero();
    }
}
