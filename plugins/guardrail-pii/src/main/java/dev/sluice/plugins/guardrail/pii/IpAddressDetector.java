package dev.sluice.plugins.guardrail.pii;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IP addresses. IPv4: four dot-separated octets of 0–255 without leading zeros, not part of a
 * longer dotted number or word and not introduced as a version ({@code v1.2.3.4},
 * {@code version 2.0.0.1}).
 * IPv6: eight groups of up to four hex digits, or fewer with one {@code ::}, optionally ending in
 * an IPv4 address ({@code ::ffff:192.0.2.1}); with at least four hex digits, so that {@code a::b}
 * and clock times are left alone.
 */
final class IpAddressDetector implements Detector {
    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(?:\\." + OCTET + "){3}(?!\\w|\\.\\d)");
    private static final Pattern IPV4_EXACT = Pattern.compile(OCTET + "(?:\\." + OCTET + "){3}");
    private static final int VERSION_LOOKBACK = 10;

    @Override
    public Kind kind() {
        return Kind.IP_ADDRESS;
    }

    @Override
    public void find(String text, List<Hit> hits) {
        int mark = hits.size();
        if (text.indexOf('.') >= 0) {
            findIpv4(text, hits);
        }
        if (text.indexOf(':') >= 0) {
            findIpv6(text, hits, mark);
        }
    }

    private static void findIpv4(String text, List<Hit> hits) {
        int n = text.length();
        Matcher m = null;
        int i = 0;
        while (i < n) {
            if (!Ascii.isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int digitsEnd = i;
            while (digitsEnd < n && Ascii.isDigit(text.charAt(digitsEnd))) {
                digitsEnd++;
            }
            // Only a number of 1-3 digits followed by a dot, not glued to a word or dotted number, may start one.
            boolean candidate = digitsEnd - i <= 3 && digitsEnd < n && text.charAt(digitsEnd) == '.'
                    && (i == 0 || !isWordOrDot(text.charAt(i - 1)));
            if (candidate) {
                if (m == null) {
                    m = IPV4.matcher(text);
                }
                if (m.region(i, n).lookingAt() && !afterVersionWord(text, i)) {
                    hits.add(new Hit(i, m.end(), Kind.IP_ADDRESS));
                    i = m.end();
                    continue;
                }
            }
            i = digitsEnd;
        }
    }

    private static boolean isWordOrDot(char c) {
        return Ascii.isLetterOrDigit(c) || c == '_' || c == '.';
    }

    private static boolean afterVersionWord(String text, int start) {
        int from = Math.max(0, start - VERSION_LOOKBACK);
        String before = text.substring(from, start).toLowerCase(Locale.ROOT).stripTrailing();
        return before.endsWith("version") || before.endsWith("ver.") || before.endsWith("release");
    }

    private void findIpv6(String text, List<Hit> hits, int ipv4Hits) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (!(Ascii.isHex(c) || c == ':') || (i > 0 && isGlued(text.charAt(i - 1)))) {
                i++;
                continue;
            }
            int end = i;
            int colons = 0;
            while (end < n && (Ascii.isHex(text.charAt(end)) || text.charAt(end) == ':' || text.charAt(end) == '.')) {
                colons += text.charAt(end) == ':' ? 1 : 0;
                end++;
            }
            int runEnd = end;
            // A sentence or a port may follow: trim a dot, or a single colon not part of "::".
            while (end > i && (text.charAt(end - 1) == '.'
                    || (text.charAt(end - 1) == ':' && !(end - 2 >= i && text.charAt(end - 2) == ':')))) {
                end--;
            }
            boolean clean = runEnd >= n || !isGlued(text.charAt(runEnd));
            if (colons >= 2 && clean && end > i && isIpv6(text, i, end)) {
                // An IPv4 tail was already found as IPv4: the longer IPv6 match replaces it.
                int start = i;
                int stop = end;
                hits.subList(ipv4Hits, hits.size()).removeIf(h -> h.start() >= start && h.end() <= stop);
                hits.add(new Hit(i, end, kind()));
            }
            i = runEnd + 1;
        }
    }

    private static boolean isGlued(char c) {
        return Ascii.isLetterOrDigit(c) || c == '_' || c == ':' || c == '.';
    }

    /** Whether {@code text[start, end)} is an IPv6 address in text form. */
    static boolean isIpv6(String text, int start, int end) {
        String s = text.substring(start, end);
        if (s.indexOf(':') < 0) {
            return false;
        }
        int compressed = s.indexOf("::");
        if (compressed >= 0 && s.indexOf("::", compressed + 1) >= 0) {
            return false;
        }
        int groups = 0;
        int hexDigits = 0;
        String[] parts = s.split(":", -1);
        for (int p = 0; p < parts.length; p++) {
            String part = parts[p];
            if (part.isEmpty()) {
                continue; // the sides of "::" (checked above to occur once)
            }
            if (part.indexOf('.') >= 0) {
                if (p != parts.length - 1 || !IPV4_EXACT.matcher(part).matches()) {
                    return false;
                }
                groups += 2;
                hexDigits += 4;
                continue;
            }
            if (part.length() > 4) {
                return false;
            }
            for (int k = 0; k < part.length(); k++) {
                if (!Ascii.isHex(part.charAt(k))) {
                    return false;
                }
            }
            groups++;
            hexDigits += part.length();
        }
        if (compressed < 0) {
            return groups == 8 && !s.startsWith(":") && !s.endsWith(":");
        }
        if (s.startsWith(":") && !s.startsWith("::") || s.endsWith(":") && !s.endsWith("::")) {
            return false;
        }
        return groups <= 7 && hexDigits >= 4;
    }
}
