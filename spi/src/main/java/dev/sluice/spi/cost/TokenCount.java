package dev.sluice.spi.cost;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Token counts guessed from text, for when a provider reports none or a decision is needed
 * before the call: four characters a token, rounded up. Cheap and the same for every provider,
 * never exact.
 */
public final class TokenCount {
    /** The characters one token stands for in these guesses. */
    public static final int CHARS_PER_TOKEN = 4;

    private TokenCount() {
    }

    /** The tokens of {@code chars} characters of text. */
    public static long ofChars(long chars) {
        return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    /**
     * The tokens of an embeddings {@code input}: a string, token ids (one each), or a list of
     * either.
     */
    public static long ofEmbeddingInput(JsonNode input) {
        if (input == null) {
            return 0;
        }
        if (input.isTextual()) {
            return ofChars(input.asText().length());
        }
        if (input.isNumber()) {
            return 1;
        }
        long tokens = 0;
        for (JsonNode item : input) {
            tokens += ofEmbeddingInput(item);
        }
        return tokens;
    }
}
