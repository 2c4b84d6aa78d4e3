package dev.sluice.plugins.cache.semantic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An approximate nearest-neighbour index over unit vectors: a hierarchical navigable small-world
 * graph (Malkov and Yashunin, 2016), scored by dot product. Each node links to at most
 * {@value #M} neighbours per upper layer and {@code 2M} on the bottom layer, chosen when it is
 * added with the paper's diversity heuristic from {@value #EF_CONSTRUCTION} candidates; a search
 * descends greedily through the sparse upper layers and then explores the bottom layer with a
 * beam of {@code ef} candidates.
 *
 * <p>Removing an entry marks its node: the node still routes searches but is never returned.
 * When marked nodes outnumber live ones the owner builds a compact graph from a
 * {@link #snapshot()} of the live entries, so memory stays within about twice the live entries and
 * the cost of rebuilding is spread over the removals that caused it.
 *
 * <p>Not thread-safe. Searches only read, so several may run at once under a read lock; adding,
 * removing and rebuilding need the lock to themselves.
 */
final class HnswGraph {
    static final int M = 16;
    static final int EF_CONSTRUCTION = 100;
    private static final double LEVEL_FACTOR = 1 / Math.log(M);

    private final int dimensions;
    private final SplittableRandom random;
    private final Map<Long, Integer> nodeOf = new HashMap<>();
    private float[][] vectors = new float[16][];
    private long[] ids = new long[16];
    /** links[node][level]: element 0 is the count, then the neighbours. */
    private int[][][] links = new int[16][][];
    private final BitSet removed = new BitSet();
    private int size;
    private int removedCount;
    private int entryPoint = -1;
    private int topLevel = -1;

    HnswGraph(int dimensions, long seed) {
        this.dimensions = dimensions;
        this.random = new SplittableRandom(seed);
    }

    int dimensions() {
        return dimensions;
    }

    /** Entries that can be found. */
    int live() {
        return size - removedCount;
    }

    /** Nodes held, removed ones included. */
    int nodes() {
        return size;
    }

    /** Whether removed nodes outnumber live ones, so that a compact copy would pay off. */
    boolean wantsRebuild() {
        return removedCount > live();
    }

    /** Adds an entry's unit vector; an id may be added once. */
    void add(long id, float[] vector) {
        if (vector.length != dimensions) {
            throw new IllegalArgumentException("expected " + dimensions + " dimensions, got " + vector.length);
        }
        if (nodeOf.containsKey(id)) {
            throw new IllegalArgumentException("entry " + id + " is already indexed");
        }
        int level = (int) (-Math.log(1 - random.nextDouble()) * LEVEL_FACTOR);
        int node = allocate(id, vector, level);
        if (entryPoint < 0) {
            entryPoint = node;
            topLevel = level;
            return;
        }
        int current = entryPoint;
        for (int l = topLevel; l > level; l--) {
            current = greedy(vector, current, l);
        }
        for (int l = Math.min(level, topLevel); l >= 0; l--) {
            ScoredNodes found = searchLayer(vector, current, EF_CONSTRUCTION, l, false);
            int[] chosen = diverse(vector, drain(found), maxLinks(l));
            int[] own = links[node][l];
            for (int neighbour : chosen) {
                own[++own[0]] = neighbour;
                link(neighbour, node, l);
            }
            current = chosen.length > 0 ? chosen[0] : current;
        }
        if (level > topLevel) {
            topLevel = level;
            entryPoint = node;
        }
    }

    /** Marks an entry removed; false when it was not indexed. */
    boolean remove(long id) {
        Integer node = nodeOf.remove(id);
        if (node == null) {
            return false;
        }
        removed.set(node);
        removedCount++;
        return true;
    }

    /** The live entries most similar to the query, most similar first, at most {@code k}. */
    List<Neighbour> search(float[] query, int k, int ef) {
        if (entryPoint < 0 || live() == 0) {
            return List.of();
        }
        int current = entryPoint;
        for (int l = topLevel; l > 0; l--) {
            current = greedy(query, current, l);
        }
        ScoredNodes found = searchLayer(query, current, Math.max(ef, k), 0, true);
        while (found.size() > k) {
            found.pop();
        }
        Neighbour[] out = new Neighbour[found.size()];
        for (int i = out.length - 1; i >= 0; i--) {
            out[i] = new Neighbour(ids[found.topNode()], found.topSimilarity());
            found.pop();
        }
        return Arrays.asList(out);
    }

    /**
     * The live entries, in the order they were added: what a rebuild needs, taken under the lock
     * so that the rebuild itself can run without it.
     *
     * @param ids the entries' ids
     * @param vectors their vectors, shared with this graph (never written to)
     */
    record Snapshot(long[] ids, float[][] vectors) {
    }

    Snapshot snapshot() {
        long[] liveIds = new long[live()];
        float[][] liveVectors = new float[live()][];
        int i = 0;
        for (int node = 0; node < size; node++) {
            if (!removed.get(node)) {
                liveIds[i] = ids[node];
                liveVectors[i++] = vectors[node];
            }
        }
        return new Snapshot(liveIds, liveVectors);
    }

    /** A compact graph of a snapshot's entries. */
    static HnswGraph of(int dimensions, long seed, Snapshot snapshot) {
        HnswGraph graph = new HnswGraph(dimensions, seed);
        for (int i = 0; i < snapshot.ids().length; i++) {
            graph.add(snapshot.ids()[i], snapshot.vectors()[i]);
        }
        return graph;
    }

    /** Whether an entry is indexed and not removed. */
    boolean contains(long id) {
        return nodeOf.containsKey(id);
    }

    private int allocate(long id, float[] vector, int level) {
        if (size == vectors.length) {
            int capacity = size * 2;
            vectors = Arrays.copyOf(vectors, capacity);
            ids = Arrays.copyOf(ids, capacity);
            links = Arrays.copyOf(links, capacity);
        }
        int node = size++;
        vectors[node] = vector;
        ids[node] = id;
        int[][] levels = new int[level + 1][];
        for (int l = 0; l <= level; l++) {
            levels[l] = new int[maxLinks(l) + 1];
        }
        links[node] = levels;
        nodeOf.put(id, node);
        return node;
    }

    private static int maxLinks(int level) {
        return level == 0 ? 2 * M : M;
    }

    /**
     * Adds {@code node} to the links of {@code from}. A full list keeps its most similar nodes: the
     * diversity heuristic chose them when {@code from} was added, and running it again on every
     * overflow would cost more than the rest of the insertion for no measurable recall.
     */
    private void link(int from, int node, int level) {
        int[] list = links[from][level];
        int count = list[0];
        if (count < list.length - 1) {
            list[count + 1] = node;
            list[0] = count + 1;
            return;
        }
        float[] base = vectors[from];
        int weakest = -1;
        float weakestSimilarity = UnitVectors.dot(base, vectors[node]);
        for (int i = 1; i <= count; i++) {
            float s = UnitVectors.dot(base, vectors[list[i]]);
            if (s < weakestSimilarity) {
                weakestSimilarity = s;
                weakest = i;
            }
        }
        if (weakest > 0) {
            list[weakest] = node;
        }
    }

    /**
     * The paper's heuristic: take candidates from the most similar down, keeping one only if it is
     * more similar to the base than to every one already kept, so links spread in all directions.
     * The candidates are consumed.
     */
    private int[] diverse(float[] base, ScoredNodes candidates, int max) {
        int[] kept = new int[max];
        int count = 0;
        while (!candidates.isEmpty() && count < max) {
            int c = candidates.topNode();
            float toBase = candidates.topSimilarity();
            candidates.pop();
            boolean good = true;
            for (int i = 0; i < count && good; i++) {
                good = UnitVectors.dot(vectors[c], vectors[kept[i]]) <= toBase;
            }
            if (good) {
                kept[count++] = c;
            }
        }
        return Arrays.copyOf(kept, count);
    }

    private int greedy(float[] query, int start, int level) {
        int current = start;
        float best = UnitVectors.dot(query, vectors[current]);
        boolean moved = true;
        while (moved) {
            moved = false;
            int[] list = links[current].length > level ? links[current][level] : new int[] {0};
            for (int i = 1; i <= list[0]; i++) {
                float s = UnitVectors.dot(query, vectors[list[i]]);
                if (s > best) {
                    best = s;
                    current = list[i];
                    moved = true;
                }
            }
        }
        return current;
    }

    /**
     * Beam search on one layer; returns up to {@code ef} nodes, least similar on top. With
     * {@code liveOnly}, removed nodes are walked through but not returned.
     */
    private ScoredNodes searchLayer(float[] query, int start, int ef, int level, boolean liveOnly) {
        BitSet visited = new BitSet(size);
        ScoredNodes candidates = ScoredNodes.highestFirst();
        ScoredNodes results = ScoredNodes.lowestFirst();
        float s0 = UnitVectors.dot(query, vectors[start]);
        visited.set(start);
        candidates.push(start, s0);
        if (!liveOnly || !removed.get(start)) {
            results.push(start, s0);
        }
        while (!candidates.isEmpty()) {
            int c = candidates.topNode();
            float sc = candidates.topSimilarity();
            candidates.pop();
            if (results.size() >= ef && sc < results.topSimilarity()) {
                break;
            }
            int[] list = links[c][level];
            for (int i = 1; i <= list[0]; i++) {
                int n = list[i];
                if (visited.get(n)) {
                    continue;
                }
                visited.set(n);
                float s = UnitVectors.dot(query, vectors[n]);
                if (results.size() < ef || s > results.topSimilarity()) {
                    candidates.push(n, s);
                    if (!liveOnly || !removed.get(n)) {
                        results.push(n, s);
                        if (results.size() > ef) {
                            results.pop();
                        }
                    }
                }
            }
        }
        return results;
    }

    /** The nodes of a lowest-first queue as a highest-first one. */
    private static ScoredNodes drain(ScoredNodes lowestFirst) {
        ScoredNodes out = ScoredNodes.highestFirst();
        while (!lowestFirst.isEmpty()) {
            out.push(lowestFirst.topNode(), lowestFirst.topSimilarity());
            lowestFirst.pop();
        }
        return out;
    }

    /** Every live id, in increasing order. */
    List<Long> liveIds() {
        List<Long> out = new ArrayList<>(nodeOf.keySet());
        out.sort(null);
        return out;
    }
}
