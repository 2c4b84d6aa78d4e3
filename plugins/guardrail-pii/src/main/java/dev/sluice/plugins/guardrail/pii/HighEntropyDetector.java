package dev.sluice.plugins.guardrail.pii;

import java.util.Arrays;
import java.util.List;

/**
 * Long random-looking tokens that may be secrets no provider pattern knows: runs of at least 32
 * characters of the base64 and base64url alphabets ({@code A–Z a–z 0–9 + / _ -}, with up to two
 * {@code =} of padding) whose Shannon entropy is at least 0.8 × log2(min(length, 64)) bits per
 * character (4.0 bits for 32 characters, 4.8 from 64 on), which lets through 99% of generated
 * tokens. Not reported: tokens of hex digits only (commit ids, checksums, UUIDs), tokens without
 * both letters and digits, and word-like tokens (identifiers and paths, where most characters
 * belong to runs of four or more lowercase letters).
 */
final class HighEntropyDetector implements Detector {
    static final int MIN_LENGTH = 32;
    private static final double ENTROPY_FACTOR = 0.8;
    private static final double MAX_WORDY = 0.6;
    private static final double LOG2 = Math.log(2);

    @Override
    public Kind kind() {
        return Kind.HIGH_ENTROPY;
    }

    @Override
    public void find(String text, List<Hit> hits) {
        int n = text.length();
        int[] counts = null;
        int i = 0;
        while (i < n) {
            if (!isTokenChar(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && isTokenChar(text.charAt(i))) {
                i++;
            }
            int end = i;
            if (end - start < MIN_LENGTH) {
                continue;
            }
            if (counts == null) {
                counts = new int[128];
            }
            if (random(text, start, end, counts)) {
                int padded = end;
                while (padded < n && padded - end < 2 && text.charAt(padded) == '=') {
                    padded++;
                }
                hits.add(new Hit(start, padded, kind()));
            }
        }
    }

    private static boolean isTokenChar(char c) {
        return Ascii.isLetterOrDigit(c) || c == '+' || c == '/' || c == '_' || c == '-';
    }

    /** Whether {@code text[start, end)} looks generated rather than written. */
    static boolean random(String text, int start, int end, int[] counts) {
        Arrays.fill(counts, 0);
        boolean hexOnly = true;
        boolean letter = false;
        boolean digit = false;
        int wordy = 0;
        int lowerRun = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            counts[c]++;
            boolean lower = Ascii.isLower(c);
            letter |= Ascii.isLetter(c);
            digit |= Ascii.isDigit(c);
            hexOnly &= Ascii.isHex(c) || c == '-';
            if (lower) {
                lowerRun++;
            } else {
                wordy += wordLetters(text, i, lowerRun);
                lowerRun = 0;
            }
        }
        wordy += wordLetters(text, end, lowerRun);
        int length = end - start;
        if (hexOnly || !letter || !digit || wordy >= MAX_WORDY * length) {
            return false;
        }
        return entropy(counts, length) >= ENTROPY_FACTOR * log2(Math.min(length, 64));
    }

    /** The letters of the lowercase run that ends before {@code runEnd} that belong to a word (with its capital). */
    private static int wordLetters(String text, int runEnd, int run) {
        if (run == 0) {
            return 0;
        }
        int before = runEnd - run - 1;
        boolean capital = before >= 0 && Ascii.isUpper(text.charAt(before));
        int letters = run + (capital ? 1 : 0);
        return letters >= 4 ? letters : 0;
    }

    /** Shannon entropy in bits per character. */
    static double entropy(int[] counts, int length) {
        double bits = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / length;
                bits -= p * log2(p);
            }
        }
        return bits;
    }

    private static double log2(double x) {
        return Math.log(x) / LOG2;
    }
}
