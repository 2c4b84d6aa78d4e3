package dev.sluice.spi;

import java.util.Collection;

/**
 * The one place secrets are masked before they could reach a log, an error message or an audit
 * record.
 */
public final class Secrets {
    private static final String REDACTED = "[REDACTED]";

    private Secrets() {
    }

    /** A key shown safely: its last four characters at most, e.g. {@code …x7Qa}; short keys fully hidden. */
    public static String mask(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "";
        }
        return secret.length() < 16 ? "…" : "…" + secret.substring(secret.length() - 4);
    }

    /** The text with every occurrence of each secret replaced by {@code [REDACTED]}. */
    public static String redact(String text, Collection<String> secrets) {
        if (text == null) {
            return "";
        }
        String out = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                out = out.replace(secret, REDACTED);
            }
        }
        return out;
    }
}
