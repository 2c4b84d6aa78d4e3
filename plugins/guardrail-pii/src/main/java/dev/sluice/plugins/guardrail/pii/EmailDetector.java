package dev.sluice.plugins.guardrail.pii;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Email addresses: a dot-atom local part ({@code jane.doe+tag@}), then a domain of DNS labels
 * ending in a top-level domain of letters ({@code example.co.uk}). Only the text around each
 * {@code @} is looked at, so a text without one costs a single scan.
 */
final class EmailDetector implements Detector {
    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 253;
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}");

    @Override
    public Kind kind() {
        return Kind.EMAIL;
    }

    @Override
    public void find(String text, List<Hit> hits) {
        int from = 0;
        int at;
        while ((at = text.indexOf('@', from)) >= 0) {
            from = at + 1;
            int start = at;
            while (start > 0 && at - start < MAX_LOCAL && isLocal(text.charAt(start - 1))) {
                start--;
            }
            if (start > 0 && isLocal(text.charAt(start - 1))) {
                continue; // a local part longer than any address allows
            }
            while (start < at && text.charAt(start) == '.') {
                start++;
            }
            if (start == at || text.charAt(at - 1) == '.' || hasDoubleDot(text, start, at)) {
                continue;
            }
            int end = at + 1;
            while (end < text.length() && end - at <= MAX_DOMAIN && isDomain(text.charAt(end))) {
                end++;
            }
            // A sentence may end right after the address, and hyphens do not end a domain.
            while (end > at + 1 && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
                end--;
            }
            if (end == at + 1 || !DOMAIN.matcher(text).region(at + 1, end).matches()) {
                continue;
            }
            hits.add(new Hit(start, end, kind()));
            from = end;
        }
    }

    private static boolean hasDoubleDot(String text, int start, int end) {
        for (int i = start + 1; i < end; i++) {
            if (text.charAt(i) == '.' && text.charAt(i - 1) == '.') {
                return true;
            }
        }
        return false;
    }

    private static boolean isLocal(char c) {
        return Ascii.isLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static boolean isDomain(char c) {
        return Ascii.isLetterOrDigit(c) || c == '.' || c == '-';
    }
}
