package dev.sluice.testkit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Splits must be lossless: streamed deltas have to concatenate back to the answer. */
class TextChunkerTest {

    @Test
    void splitsIntoWordsKeepingWhitespace() {
        assertThat(TextChunker.words("  Hello  big\nworld. ")).containsExactly("  Hello", "  big", "\nworld. ");
        assertThat(TextChunker.words("")).isEmpty();
        assertThat(TextChunker.words("   ")).containsExactly("   ");
    }

    @Test
    void splitsIntoNearlyEqualPiecesWithoutCuttingSurrogates() {
        assertThat(TextChunker.pieces("abcdefghij", 3)).containsExactly("abcd", "efg", "hij");
        assertThat(TextChunker.pieces("ab", 5)).containsExactly("a", "b");
        assertThat(String.join("", TextChunker.pieces("a👋b👋c", 4))).isEqualTo("a👋b👋c");
        assertThat(TextChunker.pieces("👋👋", 2)).containsExactly("👋", "👋");
    }

    @Test
    void splitsJsonLikeATokenizer() {
        assertThat(TextChunker.jsonTokens("{\"path\":\"README.md\"}"))
                .containsExactly("{\"", "path", "\":\"", "README", ".", "md", "\"}");
    }
}
