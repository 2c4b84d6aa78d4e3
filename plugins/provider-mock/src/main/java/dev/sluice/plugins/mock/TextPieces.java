package dev.sluice.plugins.mock;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How the mock cuts text into streamed pieces and counts its "tokens" (words). */
final class TextPieces {
    /** A word with the whitespace before it, as model tokenizers attach a leading space. */
    private static final Pattern SPACED_WORD = Pattern.compile("\\s*\\S+|\\s+");
    private static final Pattern WORD = Pattern.compile("\\S+");

    private TextPieces() {
    }

    /**
     * The text as words, each with the whitespace before it (trailing whitespace is a piece of its
     * own), so that the pieces concatenate to exactly the text.
     */
    static List<String> words(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher m = SPACED_WORD.matcher(text);
        while (m.find()) {
            pieces.add(m.group());
        }
        return pieces;
    }

    /** The number of whitespace-separated words. */
    static int wordCount(String text) {
        int count = 0;
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            count++;
        }
        return count;
    }

    /**
     * The text in pieces of at most {@code size} code points (never splitting a surrogate pair),
     * the way tool-call arguments arrive in a stream.
     */
    static List<String> fragments(String text, int size) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.offsetByCodePoints(start, Math.min(size, text.codePointCount(start, text.length())));
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }
}
