package dev.sluice.plugins.cache.semantic;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The embeddings of the last few prompts looked up, so that storing the answer to a miss does
 * not embed its prompt a second time. Bounded by count, the least recently used going first.
 * Thread-safe: each call holds the monitor only for a map operation; embeddings are computed
 * outside it.
 */
final class RecentEmbeddings {
    private final Map<String, float[]> recent;

    RecentEmbeddings(int capacity) {
        this.recent = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The unit vector of a prompt seen lately. The array is shared: never write to it. */
    synchronized Optional<float[]> get(String prompt) {
        return Optional.ofNullable(recent.get(prompt));
    }

    synchronized void put(String prompt, float[] vector) {
        recent.put(prompt, vector);
    }

    synchronized void clear() {
        recent.clear();
    }
}
