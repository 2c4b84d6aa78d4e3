package dev.sluice.plugins.cache.semantic;

import dev.sluice.spi.config.Settings;

/**
 * The settings of a {@code semantic} store, except its {@code embedder} (see {@link Embedders}).
 *
 * @param threshold the least cosine similarity at which a stored answer is served
 * @param maxEntries the most entries kept, over all partitions
 * @param maxPromptChars prompts longer than this are neither embedded nor stored
 * @param wordChecks whether near neighbours are also compared word by word ({@link PromptWords})
 */
record SemanticSettings(double threshold, int maxEntries, int maxPromptChars, boolean wordChecks) {

    /**
     * The default threshold: on the labelled pairs of {@code paraphrases.tsv} and
     * {@code paraphrases-holdout.tsv}, the local model with the word checks serves no answer to a
     * different question at 0.93 (the highest such pair scores 0.919).
     */
    static final double DEFAULT_THRESHOLD = 0.93;
    static final int DEFAULT_MAX_ENTRIES = 10_000;
    static final int DEFAULT_MAX_PROMPT_CHARS = 4_000;

    static final SemanticSettings DEFAULTS = new SemanticSettings(DEFAULT_THRESHOLD, DEFAULT_MAX_ENTRIES,
            DEFAULT_MAX_PROMPT_CHARS, true);

    /** Reads {@code threshold}, {@code max_entries}, {@code max_prompt_chars} and {@code word_checks}. */
    static SemanticSettings read(Settings settings) {
        double threshold = settings.number("threshold").orElse(DEFAULT_THRESHOLD);
        if (!(threshold > 0 && threshold <= 1)) {
            throw settings.error("threshold", "must be a cosine similarity above 0 and at most 1, got " + threshold);
        }
        int maxEntries = settings.integer("max_entries").orElse(DEFAULT_MAX_ENTRIES);
        if (maxEntries < 1) {
            throw settings.error("max_entries", "must be at least 1, got " + maxEntries);
        }
        int maxPromptChars = settings.integer("max_prompt_chars").orElse(DEFAULT_MAX_PROMPT_CHARS);
        if (maxPromptChars < 1) {
            throw settings.error("max_prompt_chars", "must be at least 1, got " + maxPromptChars);
        }
        boolean wordChecks = settings.bool("word_checks").orElse(true);
        return new SemanticSettings(threshold, maxEntries, maxPromptChars, wordChecks);
    }
}
