package dev.sluice.plugins.guardrail.pii;

import java.util.List;

/**
 * US social security numbers written {@code AAA-GG-SSSS}, without the ranges that are never
 * issued: area {@code 000}, {@code 666} or {@code 900}–{@code 999}, group {@code 00}, serial
 * {@code 0000}. Only the text around each dash is looked at.
 */
final class SsnDetector implements Detector {
    private static final int LENGTH = 11;

    @Override
    public Kind kind() {
        return Kind.SSN;
    }

    @Override
    public void find(String text, List<Hit> hits) {
        int n = text.length();
        int dash = text.indexOf('-', 3);
        while (dash >= 0 && dash + 8 <= n) {
            int start = dash - 3;
            int end = start + LENGTH;
            if (digits(text, start, dash) && digits(text, dash + 1, dash + 3) && text.charAt(dash + 3) == '-'
                    && digits(text, dash + 4, end) && (start == 0 || !glued(text.charAt(start - 1)))
                    && endsCleanly(text, end) && issuable(text, start)) {
                hits.add(new Hit(start, end, kind()));
                dash = text.indexOf('-', end);
            } else {
                dash = text.indexOf('-', dash + 1);
            }
        }
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Ascii.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A letter, digit, underscore, dot or dash before the number makes it part of something longer. */
    private static boolean glued(char c) {
        return Ascii.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
    }

    private static boolean endsCleanly(String text, int end) {
        if (end == text.length()) {
            return true;
        }
        char c = text.charAt(end);
        if (Ascii.isLetterOrDigit(c) || c == '_' || c == '-') {
            return false;
        }
        return !(c == '.' && end + 1 < text.length() && Ascii.isDigit(text.charAt(end + 1)));
    }

    private static boolean issuable(String text, int start) {
        int area = Integer.parseInt(text, start, start + 3, 10);
        int group = Integer.parseInt(text, start + 4, start + 6, 10);
        int serial = Integer.parseInt(text, start + 7, start + 11, 10);
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
    }
}
