package dev.sluice.plugins.mock;

import java.nio.charset.StandardCharsets;

/**
 * Deterministic stand-in embeddings: a unit vector drawn from a generator seeded by the text, so
 * equal texts get equal vectors on every machine and every run.
 */
final class MockVectors {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private MockVectors() {
    }

    /** The vector of a text, L2-normalised. */
    static float[] of(String text, int dimensions) {
        long state = seed(text);
        double[] raw = new double[dimensions];
        double squares = 0;
        for (int i = 0; i < dimensions; i++) {
            state += 0x9e3779b97f4a7c15L;
            // Top 53 bits of a SplitMix64 output, mapped to [-1, 1).
            raw[i] = (mix(state) >>> 11) * 0x1.0p-52 - 1.0;
            squares += raw[i] * raw[i];
        }
        double norm = squares == 0 ? 1 : Math.sqrt(squares);
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (raw[i] / norm);
        }
        return vector;
    }

    /** FNV-1a over the UTF-8 bytes: a 64-bit seed, where {@link String#hashCode()} gives only 32. */
    private static long seed(String text) {
        long hash = FNV_OFFSET;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash;
    }

    /** SplitMix64's finaliser: written out so the vectors cannot change with a JDK's generator. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
