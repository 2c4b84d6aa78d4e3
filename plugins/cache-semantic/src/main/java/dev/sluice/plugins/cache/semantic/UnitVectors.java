package dev.sluice.plugins.cache.semantic;

/** Arithmetic on embeddings: every vector the store keeps has length 1, so cosine similarity is a dot product. */
final class UnitVectors {
    private UnitVectors() {
    }

    /** A copy scaled to length 1; a zero vector cannot be compared and is refused. */
    static float[] normalized(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        if (sum == 0 || Double.isNaN(sum) || Double.isInfinite(sum)) {
            throw new EmbeddingException("the embedder returned a vector that cannot be normalised");
        }
        double scale = 1 / Math.sqrt(sum);
        float[] out = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            out[i] = (float) (vector[i] * scale);
        }
        return out;
    }

    /** The dot product: for unit vectors, their cosine similarity. */
    static float dot(float[] a, float[] b) {
        // Four running sums let the JIT keep several multiply-adds in flight.
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int n = a.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
