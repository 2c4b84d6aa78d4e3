package dev.sluice.plugins.cache.semantic;

import java.util.Arrays;

/**
 * A binary heap of graph nodes ordered by similarity, without boxing: each element is a long
 * holding an order-preserving form of the similarity in its high half and the node in its low
 * half. {@link #lowestFirst()} pops the least similar node first, {@link #highestFirst()} the most
 * similar. Not thread-safe; each search makes its own.
 */
final class ScoredNodes {
    private final boolean highestFirst;
    private long[] heap = new long[32];
    private int size;

    private ScoredNodes(boolean highestFirst) {
        this.highestFirst = highestFirst;
    }

    static ScoredNodes lowestFirst() {
        return new ScoredNodes(false);
    }

    static ScoredNodes highestFirst() {
        return new ScoredNodes(true);
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void push(int node, float similarity) {
        long key = encode(node, similarity);
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        int i = size++;
        long stored = highestFirst ? ~key : key;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent] <= stored) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = stored;
    }

    /** The node at the top. */
    int topNode() {
        return (int) top();
    }

    /** The similarity of the node at the top. */
    float topSimilarity() {
        return similarityOf(top());
    }

    /** Removes the top. */
    void pop() {
        long last = heap[--size];
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            if (child + 1 < size && heap[child + 1] < heap[child]) {
                child++;
            }
            if (last <= heap[child]) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        if (size > 0) {
            heap[i] = last;
        }
    }

    private long top() {
        return highestFirst ? ~heap[0] : heap[0];
    }

    private static long encode(int node, float similarity) {
        int bits = Float.floatToIntBits(similarity);
        int sortable = bits ^ ((bits >> 31) & 0x7fffffff);
        return ((long) sortable << 32) | (node & 0xffffffffL);
    }

    private static float similarityOf(long key) {
        int sortable = (int) (key >> 32);
        return Float.intBitsToFloat(sortable ^ ((sortable >> 31) & 0x7fffffff));
    }
}
