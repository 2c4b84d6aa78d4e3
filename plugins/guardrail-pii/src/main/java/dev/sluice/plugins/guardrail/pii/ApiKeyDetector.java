package dev.sluice.plugins.guardrail.pii;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API keys of well-known providers, by the prefix and alphabet each provider uses: Anthropic
 * ({@code sk-ant-…}), OpenAI ({@code sk-proj-…}, {@code sk-svcacct-…}, {@code sk-admin-…} and
 * the older {@code sk-} followed by 32 or more letters and digits), AWS access key ids
 * ({@code AKIA…}, {@code ASIA…}), GitHub tokens ({@code ghp_…}, {@code gho_…}, {@code ghu_…},
 * {@code ghs_…}, {@code ghr_…}, {@code github_pat_…}), Google API keys ({@code AIza…}), Slack
 * tokens ({@code xoxb-…} and the other {@code xox[baprs]-} kinds) and Stripe secret and restricted
 * keys ({@code sk_live_…}, {@code rk_live_…} and their {@code _test_} twins). All alternatives
 * are one precompiled pattern; the part after the prefix must look random (letters and digits,
 * and many distinct characters), so {@code sk-learn} and placeholders such as {@code sk-XXXXXXXX…}
 * are left alone.
 */
final class ApiKeyDetector implements Detector {
    private static final String[] PROVIDERS = {
        "Anthropic", "OpenAI", "OpenAI", "AWS", "GitHub", "GitHub", "Google", "Slack", "Stripe",
    };
    private static final Pattern KEY = Pattern.compile("(?:"
            + "(sk-ant-[A-Za-z0-9_-]{32,300})"
            + "|(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{32,300})"
            + "|(sk-[A-Za-z0-9]{32,200})"
            + "|((?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z2-7]{16})"
            + "|(gh[pousr]_[A-Za-z0-9]{36,251})"
            + "|(github_pat_[A-Za-z0-9_]{40,247})"
            + "|(AIza[A-Za-z0-9_-]{35})"
            + "|(xox[baprs]-[A-Za-z0-9-]{10,250})"
            + "|((?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247})"
            + ")(?![A-Za-z0-9_-])");
    /** The length of each alternative's fixed prefix (OpenAI's project-style prefixes vary). */
    private static final int[] PREFIX = {7, 0, 3, 4, 4, 11, 4, 5, 8};

    @Override
    public Kind kind() {
        return Kind.API_KEY;
    }

    @Override
    public void find(String text, List<Hit> hits) {
        Matcher m = null;
        int n = text.length();
        int i = 0;
        while (i < n) {
            // The pattern is only tried where a key's prefix starts a word: a cheap filter, since
            // trying an alternation of nine prefixes at every position is what costs.
            if (!mayStartKey(text, i) || (i > 0 && isKeyChar(text.charAt(i - 1)))) {
                i++;
                continue;
            }
            if (m == null) {
                m = KEY.matcher(text);
            }
            m.region(i, n);
            if (!m.lookingAt()) {
                i++;
                continue;
            }
            int group = provider(m);
            int bodyStart = group == 1 ? text.indexOf('-', m.start() + 3) + 1 : m.start() + PREFIX[group];
            if (looksRandom(text, bodyStart, m.end())) {
                hits.add(new Hit(m.start(), m.end(), kind(), kind().description() + " (" + PROVIDERS[group] + ")"));
            }
            i = m.end();
        }
    }

    /** Whether a key of some provider could start at {@code i}: its first two characters. */
    private static boolean mayStartKey(String text, int i) {
        if (i + 2 >= text.length()) {
            return false;
        }
        char second = text.charAt(i + 1);
        return switch (text.charAt(i)) {
            case 's' -> second == 'k';
            case 'r' -> second == 'k';
            case 'A' -> Ascii.isUpper(second);
            case 'g' -> second == 'h' || second == 'i';
            case 'x' -> second == 'o';
            default -> false;
        };
    }

    private static boolean isKeyChar(char c) {
        return Ascii.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    private static int provider(Matcher m) {
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.start(g) >= 0) {
                return g - 1;
            }
        }
        throw new IllegalStateException("no alternative matched");
    }

    /**
     * Whether the key's body looks generated: it has letters and digits, and enough distinct
     * characters that it is not a placeholder such as {@code XXXX…}.
     */
    static boolean looksRandom(String text, int from, int to) {
        boolean letter = false;
        boolean digit = false;
        long seen = 0L;
        long seenHigh = 0L;
        int distinct = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            letter |= Ascii.isLetter(c);
            digit |= Ascii.isDigit(c);
            int bit = c & 127;
            long mask = 1L << (bit & 63);
            if (bit < 64) {
                if ((seen & mask) == 0) {
                    seen |= mask;
                    distinct++;
                }
            } else if ((seenHigh & mask) == 0) {
                seenHigh |= mask;
                distinct++;
            }
        }
        int length = to - from;
        return letter && digit && distinct >= Math.min(10, length / 2);
    }
}
