package dev.sluice.plugins.cache.semantic;

import static dev.sluice.plugins.cache.semantic.Requests.answer;
import static dev.sluice.plugins.cache.semantic.Requests.key;
import static dev.sluice.plugins.cache.semantic.Requests.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.cache.CacheHit;
import dev.sluice.spi.cache.CacheKey;
import dev.sluice.spi.cache.CachePurge;
import dev.sluice.spi.cache.CacheStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SemanticStoreTest {
    private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final WordCountEmbedder embedder = new WordCountEmbedder();

    private SemanticStore store(double threshold, int maxEntries) {
        return new SemanticStore(new SemanticSettings(threshold, maxEntries, 4000, true), embedder, clock);
    }

    @Test
    void theSameRequestIsServedFromItsHashWithoutEmbeddingAgain() {
        SemanticStore store = store(0.9, 100);
        store.store(key("What is the capital of France?"), answer("Paris"));
        int embedded = embedder.calls.get();

        Optional<CacheHit> hit = store.lookup(key("What is the capital of France?"));

        assertThat(hit).hasValueSatisfying(h -> {
            assertThat(text(h.answer())).isEqualTo("Paris");
            assertThat(h.similarity()).hasValue(1.0);
        });
        assertThat(embedder.calls.get()).isEqualTo(embedded);
    }

    @Test
    void aRewordedPromptAboveTheThresholdIsServedWithItsSimilarity() {
        SemanticStore store = store(0.7, 100);
        store.store(key("What is the capital of France?"), answer("Paris"));

        Optional<CacheHit> hit = store.lookup(key("Which city is the capital of France?"));

        assertThat(hit).hasValueSatisfying(h -> {
            assertThat(text(h.answer())).isEqualTo("Paris");
            assertThat(h.similarity().getAsDouble()).isBetween(0.7, 0.99);
        });
        assertThat(store.stats().hits()).isEqualTo(1);
    }

    @Test
    void aPromptBelowTheThresholdIsAMiss() {
        SemanticStore store = store(0.95, 100);
        store.store(key("What is the capital of France?"), answer("Paris"));

        assertThat(store.lookup(key("Which city is the capital of France?"))).isEmpty();
        assertThat(store.stats().misses()).isEqualTo(1);
    }

    @Test
    void theSamePromptInAnotherScopeOrRouteNeverHits() {
        SemanticStore store = store(0.5, 100);
        store.store(key("key:alice", "chat", "What is the capital of France?", Requests.HOUR), answer("Paris"));

        assertThat(store.lookup(key("key:bob", "chat", "What is the capital of France?", Requests.HOUR))).isEmpty();
        assertThat(store.lookup(key("key:alice", "other", "What is the capital of France?", Requests.HOUR))).isEmpty();
        assertThat(store.lookup(key("key:alice", "chat", "What is the capital of France?", Requests.HOUR))).isPresent();
    }

    @Test
    void anEntryExpiresAfterItsOwnTtl() {
        SemanticStore store = store(0.9, 100);
        store.store(key("key:k1", "chat", "short lived question", Duration.ofMinutes(1)), answer("soon gone"));
        store.store(key("key:k1", "chat", "long lived question", Duration.ofHours(1)), answer("stays"));

        clock.advance(Duration.ofMinutes(1));

        assertThat(store.lookup(key("key:k1", "chat", "short lived question", Requests.HOUR))).isEmpty();
        assertThat(store.lookup(key("key:k1", "chat", "long lived question", Requests.HOUR))).isPresent();
        assertThat(store.stats().expirations()).isEqualTo(1);
        assertThat(store.stats().entries()).isEqualTo(1);
    }

    @Test
    void anExpiredEntryIsNotServedToAParaphraseEither() {
        SemanticStore store = store(0.5, 100);
        store.store(key("key:k1", "chat", "What is the capital of France?", Duration.ofMinutes(1)), answer("Paris"));

        clock.advance(Duration.ofMinutes(2));

        assertThat(store.lookup(key("Which city is the capital of France?"))).isEmpty();
        assertThat(store.stats().entries()).isZero();
    }

    @Test
    void expiredEntriesAreSweptWithoutBeingLookedUp() {
        SemanticStore store = store(0.9, 100);
        for (int i = 0; i < 20; i++) {
            store.store(key("key:k1", "chat", "question number " + i, Duration.ofMinutes(1)), answer("a" + i));
        }
        clock.advance(Duration.ofMinutes(2));

        store.store(key("a fresh question"), answer("fresh"));

        assertThat(store.stats().entries()).isEqualTo(1);
        assertThat(store.stats().expirations()).isEqualTo(20);
        assertThat(store.stats().evictions()).isZero();
    }

    @Test
    void aFullStoreEvictsTheLeastRecentlyUsedEntry() {
        SemanticStore store = store(0.99, 3);
        store.store(key("alpha question"), answer("A"));
        store.store(key("bravo question"), answer("B"));
        store.store(key("charlie question"), answer("C"));
        assertThat(store.lookup(key("alpha question"))).isPresent();

        store.store(key("delta question"), answer("D"));

        assertThat(store.lookup(key("bravo question"))).isEmpty();
        assertThat(store.lookup(key("alpha question"))).isPresent();
        assertThat(store.lookup(key("charlie question"))).isPresent();
        assertThat(store.lookup(key("delta question"))).isPresent();
        CacheStats stats = store.stats();
        assertThat(stats.entries()).isEqualTo(3);
        assertThat(stats.evictions()).isEqualTo(1);
    }

    @Test
    void theBoundHoldsAcrossPartitions() {
        SemanticSettings settings = new SemanticSettings(0.99, 50, 4000, true);
        SemanticStore store = new SemanticStore(settings, embedder, clock,
                new SemanticIndex(50, 0.99, true, Runnable::run));
        for (int i = 0; i < 500; i++) {
            store.store(key("key:k" + (i % 7), "chat", "question " + i, Requests.HOUR), answer("a" + i));
        }

        assertThat(store.stats().entries()).isLessThanOrEqualTo(50);
        assertThat(store.stats().evictions()).isEqualTo(500 - store.stats().entries());
        assertThat(store.graphNodes()).isLessThanOrEqualTo(2 * 50 + 7);
    }

    @Test
    void aGraphIsRebuiltOffTheLockAndKeepsWhatChangedMeanwhile() {
        List<Runnable> rebuilds = new ArrayList<>();
        SemanticStore store = new SemanticStore(new SemanticSettings(0.99, 100, 4000, true), embedder, clock,
                new SemanticIndex(100, 0.99, true, rebuilds::add));
        storeAll(store, "short", 25, Duration.ofMinutes(1));
        storeAll(store, "medium", 5, Duration.ofMinutes(3));
        storeAll(store, "long", 10, Requests.HOUR);
        clock.advance(Duration.ofMinutes(2));

        store.store(key("the trigger"), answer("t")); // sweeps 25 expired entries: more removed than live
        assertThat(rebuilds).hasSize(1);
        assertThat(store.graphNodes()).isEqualTo(41);

        // While the rebuild is pending: lookups go on, one entry comes, five go.
        store.store(key("a late question"), answer("late"));
        assertThat(store.lookup(key("long question 3"))).isPresent();
        clock.advance(Duration.ofMinutes(2));
        assertThat(store.lookup(key("medium question 0"))).isEmpty();
        assertThat(rebuilds).hasSize(1);
        rebuilds.remove(0).run();

        assertThat(store.graphNodes()).isEqualTo(17); // 16 snapshotted (5 since removed) + 1 added
        assertThat(store.stats().entries()).isEqualTo(12);
        assertThat(store.lookup(key("a late question"))).isPresent();
        assertThat(store.lookup(key("long question 7"))).isPresent();
        assertThat(store.lookup(key("medium question 1"))).isEmpty();
    }

    private static void storeAll(SemanticStore store, String kind, int count, Duration ttl) {
        for (int i = 0; i < count; i++) {
            store.store(key("key:k1", "chat", kind + " question " + i, ttl), answer(kind + i));
        }
    }

    @Test
    void purgeRemovesOnlyWhatMatchesRouteAndScope() {
        SemanticStore store = store(0.99, 100);
        store.store(key("key:a", "chat", "first question", Requests.HOUR), answer("1"));
        store.store(key("key:a", "code", "second question", Requests.HOUR), answer("2"));
        store.store(key("key:b", "chat", "third question", Requests.HOUR), answer("3"));

        assertThat(store.purge(new CachePurge(Optional.of("chat"), Optional.of("key:a")))).isEqualTo(1);
        assertThat(store.lookup(key("key:a", "chat", "first question", Requests.HOUR))).isEmpty();
        assertThat(store.lookup(key("key:a", "code", "second question", Requests.HOUR))).isPresent();

        assertThat(store.purge(new CachePurge(Optional.empty(), Optional.of("key:b")))).isEqualTo(1);
        assertThat(store.purge(CachePurge.ALL)).isEqualTo(1);
        assertThat(store.stats().entries()).isZero();
        assertThat(store.stats().bytes()).isZero();
        assertThat(store.stats().evictions()).isZero();
    }

    @Test
    void storingTheAnswerToAMissReusesTheLookupsEmbedding() {
        SemanticStore store = store(0.9, 100);
        CacheKey key = key("How do I reverse a list in Python?");
        assertThat(store.lookup(key)).isEmpty();

        store.store(key, answer("reversed()"));

        assertThat(embedder.calls.get()).isEqualTo(1);
    }

    @Test
    void storingTheSameRequestAgainReplacesItsAnswer() {
        SemanticStore store = store(0.9, 100);
        store.store(key("What is the capital of France?"), answer("Paris"));
        store.store(key("What is the capital of France?"), answer("Paris, still"));

        assertThat(store.lookup(key("What is the capital of France?")))
                .hasValueSatisfying(h -> assertThat(text(h.answer())).isEqualTo("Paris, still"));
        assertThat(store.stats().entries()).isEqualTo(1);
        assertThat(store.stats().bytes()).isEqualTo(answer("Paris, still").weight());
    }

    @Test
    void promptsLongerThanTheLimitAreNeitherEmbeddedNorStored() {
        SemanticStore store = new SemanticStore(new SemanticSettings(0.9, 100, 20, true), embedder, clock);
        CacheKey longOne = key("a prompt that is longer than twenty characters");

        store.store(longOne, answer("x"));

        assertThat(store.lookup(longOne)).isEmpty();
        assertThat(embedder.calls.get()).isZero();
        assertThat(store.stats().entries()).isZero();
    }

    @Test
    void aFailingEmbedderMakesAMissAndNotAnError() {
        SemanticStore store = store(0.5, 100);
        store.store(key("What is the capital of France?"), answer("Paris"));
        embedder.failing = true;

        assertThat(store.lookup(key("Which city is the capital of France?"))).isEmpty();
        store.store(key("Another question"), answer("not kept"));

        assertThat(store.stats().entries()).isEqualTo(1);
        assertThat(store.stats().misses()).isEqualTo(1);
    }

    @Test
    void vectorsOfAnotherLengthAreNeitherComparedNorMixed() {
        SemanticStore store = store(0.5, 100);
        store.store(key("What is the capital of France?"), answer("Paris"));
        embedder.dimensions = 128;

        assertThat(store.lookup(key("Which city is the capital of France?"))).isEmpty();
        store.store(key("Which city is the capital of France?"), answer("not kept"));

        assertThat(store.stats().entries()).isEqualTo(1);
    }

    @Test
    void wordChecksRefuseANeighbourThatAsksAboutOtherNumbers() {
        SemanticStore checked = store(0.5, 100);
        SemanticStore unchecked = new SemanticStore(new SemanticSettings(0.5, 100, 4000, false), embedder, clock);
        for (SemanticStore s : new SemanticStore[] {checked, unchecked}) {
            s.store(key("Convert 5 km to miles."), answer("3.1 miles"));
        }

        assertThat(checked.lookup(key("Convert 8 km to miles."))).isEmpty();
        assertThat(unchecked.lookup(key("Convert 8 km to miles."))).isPresent();
    }

    @Test
    void aCloseEmptiesTheStore() {
        SemanticStore store = store(0.9, 100);
        store.store(key("What is the capital of France?"), answer("Paris"));

        store.close();

        assertThat(store.stats().entries()).isZero();
    }
}
