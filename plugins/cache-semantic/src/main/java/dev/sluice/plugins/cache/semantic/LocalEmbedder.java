package dev.sluice.plugins.cache.semantic;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.concurrent.Semaphore;

/**
 * The {@code local} embedder: all-MiniLM-L6-v2, quantized, on ONNX Runtime in this process
 * (384 dimensions, mean pooling; texts longer than the model's 512 tokens are embedded in parts
 * and averaged). The model file and the native libraries are resources of the plugin JAR; ONNX
 * Runtime and the tokenizer extract their native library to a temporary folder (the tokenizer to
 * {@code ~/.djl.ai}, or {@code DJL_CACHE_DIR}) when first loaded. No network.
 *
 * <p>The model loads once per class loader (about 3 s) and is shared by every store. At most half
 * the processors' worth of embeddings run at once: a native call holds its carrier thread, and
 * the model already spreads one call over several cores.
 */
final class LocalEmbedder implements Embedder {
    static final int DIMENSIONS = 384;

    private final EmbeddingModel model;
    private final Semaphore running = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));

    LocalEmbedder() {
        // The library finds its model file through the thread's context class loader, which in a
        // plugin host is the host's: point it at the plugin's own for the first load.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(LocalEmbedder.class.getClassLoader());
        try {
            // One text at a time, on the caller's thread: no pool of the library's own.
            this.model = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
        } catch (LinkageError | RuntimeException e) {
            throw new EmbeddingException("the local embedding model could not be loaded: " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public float[] embed(String text) {
        try {
            running.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingException("interrupted while waiting to embed", e);
        }
        try {
            return model.embed(text).content().vector();
        } catch (RuntimeException e) {
            throw new EmbeddingException("the local embedding model failed: " + e.getClass().getSimpleName(), e);
        } finally {
            running.release();
        }
    }

    @Override
    public String description() {
        return "local all-MiniLM-L6-v2 (quantized, " + DIMENSIONS + " dimensions)";
    }
}
