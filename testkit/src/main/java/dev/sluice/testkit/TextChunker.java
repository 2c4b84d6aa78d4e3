package dev.sluice.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits answer text and tool-call arguments into the fragments the fake streams as deltas.
 * Every split is lossless: the fragments concatenate back to the input, because the whole
 * point of the streaming tests is that a client reassembling the deltas gets the text back.
 */
final class TextChunker {

    /** A word together with the whitespace in front of it, the way OpenAI tokens carry their leading space. */
    private static final Pattern WORD = Pattern.compile("\\s*\\S+");

    /** Runs of word characters, of whitespace, or of punctuation: roughly how a tokenizer cuts JSON. */
    private static final Pattern JSON_TOKEN = Pattern.compile("[\\p{L}\\p{N}_]+|\\s+|[^\\p{L}\\p{N}_\\s]+");

    private TextChunker() {
    }

    /** One fragment per word, leading whitespace kept; trailing whitespace goes to the last fragment. */
    static List<String> words(String text) {
        return split(text, WORD);
    }

    /** Tokenizer-like fragments of a JSON string, as OpenAI streams function-call arguments. */
    static List<String> jsonTokens(String json) {
        return split(json, JSON_TOKEN);
    }

    /**
     * Splits text into {@code count} pieces of nearly equal length (in code points, so a
     * surrogate pair is never cut in half); fewer pieces when the text is shorter than that.
     */
    static List<String> pieces(String text, int count) {
        List<String> out = new ArrayList<>();
        int codePoints = text.codePointCount(0, text.length());
        int n = Math.min(count, codePoints);
        int start = 0;
        for (int i = 0; i < n; i++) {
            int size = codePoints / n + (i < codePoints % n ? 1 : 0);
            int end = text.offsetByCodePoints(start, size);
            out.add(text.substring(start, end));
            start = end;
        }
        return out;
    }

    /** Fake token count: one token per word, which keeps usage numbers predictable in tests. */
    static int countTokens(String text) {
        return text == null ? 0 : words(text).size();
    }

    private static List<String> split(String text, Pattern pattern) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        Matcher m = pattern.matcher(text);
        int end = 0;
        while (m.find()) {
            out.add(m.group());
            end = m.end();
        }
        if (end < text.length()) {
            // Trailing whitespace (or all-whitespace text): attach it so nothing is lost.
            String rest = text.substring(end);
            if (out.isEmpty()) {
                out.add(rest);
            } else {
                out.set(out.size() - 1, out.get(out.size() - 1) + rest);
            }
        }
        return out;
    }
}
