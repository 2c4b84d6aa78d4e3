package dev.sluice.plugins.mock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextPiecesTest {

    @Test
    void wordsCarryTheWhitespaceBeforeThem() {
        assertThat(TextPieces.words(" a  b\tc ")).containsExactly(" a", "  b", "\tc", " ");
    }

    @Test
    void emptyTextHasNoWords() {
        assertThat(TextPieces.words("")).isEmpty();
        assertThat(TextPieces.wordCount("  ")).isZero();
    }

    @Test
    void fragmentsNeverSplitASurrogatePair() {
        String text = "ab\uD83D\uDE00cd";

        assertThat(TextPieces.fragments(text, 3)).containsExactly("ab\uD83D\uDE00", "cd");
    }
}
