package dev.sluice.plugins.cache.semantic;

import static dev.sluice.plugins.cache.semantic.Requests.answer;

import dev.sluice.spi.cache.CacheKey;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Measures what a lookup costs: embedding a short and a ~1 KB prompt with the local model, and
 * searching one partition of 1,000 and of 10,000 entries; also what storing costs and the memory
 * an entry takes. Prints the median and 99th percentile of each. Run with
 *
 * <pre>{@code
 * ./mvnw -B -ntp -q -pl plugins/cache-semantic test-compile org.codehaus.mojo:exec-maven-plugin:3.5.1:java \
 *     -Dexec.mainClass=dev.sluice.plugins.cache.semantic.LookupCost -Dexec.classpathScope=test
 * }</pre>
 */
public final class LookupCost {
    private static final String SHORT = "user: What is the capital of France?";
    private static final String ONE_KB = "user: " + ("I am planning a two-week trip through Portugal in late "
            + "spring with my partner and our two children, aged seven and eleven. We would like to see Lisbon, "
            + "Porto and the Algarve coast, travel mostly by train, and avoid long days in the car. ").repeat(4)
            + "What itinerary would you suggest, and which towns are worth a night?";

    private LookupCost() {
    }

    public static void main(String[] args) {
        System.out.printf("load average at start: %s%n", loadAverage());
        LocalEmbedder embedder = new LocalEmbedder();
        for (int i = 0; i < 50; i++) {
            embedder.embed(SHORT + i);
        }
        report("embed, short prompt (" + SHORT.length() + " chars)", time(300, i -> embedder.embed(SHORT + (i % 7))));
        report("embed, ~1 KB prompt (" + ONE_KB.length() + " chars)", time(200, i -> embedder.embed(ONE_KB + (i % 7))));

        for (int size : new int[] {1_000, 10_000}) {
            measureIndex(size);
        }
        System.out.printf("load average at end: %s%n", loadAverage());
    }

    private static void measureIndex(int size) {
        Random random = new Random(size);
        PromptWords words = PromptWords.of("user: a prompt of a few ordinary words");
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        System.gc();
        long heapBefore = usedHeap();
        // The vectors are counted: an entry keeps its own.
        float[][] vectors = HnswGraphTest.randomVectors(random, size);
        SemanticIndex index = new SemanticIndex(size, SemanticSettings.DEFAULT_THRESHOLD, true);
        long[] storeNanos = new long[size];
        for (int i = 0; i < size; i++) {
            long t0 = System.nanoTime();
            index.put(key(i), answer("answer " + i), vectors[i], words, now);
            storeNanos[i] = System.nanoTime() - t0;
        }
        System.gc();
        long heapAfter = usedHeap();
        // Keeps the vectors reachable until the heap is measured.
        if (vectors.length != size) {
            throw new IllegalStateException();
        }
        report("store, partition growing to " + size, storeNanos);
        if (size >= 10_000) { // smaller sizes drown in the heap's noise
            System.out.printf("memory per entry at %d entries: about %d bytes (heap growth / entries, each answer's "
                    + "JSON being %d bytes)%n", size, (heapAfter - heapBefore) / size, answer("answer 0").json().length);
        }
        CacheKey probe = key(-1);
        float[][] near = new float[500][];
        float[][] far = new float[500][];
        for (int i = 0; i < near.length; i++) {
            near[i] = HnswGraphTest.near(vectors[random.nextInt(size)], 0.95, random);
            far[i] = HnswGraphTest.randomVector(random);
        }
        report("search " + size + " entries, a hit (query 0.95 similar)",
                time(3_000, i -> index.nearest(probe, near[i % near.length], words, now)));
        report("search " + size + " entries, a miss (random query)",
                time(3_000, i -> index.nearest(probe, far[i % far.length], words, now)));
        long[] ids = new long[size];
        for (int i = 0; i < size; i++) {
            ids[i] = i;
        }
        long t0 = System.nanoTime();
        HnswGraph.of(vectors[0].length, 1, new HnswGraph.Snapshot(ids, vectors));
        System.out.printf("%-55s %8.0f ms (once, off the lock)%n", "rebuild a graph of " + size + " entries",
                (System.nanoTime() - t0) / 1e6);
    }

    private static CacheKey key(int i) {
        ChatRequest request = ChatRequest.of("chat", List.of(Message.of("user", "q" + i)));
        return new CacheKey("hash-" + i, "global", "chat", "p", "user: q" + i, request, Duration.ofHours(1));
    }

    private interface Step {
        void run(int i);
    }

    private static long[] time(int iterations, Step step) {
        for (int i = 0; i < Math.min(200, iterations); i++) {
            step.run(i); // warm-up
        }
        long[] nanos = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            step.run(i);
            nanos[i] = System.nanoTime() - t0;
        }
        return nanos;
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2] / 1e6;
        double p99 = sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6;
        System.out.printf("%-55s median %8.3f ms   p99 %8.3f ms   (n=%d)%n", what, median, p99, nanos.length);
    }

    private static long usedHeap() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
