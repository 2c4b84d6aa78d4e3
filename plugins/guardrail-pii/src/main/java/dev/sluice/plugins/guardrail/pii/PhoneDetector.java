package dev.sluice.plugins.guardrail.pii;

import java.util.List;

/**
 * Phone numbers in the shapes people write them: international with a {@code +} and country code
 * ({@code +44 20 7946 0958}, {@code +1 (555) 010-9999}, {@code +44 (0)20 7946 0958}, compact
 * E.164 {@code +14155550123}), and national numbers in groups ({@code (555) 010-9999},
 * {@code 555-010-9999}, {@code 020 7946 0958}, {@code 06 12 34 56 78}). 7 to 15 digits in all.
 *
 * <p>Digits alone are not a phone number: a national number needs separators or an area code in
 * parentheses, and a first group that looks like an area code (a trunk {@code 0}, or three digits
 * starting 2–9). Dates ({@code 2024-01-15}, {@code 15.01.2024}), versions and other dotted numbers,
 * ISBNs, thousands ({@code 1 250 000}), US SSN shapes and numbers glued to words or {@code #}
 * (order numbers) are not matched. When a run of digits is not a phone number as a whole, shorter
 * runs ending at a space are tried, so a number followed by a year is still found.
 */
final class PhoneDetector implements Detector {
    private static final int MAX_GROUPS = 8;
    private static final int MAX_DIGITS = 16;

    @Override
    public Kind kind() {
        return Kind.PHONE;
    }

    @Override
    public void find(String text, List<Hit> hits) {
        int n = text.length();
        Groups groups = new Groups();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            boolean opens = c == '+' || c == '(' ? i + 1 < n && Ascii.isDigit(text.charAt(i + 1)) : Ascii.isDigit(c);
            if (!opens || (i > 0 && glued(text.charAt(i - 1)))) {
                i++;
                continue;
            }
            int runEnd = groups.read(text, i);
            int next = runEnd;
            for (int count = groups.count; count >= 1; count--) {
                boolean cut = count < groups.count || runEnd > groups.end(count - 1);
                if (cut && groups.separator[count] != ' ') {
                    continue; // a number is only cut where a space ends it
                }
                int end = groups.end(count - 1);
                if (shape(groups, count) && endsCleanly(text, end)) {
                    hits.add(new Hit(i, end, kind()));
                    next = end;
                    break;
                }
            }
            i = Math.max(next, i + 1);
        }
    }

    /** Characters that make a number part of something else: a word, an identifier, an amount. */
    private static boolean glued(char c) {
        return Ascii.isLetterOrDigit(c) || "_#/.-@$€£¥\\+*^~&%".indexOf(c) >= 0;
    }

    private static boolean endsCleanly(String text, int end) {
        if (end >= text.length()) {
            return true;
        }
        char c = text.charAt(end);
        if (Ascii.isLetterOrDigit(c) || "_-/+#@%".indexOf(c) >= 0) {
            return false;
        }
        return !((c == '.' || c == ',') && end + 1 < text.length() && Ascii.isDigit(text.charAt(end + 1)));
    }

    /** Whether the first {@code count} groups read are a phone number. */
    static boolean shape(Groups g, int count) {
        int digits = 0;
        int parens = 0;
        boolean dots = false;
        boolean dashes = false;
        for (int k = 0; k < count; k++) {
            digits += g.length(k);
            parens += g.paren[k] ? 1 : 0;
            if (k > 0 && g.separator[k] == ' ' && (dots || dashes)) {
                return false; // "555-010-4444 2024": a number written with dashes does not go on after a space
            }
            dots |= k > 0 && g.separator[k] == '.';
            dashes |= k > 0 && g.separator[k] == '-';
            if (count > 1 && g.length(k) > 8) {
                return false;
            }
        }
        if (parens > 1 || (dots && dashes) || digits < 7 || digits > 15) {
            return false;
        }
        return g.plus ? international(g, count, digits) : national(g, count, dots);
    }

    private static boolean international(Groups g, int count, int digits) {
        if (count == 1) {
            return digits >= 8; // compact E.164
        }
        // The country code: 1 to 3 digits, never 0; the rest is the national number's own grouping.
        return !g.paren[0] && g.length(0) <= 3 && g.digit(0, 0) != '0' && digits >= 8;
    }

    private static boolean national(Groups g, int count, boolean dots) {
        if (count < 2) {
            return false; // bare digits: an order number as likely as a phone number
        }
        int first = 0;
        if (g.length(0) == 1 && !g.paren[0]) {
            // The North American "1" before an area code: 1-555-010-9999, 1 (555) 010-9999.
            if (g.digit(0, 0) != '1' || count < 4 || g.length(1) != 3) {
                return false;
            }
            first = 1;
        }
        for (int k = first + 1; k < count; k++) {
            if (g.length(k) < 2) {
                return false; // ISBNs, versions, scores
            }
        }
        int areaLength = g.length(first);
        char lead = g.digit(first, 0);
        boolean trunk = lead == '0' && areaLength >= 2 && areaLength <= 5;
        boolean area = areaLength == 3 && lead >= '2';
        boolean parenthesized = g.paren[first] && areaLength >= 2 && areaLength <= 5;
        if (!(trunk || area || parenthesized)) {
            return false;
        }
        int rest = count - first;
        if (rest == 2) {
            int last = g.length(first + 1);
            return area && !g.paren[first] ? last == 4 : last >= 4;
        }
        if (dots && (rest == 4 && maxLength(g, first, count) <= 3 || rest > 4)) {
            return false; // an IPv4 address or a longer dotted number
        }
        if (rest == 3 && g.length(first) == 3 && g.length(first + 1) == 2 && g.length(first + 2) == 4
                && g.separator[first + 1] == '-') {
            return false; // a US social security number's shape
        }
        if (thousands(g, first, count)) {
            return false;
        }
        for (int k = first + 1; k < count - 1; k++) {
            if (g.length(k) > 4) {
                return false;
            }
        }
        return true;
    }

    private static int maxLength(Groups g, int from, int count) {
        int max = 0;
        for (int k = from; k < count; k++) {
            max = Math.max(max, g.length(k));
        }
        return max;
    }

    /** {@code 612 345 678} may be a phone number; {@code 250 000 000} and {@code 12 345 678} are not. */
    private static boolean thousands(Groups g, int first, int count) {
        boolean zeros = false;
        for (int k = first + 1; k < count; k++) {
            if (g.length(k) != 3 || g.separator[k] != ' ') {
                return false;
            }
            zeros |= g.digit(k, 0) == '0' && g.digit(k, 1) == '0' && g.digit(k, 2) == '0';
        }
        return zeros || g.length(first) < 3;
    }

    /**
     * The groups of one run of a candidate number: digits, optionally one group in parentheses,
     * separated by a space, dash or dot (or nothing after a closing parenthesis). Reused within one
     * call only.
     */
    static final class Groups {
        final int[] start = new int[MAX_GROUPS];
        final int[] end = new int[MAX_GROUPS];
        final boolean[] paren = new boolean[MAX_GROUPS];
        /** The separator before each group (0 for none), and after the last kept one if the run goes on. */
        final char[] separator = new char[MAX_GROUPS + 1];
        String text;
        boolean plus;
        int count;

        /**
         * Reads the run starting at {@code from}, keeping the groups that fit in a phone number;
         * returns where the whole run ends.
         */
        int read(String text, int from) {
            this.text = text;
            int n = text.length();
            int i = from;
            plus = text.charAt(i) == '+';
            if (plus) {
                i++;
            }
            count = 0;
            int digits = 0;
            char pending = 0;
            boolean keeping = true;
            int runEnd = from + 1;
            while (i < n) {
                boolean open = text.charAt(i) == '(';
                int groupStart = open ? i + 1 : i;
                int j = groupStart;
                while (j < n && Ascii.isDigit(text.charAt(j))) {
                    j++;
                }
                if (j == groupStart || (open && (j >= n || text.charAt(j) != ')'))) {
                    break;
                }
                digits += j - groupStart;
                if (keeping && (count == MAX_GROUPS || digits > MAX_DIGITS)) {
                    keeping = false;
                    separator[count] = pending; // where the kept groups were cut
                }
                if (keeping) {
                    start[count] = groupStart;
                    end[count] = j;
                    paren[count] = open;
                    separator[count] = pending;
                    count++;
                }
                i = open ? j + 1 : j;
                runEnd = i;
                if (i + 1 < n && " -.\u00A0".indexOf(text.charAt(i)) >= 0 && startsGroup(text, i + 1)) {
                    pending = text.charAt(i) == '\u00A0' ? ' ' : text.charAt(i);
                    i++;
                } else if (open && i < n && Ascii.isDigit(text.charAt(i))) {
                    pending = ' ';
                } else if (!open && i < n && text.charAt(i) == '(' && startsGroup(text, i)) {
                    pending = ' ';
                } else {
                    break;
                }
            }
            return runEnd;
        }

        private static boolean startsGroup(String text, int i) {
            char c = text.charAt(i);
            return Ascii.isDigit(c) || (c == '(' && i + 1 < text.length() && Ascii.isDigit(text.charAt(i + 1)));
        }

        int length(int group) {
            return end[group] - start[group];
        }

        /** Where a group ends in the text, its closing parenthesis included. */
        int end(int group) {
            return end[group] + (paren[group] ? 1 : 0);
        }

        char digit(int group, int index) {
            return text.charAt(start[group] + index);
        }
    }
}
