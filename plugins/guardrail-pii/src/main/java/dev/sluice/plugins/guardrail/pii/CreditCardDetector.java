package dev.sluice.plugins.guardrail.pii;

import java.util.List;

/**
 * Payment card numbers: 13 to 19 digits, contiguous or in groups separated by spaces or dashes
 * ({@code 4111 1111 1111 1111}, {@code 3782-822463-10005}), whose issuer prefix and length belong
 * to a known card scheme and whose last digit is the Luhn check digit. A number followed by more
 * digits (an expiry date, say) is tried group by group from the longest.
 */
final class CreditCardDetector implements Detector {
    private static final int MAX_GROUPS = 6;

    @Override
    public Kind kind() {
        return Kind.CREDIT_CARD;
    }

    @Override
    public void find(String text, List<Hit> hits) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!Ascii.isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            DigitRun run = DigitRun.read(text, i, " -", MAX_GROUPS);
            int start = i;
            i = run.end();
            if (start > 0 && glued(text.charAt(start - 1))) {
                continue;
            }
            for (int count = run.groups(); count >= 1; count--) {
                int digits = run.digits(count);
                if (digits < 13 || digits > 19) {
                    continue;
                }
                int end = run.end(count - 1);
                boolean whole = count == run.groups() && run.complete();
                if (whole && !endsCleanly(text, end)) {
                    break;
                }
                if (grouping(run, count) && isCard(run.digitsOf(count))) {
                    hits.add(new Hit(start, end, kind()));
                    break;
                }
            }
        }
    }

    /** Characters that make a digit part of a longer token (a word, a decimal, an identifier). */
    private static boolean glued(char c) {
        return Ascii.isLetterOrDigit(c) || c == '_' || c == '.' || c == '/';
    }

    private static boolean endsCleanly(String text, int end) {
        if (end >= text.length()) {
            return true;
        }
        char c = text.charAt(end);
        if (Ascii.isLetterOrDigit(c) || c == '_') {
            return false;
        }
        return !((c == '.' || c == ',') && end + 1 < text.length() && Ascii.isDigit(text.charAt(end + 1)));
    }

    /** Contiguous, groups of four (the last may be shorter), or the 4-6-5 and 4-6-4 layouts. */
    private static boolean grouping(DigitRun run, int count) {
        if (count == 1) {
            return true;
        }
        if (!run.uniformSeparators(count)) {
            return false;
        }
        if (count == 3 && run.length(0) == 4 && run.length(1) == 6
                && (run.length(2) == 5 || run.length(2) == 4)) {
            return true;
        }
        for (int g = 0; g < count - 1; g++) {
            if (run.length(g) != 4) {
                return false;
            }
        }
        return run.length(count - 1) <= 4;
    }

    static boolean isCard(String digits) {
        return knownIssuer(digits) && luhn(digits);
    }

    /** Whether the issuer identification number and the length fit a card scheme. */
    static boolean knownIssuer(String d) {
        int len = d.length();
        int p2 = Integer.parseInt(d, 0, 2, 10);
        int p3 = Integer.parseInt(d, 0, 3, 10);
        int p4 = Integer.parseInt(d, 0, 4, 10);
        int p6 = Integer.parseInt(d, 0, 6, 10);
        boolean longForm = len >= 16 && len <= 19;
        if (d.charAt(0) == '4') {
            return len == 13 || len == 16 || len == 19; // Visa
        }
        if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) {
            return len == 16; // Mastercard
        }
        if (p2 == 34 || p2 == 37) {
            return len == 15; // American Express
        }
        if (p4 >= 2200 && p4 <= 2204) {
            return longForm; // Mir
        }
        if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || (p6 >= 622126 && p6 <= 622925)) {
            return longForm; // Discover
        }
        if ((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39) {
            return len >= 14 && len <= 19; // Diners Club
        }
        if (p4 >= 3528 && p4 <= 3589) {
            return longForm; // JCB
        }
        if (p2 == 62 || p2 == 81) {
            return longForm; // UnionPay
        }
        if (p2 == 50 || (p2 >= 56 && p2 <= 69)) {
            return len >= 13 && len <= 19; // Maestro
        }
        return false;
    }

    /** The Luhn (mod 10) check over all digits, the last being the check digit. */
    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
