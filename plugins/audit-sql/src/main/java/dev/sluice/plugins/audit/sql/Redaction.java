package dev.sluice.plugins.audit.sql;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Keeps secrets out of messages: every text a driver produces passes through {@link #clean}
 * before it is logged or thrown, whatever the driver chose to quote.
 */
final class Redaction {
    private static final String MASK = "****";
    private final List<String> secrets;

    private Redaction(List<String> secrets) {
        this.secrets = secrets;
    }

    /** Redacts these secrets (blank ones are ignored), as written and URL-encoded or decoded. */
    static Redaction of(List<String> secrets) {
        Set<String> forms = new java.util.LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret == null || secret.isBlank()) {
                continue;
            }
            forms.add(secret);
            forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
            try {
                forms.add(URLDecoder.decode(secret, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // Not URL-encoded text: the plain form is enough.
            }
        }
        List<String> sorted = new ArrayList<>(forms);
        sorted.removeIf(String::isEmpty);
        // Longest first, so that a secret containing another is masked whole.
        sorted.sort((a, b) -> b.length() - a.length());
        return new Redaction(List.copyOf(sorted));
    }

    /** The text with every secret masked. */
    String clean(String text) {
        if (text == null) {
            return "";
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }

    /** What went wrong, in one line without secrets: the messages of the exception and its causes. */
    String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        Set<Throwable> seen = new java.util.HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (text.indexOf(message) < 0) {
                text.append(text.isEmpty() ? "" : ": ").append(message);
            }
        }
        return clean(text.toString().replace('\n', ' ').strip());
    }

    /**
     * An exception to throw for a failure: the message without secrets, and the driver's exception
     * as the cause only when none of its messages quotes a secret.
     */
    IllegalStateException failure(String what, Throwable cause) {
        String message = what + ": " + describe(cause);
        boolean quotesSecret = false;
        Set<Throwable> seen = new java.util.HashSet<>();
        for (Throwable t = cause; t != null && seen.add(t); t = t.getCause()) {
            String m = t.getMessage();
            quotesSecret |= m != null && !clean(m).equals(m);
        }
        return new IllegalStateException(message, quotesSecret ? null : cause);
    }
}
