package dev.sluice.plugins.guardrail.pii;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of data the guardrail finds: the detector's name in settings ({@code types},
 * {@code actions}) and the rule of its findings, the finding's type (used in placeholders such as
 * {@code [EMAIL_1]}), and its specificity, which decides between overlapping matches.
 */
enum Kind {
    // Declared from most to least specific: a match of an earlier kind wins an overlap.
    PRIVATE_KEY("private_key", "PRIVATE_KEY", "a private key"),
    JWT("jwt", "JWT", "a JSON Web Token"),
    API_KEY("api_key", "API_KEY", "an API key"),
    IBAN("iban", "IBAN", "an IBAN (bank account number)"),
    CREDIT_CARD("credit_card", "CREDIT_CARD", "a payment card number"),
    SSN("ssn", "SSN", "a US social security number"),
    EMAIL("email", "EMAIL", "an email address"),
    IP_ADDRESS("ip_address", "IP_ADDRESS", "an IP address"),
    PHONE("phone", "PHONE", "a phone number"),
    HIGH_ENTROPY("high_entropy", "SECRET", "a high-entropy string that may be a secret");

    private final String rule;
    private final String type;
    private final String description;

    Kind(String rule, String type, String description) {
        this.rule = rule;
        this.type = type;
        this.description = description;
    }

    /** The name in settings and the finding's rule, e.g. {@code credit_card}. */
    String rule() {
        return rule;
    }

    /** The finding's type, e.g. {@code CREDIT_CARD}. */
    String type() {
        return type;
    }

    /** What was found, without the value, e.g. "a payment card number". */
    String description() {
        return description;
    }

    /** Higher wins an overlap. */
    int specificity() {
        return values().length - ordinal();
    }

    static Optional<Kind> byRule(String rule) {
        String wanted = rule.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.rule.equals(wanted)).findFirst();
    }
}
