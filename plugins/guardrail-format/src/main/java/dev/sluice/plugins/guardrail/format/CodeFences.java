package dev.sluice.plugins.guardrail.format;

import java.util.Locale;

/**
 * Unwraps an answer that is one Markdown code block, as models often write JSON:
 * <pre>
 * ```json
 * {"name": "Ada"}
 * ```
 * </pre>
 * The fence may carry the language {@code json} (any case) or none; any other language, text
 * before or after the block, or a missing closing fence leaves the answer as it is.
 */
final class CodeFences {
    private static final String FENCE = "```";

    private CodeFences() {
    }

    static String unwrap(String text) {
        String trimmed = text.strip();
        if (!trimmed.startsWith(FENCE) || !trimmed.endsWith(FENCE) || trimmed.length() < 2 * FENCE.length()) {
            return text;
        }
        int lineEnd = trimmed.indexOf('\n');
        if (lineEnd < 0) {
            return text;
        }
        String language = trimmed.substring(FENCE.length(), lineEnd).strip().toLowerCase(Locale.ROOT);
        if (!language.isEmpty() && !language.equals("json")) {
            return text;
        }
        int close = trimmed.length() - FENCE.length();
        if (close < lineEnd + 1) {
            return text;
        }
        String inner = trimmed.substring(lineEnd + 1, close);
        return inner.contains(FENCE) ? text : inner;
    }
}
