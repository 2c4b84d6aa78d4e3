package dev.sluice.plugins.guardrail.format;

import java.util.Locale;
import java.util.Optional;

/** When an answer that does not parse as JSON is a finding (setting {@code require_json}). */
enum RequireJson {
    /** {@code true}: when the request asked for JSON ({@code response_format}) or a schema is configured. */
    WHEN_ASKED("true"),
    /** {@code always}: every answer. */
    ALWAYS("always"),
    /** {@code false}: never; an answer that is JSON is still checked against the schema, if any. */
    NEVER("false");

    private final String text;

    RequireJson(String text) {
        this.text = text;
    }

    /** The value as written in the configuration. */
    String text() {
        return text;
    }

    static Optional<RequireJson> parse(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (RequireJson mode : values()) {
            if (mode.text.equals(wanted)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
