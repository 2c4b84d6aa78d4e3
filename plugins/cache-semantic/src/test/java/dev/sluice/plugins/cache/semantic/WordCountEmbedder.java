package dev.sluice.plugins.cache.semantic;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fast, deterministic stand-in for a model: each word adds 1 to one of 256 dimensions chosen by
 * its hash, so prompts sharing most words are similar. Counts its calls and can be made to fail.
 */
final class WordCountEmbedder implements Embedder {
    static final int DIMENSIONS = 256;

    final AtomicInteger calls = new AtomicInteger();
    volatile boolean failing;
    volatile int dimensions = DIMENSIONS;

    @Override
    public float[] embed(String text) {
        calls.incrementAndGet();
        if (failing) {
            throw new EmbeddingException("the embedder is down");
        }
        float[] vector = new float[dimensions];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                vector[Math.floorMod(word.hashCode(), dimensions)] += 1;
            }
        }
        return vector;
    }

    @Override
    public String description() {
        return "word counts";
    }
}
