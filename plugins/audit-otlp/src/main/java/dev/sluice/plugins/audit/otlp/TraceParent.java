package dev.sluice.plugins.audit.otlp;

import java.util.Optional;

/**
 * A W3C Trace Context {@code traceparent} header: {@code version-traceid-parentid-flags}, e.g.
 * {@code 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01}. Only a valid header is
 * honoured: lower-case hex, version {@code ff} refused, all-zero ids refused, exactly 55
 * characters for version {@code 00}, and for later versions a longer header whose extra part
 * starts with {@code -}.
 *
 * @param traceId 32 lower-case hex digits
 * @param parentSpanId 16 lower-case hex digits: the caller's span
 * @param flags the trace flags (bit 0: sampled)
 */
record TraceParent(String traceId, String parentSpanId, int flags) {

    private static final int LENGTH = 55;

    /** The header's parts, or empty when it is absent or not valid. */
    static Optional<TraceParent> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String h = header.strip();
        if (h.length() < LENGTH || h.charAt(2) != '-' || h.charAt(35) != '-' || h.charAt(52) != '-') {
            return Optional.empty();
        }
        String version = h.substring(0, 2);
        String traceId = h.substring(3, 35);
        String parent = h.substring(36, 52);
        String flags = h.substring(53, 55);
        if (!hex(version) || !hex(traceId) || !hex(parent) || !hex(flags) || version.equals("ff")) {
            return Optional.empty();
        }
        if (version.equals("00") ? h.length() != LENGTH : h.length() > LENGTH && h.charAt(LENGTH) != '-') {
            return Optional.empty();
        }
        if (zero(traceId) || zero(parent)) {
            return Optional.empty();
        }
        return Optional.of(new TraceParent(traceId, parent, Integer.parseInt(flags, 16)));
    }

    private static boolean hex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean zero(String s) {
        return s.chars().allMatch(c -> c == '0');
    }
}
