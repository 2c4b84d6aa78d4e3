package dev.sluice.plugins.audit.otlp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Trace and span ids as the lower-case hex OTLP/JSON carries: random ones from a fast generator
 * seeded from {@link SecureRandom}, and a trace id derived from a session so that every call of
 * one agent session lands in one trace. Not thread-safe: the single exporter thread owns it.
 */
final class SpanIds {
    /** What a session's trace id is the SHA-256 of, before the session id itself. */
    static final String SESSION_PREFIX = "sluice-session:";
    private static final HexFormat HEX = HexFormat.of();

    private final SplittableRandom random;

    SpanIds() {
        this(new SecureRandom().nextLong());
    }

    SpanIds(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A random, valid (not all-zero) trace id: 32 hex digits. */
    String traceId() {
        long high = random.nextLong();
        long low = random.nextLong();
        if (high == 0 && low == 0) {
            low = 1;
        }
        return HEX.toHexDigits(high) + HEX.toHexDigits(low);
    }

    /** A random, valid (not all-zero) span id: 16 hex digits. */
    String spanId() {
        long id = random.nextLong();
        return HEX.toHexDigits(id == 0 ? 1 : id);
    }

    /** The trace id of a session: the first 16 bytes of SHA-256("sluice-session:" + session). */
    static String sessionTraceId(String sessionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((SESSION_PREFIX + sessionId).getBytes(StandardCharsets.UTF_8));
            return HEX.formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
