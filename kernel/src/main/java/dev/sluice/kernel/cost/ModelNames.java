package dev.sluice.kernel.cost;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How model names meet the price table. Names compare without case and without Gemini's
 * {@code models/} prefix. A name the table does not list is tried again without its snapshot
 * stamp, so that {@code gpt-4o-2024-08-06} is priced as {@code gpt-4o} and
 * {@code claude-sonnet-4-5-20250929} as {@code claude-sonnet-4-5}. Table entries may be patterns
 * in which {@code *} stands for any run of characters ({@code *} alone: every model).
 *
 * <p>Used when a (provider, model) pair is first priced; the result is cached, so none of this
 * runs per request.
 */
final class ModelNames {
    /**
     * Snapshot stamps at the end of a name: {@code -2024-08-06} (OpenAI), {@code -20250929}
     * (Anthropic), {@code @20250929} (Vertex AI), {@code -09-2025} (Gemini previews, Cohere),
     * {@code -0613}, {@code -2411} (older OpenAI snapshots, Mistral), {@code -001} (Gemini
     * versions) and {@code -latest}.
     */
    private static final Pattern STAMP =
            Pattern.compile("(?:-\\d{4}-\\d{2}-\\d{2}|-\\d{2}-\\d{4}|-\\d{8}|@\\d{8}|-\\d{3,4}|-latest)$");
    private static final String GEMINI_PREFIX = "models/";

    private ModelNames() {
    }

    /** The form names are compared in: trimmed, lower case, without a leading {@code models/}. */
    static String normal(String model) {
        String name = model.trim().toLowerCase(Locale.ROOT);
        return name.startsWith(GEMINI_PREFIX) ? name.substring(GEMINI_PREFIX.length()) : name;
    }

    /** The normal name without its snapshot stamp, when it has one. */
    static Optional<String> unstamped(String normal) {
        Matcher m = STAMP.matcher(normal);
        return m.find() && m.start() > 0 ? Optional.of(normal.substring(0, m.start())) : Optional.empty();
    }

    /** Whether a table key is a pattern. */
    static boolean isPattern(String key) {
        return key.indexOf('*') >= 0;
    }

    /** Whether a normal name matches a pattern whose {@code *} stand for any run of characters. */
    static boolean matches(String pattern, String name) {
        String[] pieces = pattern.split("\\*", -1);
        if (!name.startsWith(pieces[0])) {
            return false;
        }
        int at = pieces[0].length();
        for (int i = 1; i < pieces.length - 1; i++) {
            int found = name.indexOf(pieces[i], at);
            if (found < 0) {
                return false;
            }
            at = found + pieces[i].length();
        }
        String last = pieces[pieces.length - 1];
        return name.length() - at >= last.length() && name.endsWith(last);
    }

    /** How much of a pattern is literal text: the more, the more specific. */
    static int specificity(String pattern) {
        return pattern.length() - (int) pattern.chars().filter(c -> c == '*').count();
    }
}
