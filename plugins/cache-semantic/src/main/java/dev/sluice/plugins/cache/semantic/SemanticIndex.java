package dev.sluice.plugins.cache.semantic;

import dev.sluice.spi.cache.CacheKey;
import dev.sluice.spi.cache.CachePurge;
import dev.sluice.spi.cache.CachedAnswer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The entries of a {@code semantic} store: one {@link HnswGraph} per partition, so a search never
 * sees another partition's entries; at most {@code max_entries} in all, the least recently used
 * going first; each entry until its own expiry.
 *
 * <p>Thread-safe through one read-write lock: searches share the read lock and run in parallel;
 * storing, removing and sweeping take the write lock. Vectors arrive already computed, and a graph
 * whose removed nodes outnumber its live ones is rebuilt off the lock, so the write lock is held
 * for an insertion at most (about a millisecond at 10,000 entries).
 *
 * <p>Expired entries are never served; they are removed when a search meets them, when the store
 * is full, and by a sweep at most once a minute of the gateway's clock.
 */
final class SemanticIndex {
    /** Neighbours examined per lookup: the best may be expired or refused by the word checks. */
    static final int CANDIDATES = 8;
    /** The search beam: recall@1 of at least 0.99 at 10,000 entries of one partition. */
    static final int EF_SEARCH = 96;
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, HnswGraph> graphs = new HashMap<>();
    /** Partitions whose graph is being rebuilt. */
    private final Set<String> rebuilding = new HashSet<>();
    private final Executor rebuilder;
    private final Map<Long, Entry> entries = new HashMap<>();
    private final Map<String, Entry> byHash = new HashMap<>();
    private final AtomicLong uses = new AtomicLong();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder expirations = new LongAdder();
    private final int maxEntries;
    private final double threshold;
    private final boolean wordChecks;
    private long nextId;
    private long bytes;
    private volatile Instant nextSweep = Instant.MIN;

    /** An index whose graphs are rebuilt on virtual threads of their own. */
    SemanticIndex(int maxEntries, double threshold, boolean wordChecks) {
        this(maxEntries, threshold, wordChecks, job -> Thread.ofVirtual().name("semantic-cache-rebuild").start(job));
    }

    /** An index whose graphs are rebuilt by the given executor ({@code Runnable::run} in tests: at once). */
    SemanticIndex(int maxEntries, double threshold, boolean wordChecks, Executor rebuilder) {
        this.rebuilder = rebuilder;
        this.maxEntries = maxEntries;
        this.threshold = threshold;
        this.wordChecks = wordChecks;
    }

    /** The live answer stored for exactly this request, found by its hash without any embedding. */
    Optional<Match> exact(CacheKey key, Instant now) {
        Entry found;
        lock.readLock().lock();
        try {
            found = byHash.get(key.hash());
            if (found != null && belongs(found, key) && !found.expiredAt(now)) {
                found.lastUsed = uses.incrementAndGet();
                return Optional.of(new Match(found.answer, 1.0));
            }
        } finally {
            lock.readLock().unlock();
        }
        if (found != null && found.expiredAt(now)) {
            expire(List.of(found.id), now);
        }
        return Optional.empty();
    }

    /**
     * The most similar live answer of the partition at or above the threshold whose words do not
     * conflict with the prompt's.
     */
    Optional<Match> nearest(CacheKey key, float[] vector, PromptWords words, Instant now) {
        List<Long> expired = new ArrayList<>();
        Optional<Match> match = Optional.empty();
        lock.readLock().lock();
        try {
            HnswGraph graph = graphs.get(key.partition());
            if (graph != null && graph.dimensions() == vector.length) {
                for (Neighbour n : graph.search(vector, CANDIDATES, EF_SEARCH)) {
                    if (n.similarity() < threshold) {
                        break;
                    }
                    Entry e = entries.get(n.id());
                    if (e.expiredAt(now)) {
                        expired.add(e.id);
                    } else if (belongs(e, key) && (!wordChecks || words.conflictWith(e.words).isEmpty())) {
                        e.lastUsed = uses.incrementAndGet();
                        match = Optional.of(new Match(e.answer, Math.min(1.0, n.similarity())));
                        break;
                    }
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        expire(expired, now);
        if (!now.isBefore(nextSweep)) {
            lock.writeLock().lock();
            try {
                sweep(now);
            } finally {
                lock.writeLock().unlock();
            }
        }
        return match;
    }

    /**
     * Keeps an answer, replacing one stored for the same request; false when the vector's length
     * does not match the partition's (the embedder changed its dimensions).
     */
    boolean put(CacheKey key, CachedAnswer answer, float[] vector, PromptWords words, Instant now) {
        Instant expiresAt = now.plus(key.ttl());
        lock.writeLock().lock();
        try {
            Set<String> touched = new HashSet<>();
            Entry previous = byHash.get(key.hash());
            if (previous != null) {
                remove(previous, touched);
            }
            HnswGraph graph = graphs.get(key.partition());
            if (graph != null && graph.dimensions() != vector.length) {
                compact(touched);
                return false;
            }
            if (graph == null) {
                graph = new HnswGraph(vector.length, key.partition().hashCode() * 31L + nextId);
                graphs.put(key.partition(), graph);
            }
            long id = nextId++;
            Entry entry = new Entry(id, key.partition(), key.hash(), key.route(), key.scope(), answer, vector, words,
                    expiresAt, uses.incrementAndGet());
            entries.put(id, entry);
            byHash.put(key.hash(), entry);
            graph.add(id, vector);
            bytes += answer.weight();
            if (!now.isBefore(nextSweep)) {
                sweep(now);
            }
            if (entries.size() > maxEntries) {
                makeRoom(now, touched);
            }
            compact(touched);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes the entries of a route, a scope, both or all; returns how many went. */
    long purge(CachePurge what) {
        lock.writeLock().lock();
        try {
            Set<String> touched = new HashSet<>();
            List<Entry> going = entries.values().stream().filter(e -> what.matches(e.route, e.scope)).toList();
            going.forEach(e -> remove(e, touched));
            compact(touched);
            return going.size();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Entries held, their weight, and the eviction and expiry counts, read together. */
    long[] counts() {
        lock.readLock().lock();
        try {
            return new long[] {entries.size(), bytes, evictions.sum(), expirations.sum()};
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Graph nodes held in all, removed ones included (for tests of the compaction). */
    int graphNodes() {
        lock.readLock().lock();
        try {
            return graphs.values().stream().mapToInt(HnswGraph::nodes).sum();
        } finally {
            lock.readLock().unlock();
        }
    }

    void clear() {
        lock.writeLock().lock();
        try {
            graphs.clear();
            entries.clear();
            byHash.clear();
            bytes = 0;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The partition already separates scopes; the scope is checked again so that no hash can mix them. */
    private static boolean belongs(Entry e, CacheKey key) {
        return e.partition.equals(key.partition()) && e.scope.equals(key.scope());
    }

    private void expire(List<Long> ids, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        lock.writeLock().lock();
        try {
            Set<String> touched = new HashSet<>();
            for (long id : ids) {
                Entry e = entries.get(id);
                if (e != null && e.expiredAt(now)) {
                    remove(e, touched);
                    expirations.increment();
                }
            }
            compact(touched);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Under the write lock: removes every expired entry. */
    private void sweep(Instant now) {
        if (now.isBefore(nextSweep)) {
            return; // another thread swept while this one waited for the lock
        }
        nextSweep = now.plus(SWEEP_EVERY);
        Set<String> touched = new HashSet<>();
        List<Entry> expired = entries.values().stream().filter(e -> e.expiredAt(now)).toList();
        expired.forEach(e -> remove(e, touched));
        expirations.add(expired.size());
        compact(touched);
    }

    /**
     * Under the write lock, with the store over its bound: expired entries go first, then the least
     * recently used, one hundredth of the bound at a time so the scan is paid once per many stores.
     */
    private void makeRoom(Instant now, Set<String> touched) {
        List<Entry> expired = entries.values().stream().filter(e -> e.expiredAt(now)).toList();
        expired.forEach(e -> remove(e, touched));
        expirations.add(expired.size());
        int excess = entries.size() - maxEntries;
        if (excess <= 0) {
            return;
        }
        List<Entry> victims = Entry.leastRecentlyUsed(entries.values(),
                Math.min(entries.size() - 1, excess + maxEntries / 100));
        victims.forEach(e -> remove(e, touched));
        evictions.add(victims.size());
    }

    private void remove(Entry e, Set<String> touched) {
        entries.remove(e.id);
        byHash.remove(e.hash, e);
        HnswGraph graph = graphs.get(e.partition);
        if (graph != null && graph.remove(e.id)) {
            touched.add(e.partition);
        }
        bytes -= e.answer.weight();
    }

    /**
     * Under the write lock: drops emptied graphs, and has those whose removed nodes outnumber their
     * live ones rebuilt, off the lock, from a snapshot of their live entries.
     */
    private void compact(Set<String> partitions) {
        for (String partition : partitions) {
            HnswGraph graph = graphs.get(partition);
            if (graph == null) {
                continue;
            }
            if (graph.live() == 0) {
                graphs.remove(partition);
            } else if (graph.wantsRebuild() && rebuilding.add(partition)) {
                HnswGraph.Snapshot snapshot = graph.snapshot();
                long seed = partition.hashCode() * 31L + nextId;
                rebuilder.execute(() -> rebuild(partition, graph, snapshot, seed));
            }
        }
    }

    /**
     * Builds a compact graph without holding the lock (lookups and stores go on with the old one),
     * then, under the write lock, applies what changed meanwhile and swaps it in.
     */
    private void rebuild(String partition, HnswGraph old, HnswGraph.Snapshot snapshot, long seed) {
        try {
            HnswGraph fresh = HnswGraph.of(old.dimensions(), seed, snapshot);
            lock.writeLock().lock();
            try {
                if (graphs.get(partition) != old) {
                    return; // emptied, purged or cleared meanwhile
                }
                for (long id : fresh.liveIds()) {
                    if (!old.contains(id)) {
                        fresh.remove(id);
                    }
                }
                for (long id : old.liveIds()) {
                    if (!fresh.contains(id)) {
                        fresh.add(id, entries.get(id).vector);
                    }
                }
                graphs.put(partition, fresh);
            } finally {
                lock.writeLock().unlock();
            }
        } finally {
            lock.writeLock().lock();
            try {
                rebuilding.remove(partition);
            } finally {
                lock.writeLock().unlock();
            }
        }
    }
}
