package dev.sluice.plugins.cache.semantic;

import static dev.sluice.plugins.cache.semantic.Requests.answer;
import static dev.sluice.plugins.cache.semantic.Requests.key;
import static dev.sluice.plugins.cache.semantic.Requests.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.cache.CacheHit;
import dev.sluice.spi.cache.CachePurge;
import dev.sluice.spi.cache.CacheStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
    private static final String[] TOPICS = {"apples", "rivers", "volcanoes", "jazz", "chess", "bridges", "comets",
        "tulips", "glaciers", "violins", "deserts", "owls"};

    private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void concurrentLookupsStoresAndPurgesKeepEveryAnswerInItsScope() throws Exception {
        SemanticStore store = new SemanticStore(new SemanticSettings(0.6, 40, 4000, true), new WordCountEmbedder(),
                clock);
        Queue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicLong lookups = new AtomicLong();
        AtomicLong paraphraseHits = new AtomicLong();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                running.add(pool.submit(() -> {
                    for (int r = 0; r < 300; r++) {
                        String scope = "key:" + ((thread + r) % 5);
                        String topic = TOPICS[(thread * 7 + r) % TOPICS.length];
                        if (r % 3 == 0) {
                            store.store(key(scope, "chat", "tell me about " + topic, Requests.HOUR),
                                    answer(scope + "|" + topic));
                        } else {
                            boolean reworded = r % 3 == 2;
                            String prompt = (reworded ? "please tell me about " : "tell me about ") + topic;
                            lookups.incrementAndGet();
                            Optional<CacheHit> hit = store.lookup(key(scope, "chat", prompt, Requests.HOUR));
                            if (hit.isPresent() && !text(hit.get().answer()).equals(scope + "|" + topic)) {
                                violations.add(prompt + " in " + scope + " got " + text(hit.get().answer()));
                            }
                            if (hit.isPresent() && reworded) {
                                paraphraseHits.incrementAndGet();
                            }
                        }
                        if (r % 101 == 100) {
                            store.purge(new CachePurge(Optional.empty(), Optional.of(scope)));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
        }

        CacheStats stats = store.stats();
        assertThat(violations).isEmpty();
        assertThat(stats.hits() + stats.misses()).isEqualTo(lookups.get());
        assertThat(paraphraseHits.get()).isPositive();
        assertThat(stats.entries()).isBetween(0L, 40L);
        assertThat(stats.bytes()).as("weights of the entries held")
                .isBetween(stats.entries() * 256, stats.entries() * (256 + 64));
    }

    @Test
    void anEmbeddingInProgressHoldsUpNoOtherRequest() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WordCountEmbedder words = new WordCountEmbedder();
        Embedder slowForOnePrompt = new Embedder() {
            @Override
            public float[] embed(String text) {
                if (text.contains("slow")) {
                    entered.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return words.embed(text);
            }

            @Override
            public String description() {
                return "slow for one prompt";
            }
        };
        SemanticStore store = new SemanticStore(new SemanticSettings(0.9, 100, 4000, true), slowForOnePrompt, clock);
        store.store(key("a question already answered"), answer("stored"));
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Optional<CacheHit>> slow = pool.submit(() -> store.lookup(key("a slow question")));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

            // While that embedding is in progress, the others go through.
            store.store(key("another question"), answer("other"));
            assertThat(store.lookup(key("another question"))).isPresent();
            assertThat(store.lookup(key("a question already answered again"))).isPresent();
            assertThat(store.purge(CachePurge.ALL)).isEqualTo(2);
            assertThat(slow.isDone()).isFalse();

            release.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS)).isEmpty();
        }
    }
}
