package dev.sluice.plugins.guardrail.rules;

import java.lang.Character.UnicodeScript;

/**
 * What counts as a word character and when two characters are the same letter, for whole-word,
 * case-insensitive matching in any script.
 */
final class Letters {
    private Letters() {
    }

    /**
     * The case-folded form of a code point: upper-cased then lower-cased, as Java's
     * {@code UNICODE_CASE} matching compares letters, so that {@code K}, {@code k} and the Kelvin
     * sign fold together. Always one code point, so positions in the text stay as they are.
     */
    static int fold(int codePoint) {
        if (codePoint < 128) {
            return codePoint >= 'A' && codePoint <= 'Z' ? codePoint + ('a' - 'A') : codePoint;
        }
        return Character.toLowerCase(Character.toUpperCase(codePoint));
    }

    /**
     * Whether a code point is part of a word for boundary purposes: letters, digits, combining
     * marks and {@code _}. Letters of scripts written without spaces between words (Han, kana,
     * Thai, Lao, Khmer, Myanmar) are not: a term in those scripts matches wherever it occurs,
     * since there is no space to mark where a word ends.
     */
    static boolean isWordChar(int codePoint) {
        if (codePoint == '_') {
            return true;
        }
        if (codePoint < 0x80) {
            return (codePoint >= 'a' && codePoint <= 'z') || (codePoint >= 'A' && codePoint <= 'Z')
                    || (codePoint >= '0' && codePoint <= '9');
        }
        int type = Character.getType(codePoint);
        boolean wordLike = Character.isLetterOrDigit(codePoint) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
        return wordLike && !unspaced(codePoint);
    }

    private static boolean unspaced(int codePoint) {
        return switch (UnicodeScript.of(codePoint)) {
            case HAN, HIRAGANA, KATAKANA, THAI, LAO, KHMER, MYANMAR -> true;
            default -> false;
        };
    }

    /** Whether the code point before {@code index} is a word character. */
    static boolean wordCharBefore(CharSequence text, int index) {
        return index > 0 && isWordChar(Character.codePointBefore(text, index));
    }

    /** Whether the code point at {@code index} is a word character. */
    static boolean wordCharAt(CharSequence text, int index) {
        return index < text.length() && isWordChar(Character.codePointAt(text, index));
    }
}
