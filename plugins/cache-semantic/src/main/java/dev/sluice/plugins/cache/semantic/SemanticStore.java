package dev.sluice.plugins.cache.semantic;

import dev.sluice.spi.cache.CacheHit;
import dev.sluice.spi.cache.CacheKey;
import dev.sluice.spi.cache.CachePurge;
import dev.sluice.spi.cache.CacheStats;
import dev.sluice.spi.cache.CacheStore;
import dev.sluice.spi.cache.CachedAnswer;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An open {@code semantic} store. A lookup first tries the request's exact hash (no embedding
 * needed), then embeds the prompt and serves the most similar live answer of the same partition
 * at or above the threshold whose words do not conflict. A store reuses the lookup's embedding
 * when the prompt was looked up lately.
 *
 * <p>Thread-safe. Embeddings are computed before any lock is taken; a failed embedding is a miss
 * (or a skipped store), logged at most once a minute, and never fails the request.
 */
final class SemanticStore implements CacheStore {
    private static final Logger LOG = Logger.getLogger(SemanticStore.class.getName());
    private static final int RECENT_EMBEDDINGS = 256;
    private static final long WARN_EVERY_NANOS = 60_000_000_000L;

    private final SemanticSettings settings;
    private final Embedder embedder;
    private final Clock clock;
    private final SemanticIndex index;
    private final RecentEmbeddings recent = new RecentEmbeddings(RECENT_EMBEDDINGS);
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    SemanticStore(SemanticSettings settings, Embedder embedder, Clock clock) {
        this(settings, embedder, clock,
                new SemanticIndex(settings.maxEntries(), settings.threshold(), settings.wordChecks()));
    }

    /** A store on a given index (tests rebuild graphs at once with {@code Runnable::run}). */
    SemanticStore(SemanticSettings settings, Embedder embedder, Clock clock, SemanticIndex index) {
        this.settings = settings;
        this.embedder = embedder;
        this.clock = clock;
        this.index = index;
    }

    @Override
    public Optional<CacheHit> lookup(CacheKey key) {
        Optional<Match> match = find(key);
        if (match.isPresent()) {
            hits.increment();
            return Optional.of(new CacheHit(match.get().answer(), OptionalDouble.of(match.get().similarity())));
        }
        misses.increment();
        return Optional.empty();
    }

    @Override
    public void store(CacheKey key, CachedAnswer answer) {
        if (!embeddable(key.prompt()) || key.ttl().isNegative() || key.ttl().isZero()) {
            return;
        }
        Optional<float[]> vector = recent.get(key.prompt()).or(() -> embed(key.prompt()));
        if (vector.isEmpty()) {
            return;
        }
        if (!index.put(key, answer, vector.get(), PromptWords.of(key.prompt()), clock.instant())) {
            warn("an embedding of " + vector.get().length + " dimensions does not match the vectors stored before;"
                    + " the answer was not kept", null);
        }
    }

    @Override
    public long purge(CachePurge what) {
        return index.purge(what);
    }

    @Override
    public CacheStats stats() {
        long[] counts = index.counts();
        return new CacheStats(counts[0], counts[1], hits.sum(), misses.sum(), counts[2], counts[3]);
    }

    @Override
    public void close() {
        index.clear();
        recent.clear();
        embedder.close();
    }

    /** For tests: graph nodes held, removed ones included. */
    int graphNodes() {
        return index.graphNodes();
    }

    private Optional<Match> find(CacheKey key) {
        if (!embeddable(key.prompt())) {
            return Optional.empty();
        }
        Optional<Match> exact = index.exact(key, clock.instant());
        if (exact.isPresent()) {
            return exact;
        }
        Optional<float[]> vector = embed(key.prompt());
        if (vector.isEmpty()) {
            return Optional.empty();
        }
        recent.put(key.prompt(), vector.get());
        return index.nearest(key, vector.get(), PromptWords.of(key.prompt()), clock.instant());
    }

    private boolean embeddable(String prompt) {
        return !prompt.isBlank() && prompt.length() <= settings.maxPromptChars();
    }

    private Optional<float[]> embed(String prompt) {
        try {
            return Optional.of(UnitVectors.normalized(embedder.embed(prompt)));
        } catch (EmbeddingException e) {
            warn("could not embed a prompt with " + embedder.description() + ": " + e.getMessage(), e);
            return Optional.empty();
        }
    }

    /** Logs at most once a minute, so a failing embedder cannot flood the log. */
    private void warn(String message, Throwable cause) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            LOG.log(Level.WARNING, "semantic cache: " + message + " (further such warnings are held back for a minute)",
                    cause);
        } else {
            LOG.log(Level.FINE, "semantic cache: " + message, cause);
        }
    }
}
