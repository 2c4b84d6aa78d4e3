package dev.sluice.spi.guardrail;

import java.util.Objects;

/**
 * Something a guardrail found in a text. The matched text itself is never kept in a finding's
 * {@link #detail()}, nor anywhere the kernel records findings (audit, metrics, logs).
 *
 * @param rule the rule that matched, e.g. {@code email}, {@code deny:project-falcon}, {@code json_schema}
 * @param type the kind of data, used in placeholders ({@code EMAIL} → {@code [EMAIL_1]}) and in
 *     {@code pii_types}; for non-PII rules the rule's category ({@code DENIED}, {@code INJECTION}, …)
 * @param pii whether the finding is personal data or a secret (counted in {@code pii_detected})
 * @param start where the match starts in the inspected text, or -1 when the finding is about the
 *     whole text (a format violation)
 * @param end where the match ends (exclusive), or -1
 * @param action what to do, as this rule is configured
 * @param detail a message for the client and the audit record (for {@code retry}: what to tell
 *     the model), without the matched text
 */
public record Finding(String rule, String type, boolean pii, int start, int end, Action action, String detail) {

    /** What the kernel does with a finding; the strongest of a text's findings decides. */
    public enum Action {
        /** Pass, and record it. */
        FLAG,
        /** Replace the matched text with a typed placeholder. */
        REDACT,
        /** Call the model once more with the finding's detail appended (output only). */
        RETRY,
        /** Fail the request. */
        BLOCK
    }

    public Finding {
        Objects.requireNonNull(rule);
        Objects.requireNonNull(type);
        Objects.requireNonNull(action);
        Objects.requireNonNull(detail);
        if ((start < 0) != (end < 0) || (start >= 0 && end < start)) {
            throw new IllegalArgumentException("a finding's span must be both -1 or start <= end");
        }
    }

    /** A finding about a span of the text. */
    public static Finding span(String rule, String type, boolean pii, int start, int end, Action action,
            String detail) {
        return new Finding(rule, type, pii, start, end, action, detail);
    }

    /** A finding about the whole text. */
    public static Finding whole(String rule, String type, Action action, String detail) {
        return new Finding(rule, type, false, -1, -1, action, detail);
    }

    /** Whether it covers a span (rather than the whole text). */
    public boolean hasSpan() {
        return start >= 0;
    }
}
